import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { FileIssue } from '../domain/errors.ts';

/** Definitions kept as YAML (indicators, file mappings): read, validated with zod, errors naming file, line and field. */

export type YamlEntry<T> = Readonly<{ value: T; file: string; line: number }>;

/** Every `.yaml` file in a folder (or one file), each holding a list of entries of the schema. */
export async function readYamlEntries<S extends z.ZodType>(location: string, schema: S): Promise<{ entries: YamlEntry<z.output<S>>[]; issues: FileIssue[] }> {
  const { files, issues } = await yamlFilesAt(location);
  const entries: YamlEntry<z.output<S>>[] = [];
  for (const full of files) {
    const file = path.basename(full);
    const lines = new LineCounter();
    const doc = parseDocument(await readFile(full, 'utf8'), { lineCounter: lines });
    for (const error of doc.errors)
      issues.push({ file, line: error.linePos?.[0].line ?? null, column: null, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    if (doc.errors.length > 0) continue;
    const content: unknown = doc.toJS();
    const list = Array.isArray(content) ? content : [content];
    list.forEach((item, index) => {
      const at = Array.isArray(content) ? [index] : [];
      const parsed = schema.safeParse(item);
      if (parsed.success) entries.push({ value: parsed.data, file, line: lineOfPath(doc, lines, at) ?? 1 });
      else
        for (const issue of parsed.error.issues)
          issues.push({
            file,
            line: lineOfPath(doc, lines, [...at, ...(issue.path as (string | number)[])]),
            column: issue.path.join('.') || null,
            message: issue.message,
          });
    });
  }
  return { entries, issues };
}

/** A folder's `.yaml` files, or the one file named; a path that is neither (missing, a FIFO, a device) says so. */
async function yamlFilesAt(location: string): Promise<{ files: string[]; issues: FileIssue[] }> {
  const refuse = (message: string) => ({ files: [], issues: [{ file: location, line: null, column: null, message }] });
  let found;
  try {
    found = await stat(location);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`);
  }
  if (found.isFile()) return { files: [location], issues: [] };
  if (!found.isDirectory()) return refuse(`${found.isFIFO() ? 'a FIFO (named pipe)' : 'a socket or device'}, not a YAML file or a folder of them`);
  const names = (await readdir(location)).filter((f) => f.endsWith('.yaml')).sort();
  return { files: names.map((f) => path.join(location, f)), issues: [] };
}

/** The line of the deepest node on the path that exists (a missing key is reported at its entry). */
function lineOfPath(doc: Document, lines: LineCounter, at: readonly (string | number)[]): number | null {
  for (let depth = at.length; depth >= 0; depth--) {
    const node = (depth === 0 ? doc.contents : doc.getIn(at.slice(0, depth), true)) as { range?: [number, number, number] } | null | undefined;
    if (node !== undefined && node !== null && typeof node === 'object' && (isMap(node) || isSeq(node) || 'range' in node) && node.range !== undefined)
      return lines.linePos(node.range[0]).line;
  }
  return null;
}
