import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeIssue, type FileIssue } from '../../domain/errors.ts';
import { isEmploymentFile, type ImportFile, type ReadPublishedFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import { writePublishedValues } from '../imports/published-writer.ts';

/** A file a demo step makes in a published layout, and the format its reader must find it in. */
export type DemoFile = Readonly<{ name: string; text: string; format: string; mapping?: string }>;

/**
 * Imports files a demo step made exactly as an LA's import of them is: each is written to a temporary folder, read by
 * the composition root's reader of published files (by its header, through the shipped mappings) and written by the
 * published-file writer. Anything refused stops the build with the reader's or writer's own messages. Returns one
 * note per file: its name, format and the figures written, with the reader's notes.
 */
export async function importDemoFiles(
  tx: Store,
  readPublishedFile: ReadPublishedFile | undefined,
  files: readonly DemoFile[],
  batchId: number,
): Promise<string[]> {
  if (readPublishedFile === undefined) throw new Error('The demo build needs a reader of published files (ServiceOptions.readPublishedFile)');
  const folder = await mkdtemp(path.join(tmpdir(), 'waymark-demo-'));
  try {
    const notes: string[] = [];
    for (const made of files) {
      const filePath = path.join(folder, made.name);
      await writeFile(filePath, made.text);
      const read = await readPublishedFile(filePath);
      if (!read.ok) throw new Error(`The demo's ${made.name} is refused:\n${read.issues.map(describeIssue).join('\n')}`);
      const file = read.file;
      if (!isPublishedValues(file) || file.format !== made.format || (made.mapping !== undefined && file.mapping !== made.mapping))
        throw new Error(`The demo's ${made.name} was read as ${file.format}, not ${made.mapping ?? made.format}`);
      const issues: FileIssue[] = [];
      const counts = await writePublishedValues(tx, file, batchId, issues);
      if (issues.length > 0) throw new Error(`The demo's ${made.name} figures are refused:\n${issues.map(describeIssue).join('\n')}`);
      const readerNotes = file.notes.length > 0 ? `; ${file.notes.join('; ')}` : '';
      notes.push(`${made.name} (${made.mapping ?? made.format}): ${counts.inserted + counts.updated + counts.unchanged} figures${readerNotes}`);
    }
    return notes;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

type PublishedValuesFile = Parameters<typeof writePublishedValues>[1] & { mapping?: string };

/** The files the published-file writer takes: those read through a mapping, and the employment formats. */
function isPublishedValues(file: ImportFile): file is PublishedValuesFile {
  return file.format === 'mapped-csv' || isEmploymentFile(file);
}
