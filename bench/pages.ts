import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Log } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { sessionCookie } from '../src/web/middleware/access.ts';

/**
 * Page loads (issue 20.1): each page kind over several of its addresses, 50 concurrent clients in a process of their
 * own (bench/load-client.ts), after a warm-up; the app served three times from this process over the same store:
 * - **kept**: to public readers, as `npm start` serves them (pages kept whole by the data version);
 * - **signed in**: to an LA officer signed in with a session of their own (each client keeping its cookies as a browser
 *   does): a page rendered for each request, from the reads kept by the data version (kept-reads.ts);
 * - **afresh**: nothing kept, every read made and every page rendered on every request (what the first reader after a
 *   change costs, and what both caches save).
 */
export type PageRow = readonly string[];
export const pageHeader = ['page (50 clients, 10 s)', 'served', 'addresses', 'requests', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];

type Kind = Readonly<{ label: string; urls: readonly string[] }>;

export async function pageBench(services: Services, keepingNone: Services, log: Log): Promise<PageRow[]> {
  const kinds = await pageKinds(services);
  const cookie = `${sessionCookie}=${await officerSession(services)}`;
  const rows: PageRow[] = [];
  for (const [served, megabytes, serving, signedIn] of [
    ['kept', 64, services, false],
    ['signed in', 64, services, true],
    ['afresh', 0, keepingNone, false],
  ] as const) {
    const app = await createApp(serving, { log, production: true, version: 'bench', commit: null, pageCacheMb: megabytes });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      process.stderr.write(`page loads (${served}): ${kinds.map((k) => k.label).join(', ')} …\n`);
      for (const result of await loadInChild({ base, connections: 50, warmupMs: 3000, ms: 10_000, kinds, ...(signedIn ? { cookie } : {}) }))
        rows.push([
          result.label,
          served,
          String(result.urls),
          String(result.requests),
          result.perSecond.toFixed(0),
          result.p50.toFixed(1),
          result.p95.toFixed(1),
          result.p99.toFixed(1),
          String(result.errors),
        ]);
    } finally {
      await app.close();
    }
  }
  return rows;
}

/** A session of an LA officer whose role reaches the framework's LA (its schools' true values shown to them). */
async function officerSession(services: Services): Promise<string> {
  const la = services.frameworks.list()[0]!.la;
  const id = await services.accounts.add({
    username: 'bench-officer',
    displayName: 'Bench officer',
    password: 'a bench password of no use',
    grants: [{ role: 'la_officer', place: { kind: 'la', code: la } }],
  });
  return services.sessions.start(id, false);
}

/** Several addresses of each kind of page an LA's readers use most, from what the store holds. */
async function pageKinds(services: Services): Promise<Kind[]> {
  const framework = services.frameworks.list()[0]!;
  const years = Array.from({ length: framework.years.to - framework.years.from + 1 }, (_, i) => framework.years.from + i);
  const la = await services.places.placePage('la', framework.la);
  // An LA's schools hang under its districts: a couple from each of the first districts.
  const schools: string[] = [];
  for (const d of la.children.slice(0, 6))
    for (const s of (await services.places.placePage('district', d.code)).schools.slice(0, 2)) schools.push(`/schools/${s.code}`);
  const districts = la.children.slice(0, 6).map((d) => `/places/district/${d.code}`);
  const indicators = ['ks2-level4-rwm', 'ks4-5ac-em', 'persistent-absence', 'neet-or-not-known-16-17']
    .filter((code) => services.catalogue.list().some((i) => i.code === code))
    .map((code) => `/indicators/${code}`);
  return [
    { label: 'framework overview', urls: years.map((y) => `/frameworks/${framework.id}?year=${y}`) },
    { label: 'school page', urls: schools },
    { label: 'LA page', urls: [`/places/la/${framework.la}`] },
    { label: 'district page', urls: districts },
    { label: 'indicator page', urls: indicators },
  ].filter((k) => k.urls.length > 0);
}

type Plan = Readonly<{ base: string; connections: number; warmupMs: number; ms: number; cookie?: string; kinds: readonly Kind[] }>;
type Result = Readonly<{ label: string; urls: number; requests: number; errors: number; perSecond: number; p50: number; p95: number; p99: number }>;

async function loadInChild(plan: Plan): Promise<Result[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'load-client.ts'), JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the load client stopped with ${code}`);
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Result);
}
