import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { unusedDomainExports } from './support/unused-domain-exports.ts';

// What may import what (docs/architecture.md): the domain is pure; only store/ speaks SQL to PostgreSQL and only compute/ to
// DuckDB; faces never touch either.
const allowed: Readonly<Record<string, readonly string[]>> = {
  domain: ['domain'],
  demo: ['domain', 'demo'],
  store: ['domain', 'store', 'log'],
  compute: ['domain', 'compute'],
  services: ['domain', 'store', 'compute', 'services', 'log', 'demo'],
  imports: ['domain', 'imports'],
  web: ['services', 'domain', 'web', 'log', 'imports', 'api'],
  api: ['services', 'domain', 'api'],
  // The CLI prints reports as the web face renders them (waymark report), so it may mount the web app.
  cli: ['services', 'domain', 'cli', 'imports', 'store', 'config', 'log', 'version', 'web'],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

const layerOf = (file: string) => path.relative('src', file).split(path.sep)[0]!.replace(/\.ts$/, '');

describe('architecture', () => {
  it('keeps every import under src/ to the allowed edges between layers', () => {
    const violations: string[] = [];
    for (const file of files('src')) {
      const from = layerOf(file);
      const rules = allowed[from];
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        if (spec === undefined) continue;
        // node:crypto's hashes are pure functions of their input (the audit chain's SHA-256); nothing else of node: is.
        if (from === 'domain' && ((spec.startsWith('node:') && spec !== 'node:crypto') || /^(pg|kysely|fastify|pino|@duckdb)/.test(spec)))
          violations.push(`${file}: the domain imports ${spec}`);
        if (spec.startsWith('@duckdb') && from !== 'compute') violations.push(`${file}: only compute/ speaks to DuckDB (${spec})`);
        if (!spec.startsWith('.') || rules === undefined) continue;
        const to = layerOf(path.join(path.dirname(file), spec));
        if (!rules.includes(to)) violations.push(`${file}: ${from} imports ${to} (${spec})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('runs every exported domain function: none is referred to only by tests (issue 13)', () => {
    assert.deepEqual(unusedDomainExports(process.cwd()), []);
  });

  it('keeps every service file to 250 lines at most: the rules live in domain/ (issue 13)', () => {
    const long = readdirSync('src/services', { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => ({ name, lines: readFileSync(path.join('src/services', name), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 250)
      .map((f) => `src/services/${f.name}: ${f.lines} lines`);
    assert.deepEqual(long, []);
  });
});
