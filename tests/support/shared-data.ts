import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Real public files live in ../shared/data/public beside the project (read there, never copied in). */
export const sharedData = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/public');

export function sharedFile(relative: string): string {
  const full = path.join(sharedData, relative);
  if (!existsSync(full)) throw new Error(`Missing shared data file ${full}: these tests read the real DfE/GIAS/OS files from ../shared/data/public`);
  return full;
}
