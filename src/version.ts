import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Version from package.json and, where the code runs from a git checkout, the commit. */
export function readVersion(): { version: string; commit: string | null } {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: new URL('..', import.meta.url),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    commit = null;
  }
  return { version: pkg.version, commit };
}
