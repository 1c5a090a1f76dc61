/**
 * One import file read in a process of its own, as `waymark import` reads it (issue 20.5): its rows screened and its
 * records taken as the writer takes them. Prints JSON: rows, seconds and the process's peak resident memory. Run by
 * bench/run.ts under a fixed heap limit, for files of different sizes.
 */
import type { FileIssue } from '../src/domain/errors.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { loadMappings } from '../src/imports/mapped-csv/mapping.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: read-file.ts FILE');
const start = performance.now();
const read = await readImportFile(path, await loadMappings());
if (!read.ok) throw new Error(`${path} refused: ${read.issues[0]?.message}`);
let records = 0;
const file = read.file;
if (file.format === 'lait-data') for (const chunk of file.records()) records += chunk.length;
else if (typeof file.records === 'function') {
  // A file its writer takes a chunk at a time, read again as the writer reads it.
  const issues: FileIssue[] = [];
  for await (const chunk of file.records(issues)) records += chunk.length;
  if (issues.length > 0) throw new Error(`${path} refused: ${issues[0]?.message}`);
} else records = file.records.length;
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ rows: read.file.rowCount, records, seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
