import assert from 'node:assert/strict';
import type { FileIssue } from '../../src/domain/errors.ts';

/** Every record of a file read again a chunk at a time, as its writer takes them (issue 20.5), read whole for a test. */
export async function recordsOf<R>(records: (issues: FileIssue[]) => AsyncIterable<readonly R[]>): Promise<R[]> {
  const issues: FileIssue[] = [];
  const all: R[] = [];
  for await (const chunk of records(issues)) all.push(...chunk);
  assert.deepEqual(issues, []);
  return all;
}

/** A file's records read again with only those `keep` keeps: what a test imports of a larger file. */
export function keptOf<R>(records: (issues: FileIssue[]) => AsyncIterable<readonly R[]>, keep: (r: R) => boolean) {
  return async function* (issues: FileIssue[]): AsyncGenerator<readonly R[]> {
    for await (const chunk of records(issues)) yield chunk.filter(keep);
  };
}
