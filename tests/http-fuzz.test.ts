import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { readImportFile } from '../src/imports/import-files.ts';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { brookfieldAcademy, giasHeader, giasRow, writeFixture } from './fixtures/register-files.ts';
import { readShared, servicesFor } from './support/app.ts';
import { appWithRouteTable, parametersAsked, type Route } from './support/route-table.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';

// Every route Fastify holds, under hostile input: NUL, invalid UTF-8, non-ASCII, CRLF, huge and repeated parameters, in
// paths, query strings and form bodies. None may answer 500, and none may show PostgreSQL's or Fastify's own words.
// (Just over 300 lines: the hostile values and the kinds of request made of them read best in one place.)

/** Real files for figures (DfE exclusions by LA, every LA) and one fictional school, so valid paths reach the services. */
const files = await readShared(['lait/la_code_list.csv', 'exclusions-la/clean_la_data.csv']);
const school = giasRow({
  ...brookfieldAcademy,
  StatutoryLowAge: '4',
  StatutoryHighAge: '11',
  'Gender (name)': 'Mixed',
  NumberOfPupils: '412',
  Town: 'Ashford',
});

/** Values written as they go on the wire: first those no route may read (NUL, escapes that are not UTF-8)… */
const unreadable = ['%00', 'a%00b', '%C3%28', '%FF%FE', '%ED%A0%80', '%E2%82'];
/** …then those each route must read safely. */
const awkward = [
  '%', // a broken escape
  encodeURIComponent('é日本\u{1F600}'),
  encodeURIComponent('\u202Eevil'),
  '%0D%0ASet-Cookie:%20x=1',
  encodeURIComponent('"; drop table place; --'),
  encodeURIComponent('<script>alert(1)</script>'),
  '..%2F..%2Fetc%2Fpasswd',
  '-1',
  '9'.repeat(40),
  '1e309',
  'x'.repeat(5000),
  '',
];
const hostile = [...unreadable, ...awkward];
const ignoredAwkward = [awkward[1]!, 'x'.repeat(5000)];

/** The API routes that answer nothing without some query: a good one each, which the fuzz then changes a parameter of. */
const goodQueries: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/api/v1/observations': { indicator: 'permanent-exclusions', place: '886' },
  '/api/v1/pupil-groups': { collection: 'ks2', period: '201415', placeKind: 'la', place: '886' },
  '/api/v1/frameworks/:id/evaluation': { year: '2014' },
};

/** A good body for each form route the fuzz knows, so hostile values in one field reach the service; others get 'ok' in each field. */
const goodBodies: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/collaborations': { code: 'fuzz-hub-2', name: 'Fuzz hub 2', members: '990102, 2015-09-01,', editing: 'no' },
};

/** A path with its route's good query, `name` set to `value` (as written on the wire) in place of any good one. */
function withQuery(base: Base, name?: string, ...values: string[]): string {
  const pairs = Object.entries(base.query)
    .filter(([n]) => n !== name)
    .map(([n, v]) => `${n}=${encodeURIComponent(v)}`);
  if (name !== undefined) pairs.push(...values.map((v) => `${name}=${v}`));
  return pairs.length === 0 ? base.path : `${base.path}?${pairs.join('&')}`;
}

type Base = Readonly<{ path: string; query: Readonly<Record<string, string>> }>;

/** Good values for path parameters, from the data this test imports and the shipped frameworks and catalogue. */
async function validParameters(services: Services): Promise<Record<string, string[]>> {
  const framework = services.frameworks.list()[0]!;
  const indicator = (await services.observations.indicators())[0]!.code;
  return {
    kind: ['la', 'region', 'country', 'district', 'grouping'],
    code: ['886', 'E12000008', 'E92000001', 'E07000105', 'fuzz-hub', indicator, `${indicator}.csv`],
    urn: ['990102'],
    id: [framework.id, framework.targets[0]!.id],
    target: [framework.targets[0]!.id],
    '*': ['govuk-frontend.min.css', 'images/favicon.ico', 'fonts/bold-b542beb274-v2.woff2'],
  };
}

const parameter = /:([A-Za-z0-9_]+)|\*/g;

function fill(url: string, values: Readonly<Record<string, string>>): string {
  return url.replace(parameter, (_whole: string, name: string | undefined) => values[name ?? '*'] ?? 'x');
}

function parametersOf(url: string): string[] {
  return [...url.matchAll(parameter)].map((m) => m[1] ?? '*');
}

/** Every combination of good values for a route's parameters (a route without parameters has one). */
function validPaths(url: string, valid: Readonly<Record<string, string[]>>): string[] {
  let combinations: Record<string, string>[] = [{}];
  for (const name of parametersOf(url))
    combinations = combinations.flatMap((c) => (valid[name] ?? ['x']).map((v) => ({ ...c, [name]: encodeURIComponent(v).replace(/%2F/g, '/') })));
  return combinations.map((c) => fill(url, c));
}

/** Each hostile value in each parameter in turn, the others good. */
function hostilePaths(url: string, valid: Readonly<Record<string, string[]>>): string[] {
  const names = parametersOf(url);
  const first = Object.fromEntries(names.map((n) => [n, valid[n]?.[0] ?? 'x']));
  return names.flatMap((name) => hostile.map((h) => fill(url, { ...first, [name]: h })));
}

const stackOrInternals = /FST_ERR|\bat [\w.<>]+ \(|node_modules|invalid byte sequence|syntax error at|violates|relation "|column "|Unexpected token|postgres/i;

/** What is wrong with a response to hostile input (none: handled), so one run lists every failing request. */
function problemsOf(response: LightMyRequestResponse, label: string): string[] {
  const problems: string[] = [];
  if (response.statusCode >= 500) problems.push(`${label} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
  if (response.statusCode >= 400) {
    if (stackOrInternals.test(response.body)) problems.push(`${label} shows internals: ${response.body.slice(0, 200)}`);
    const json = String(response.headers['content-type']).includes('json');
    const api = / \/api\/|^\S+ \/health/.test(label);
    if (json !== api) problems.push(`${label} answered ${String(response.headers['content-type'])}`);
  }
  return problems;
}

/** Run the requests a few at a time (the database answers while the next page renders), in a fixed order. */
async function inTurn(jobs: readonly (() => Promise<void>)[], width = 4): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

describe('every route under hostile input', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let routes: Route[];
  let valid: Record<string, string[]>;
  /** Per GET route, up to two paths with good parameters that the app answers (the rest of the fuzz starts from them). */
  const bases = new Map<string, Base[]>();
  const reads = new Map<Base, Set<string>>();
  const pages: string[] = [];
  let queryNames: string[] = [];
  let formFields = new Map<string, Set<string>>();
  const problems: string[] = [];
  /** The fuzz is signed in as an LA administrator, so the routes that need a role reach their services too. */
  let signedIn: { cookie: string; csrfCookie: string; token: string };
  const inject = (request: InjectOptions & { url: string }) => {
    // Signing out would end the session the rest of the fuzz uses: /sign-out is posted with the CSRF cookie only.
    const cookie = request.url.startsWith('/sign-out') ? signedIn.csrfCookie : signedIn.cookie;
    return app.inject({ ...request, headers: { ...request.headers, cookie } });
  };
  const check = (request: InjectOptions & { url: string }) => async () => {
    const label = `${request.method ?? 'GET'} ${request.url.slice(0, 120)}`;
    problems.push(...problemsOf(await inject(request), label));
  };

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    const services = servicesFor(database, new Date('2016-01-14T00:00:00Z'), log);
    const gias = await readImportFile(writeFixture('edubasealldata20160114.csv', `${giasHeader.map((h) => `"${h}"`).join(',')}\r\n${school}\r\n`));
    assert.ok(gias.ok);
    await services.imports.importFiles([...files, gias.file]);
    ({ app, routes } = await appWithRouteTable(() => createApp(services, { log, production: true, version: '9.9.9', commit: 'abc1234' })));
    valid = await validParameters(services);
    const password = 'fuzz administrator password';
    await services.accounts.add({ username: 'fuzz-admin', displayName: 'Fuzz admin', password, grants: [{ role: 'la_admin', place: null }] });
    const signInPage = await app.inject('/sign-in');
    const csrfCookie = `waymark_csrf=${signInPage.cookies.find((c) => c.name === 'waymark_csrf')!.value}`;
    const token = /name="_csrf" value="([^"]+)"/.exec(signInPage.body)![1]!;
    const session = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: csrfCookie },
      payload: { _csrf: token, username: 'fuzz-admin', password },
    });
    assert.equal(session.statusCode, 303, session.body);
    signedIn = { cookie: `${csrfCookie}; waymark_session=${session.cookies.find((c) => c.name === 'waymark_session')!.value}`, csrfCookie, token };
    const hub = await inject({
      method: 'POST',
      url: '/collaborations',
      payload: { _csrf: token, code: 'fuzz-hub', name: 'Fuzz hub', members: '990102, 2015-09-01,' },
    });
    assert.equal(hub.statusCode, 303, hub.body);
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const paths = validPaths(route.url, valid);
      const answered: string[] = [];
      for (const path of paths) {
        if (answered.length >= 2) break;
        const page = await inject({ method: 'GET', url: path });
        if (page.statusCode >= 400) continue;
        answered.push(path);
        pages.push(page.body);
      }
      const query = goodQueries[route.url] ?? {};
      bases.set(
        route.url,
        (answered.length > 0 ? answered : paths.slice(0, 1)).map((path) => ({ path, query })),
      );
    }
    ({ query: queryNames, form: formFields } = parametersAsked(pages, (await app.inject('/api/v1/openapi.json')).json()));
    // Which query parameters each path reads: a parameter given twice changes the answer of a route that reads it.
    for (const base of [...bases.values()].flat()) {
      const plain = (await inject({ method: 'GET', url: withQuery(base) })).statusCode;
      const read = new Set<string>();
      for (const name of queryNames) if ((await inject({ method: 'GET', url: withQuery(base, name, '1', '2') })).statusCode !== plain) read.add(name);
      reads.set(base, read);
    }
  });
  beforeEach(() => {
    problems.length = 0;
  });
  after(async () => {
    await app.close();
    await database.drop();
  });

  it('reads the routes from Fastify: pages, static files, forms and the API', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /places/:kind/:code',
      'GET /indicators/:code',
      'POST /collaborations',
      'GET /api/v1/observations',
      'GET /info',
      'GET /assets/*',
    ])
      assert.ok(urls.includes(expected), `${expected} in ${urls.join(', ')}`);
    for (const name of ['q', 'on', 'period', 'breakdown', 'year', 'group', 'la', 'district', 'phase', 'fsm', 'placeKind', 'limit'])
      assert.ok(queryNames.includes(name), `${name} in ${queryNames.join(', ')}`);
    assert.deepEqual([...(formFields.get('/collaborations') ?? [])].sort(), ['_csrf', 'code', 'editing', 'members', 'name', 'unknown']);
    assert.deepEqual([...(formFields.get('/sign-in') ?? [])].sort(), ['_csrf', 'next', 'password', 'unknown', 'username']);
    assert.ok(
      bases.get('/indicators/:code')!.some((b) => b.path.endsWith('.csv')),
      'the CSV download is fuzzed',
    );
  });

  it('answers good and hostile path parameters on every GET route without a 500', async () => {
    const urls = routes.filter((r) => r.method === 'GET').flatMap((r) => [...validPaths(r.url, valid), ...hostilePaths(r.url, valid)]);
    await inTurn(urls.map((url) => check({ method: 'GET', url })));
    const heads = routes.filter((r) => r.method === 'GET').flatMap((r) => validPaths(r.url, valid));
    await inTurn(heads.map((url) => check({ method: 'HEAD', url })));
    assert.deepEqual(problems, []);
  });

  it('answers hostile, huge and repeated query parameters on every GET route without a 500', async () => {
    const jobs = [...bases.values()].flat().flatMap((base) => [
      ...queryNames.flatMap((name, i) => [
        // The unreadable are refused in one place before any route: each name gets one of them, in turn. A parameter
        // the route reads gets every awkward value; one it ignores, the two that cost the most to ignore.
        ...[unreadable[i % unreadable.length]!, ...(reads.get(base)!.has(name) ? awkward : ignoredAwkward)].map((value) =>
          check({ method: 'GET', url: withQuery(base, name, value) }),
        ),
        check({ method: 'GET', url: `${withQuery(base, name, '1', '2')}&${name}[]=3&${name}[x]=4` }),
      ]),
      check({ method: 'GET', url: withQuery(base, 'p', ...Array.from({ length: 2000 }, (_, i) => `${i}`)) }),
      check({ method: 'GET', url: `${withQuery(base, 'p0', '0')}&${Array.from({ length: 2000 }, (_, i) => `p${i + 1}=${i}`).join('&')}` }),
    ]);
    await inTurn(jobs);
    assert.deepEqual(problems, []);
  });

  it('answers hostile form and JSON bodies on every POST route without a 500', async () => {
    const jobs = routes
      .filter((r) => r.method === 'POST')
      .flatMap((route) => {
        const url = fill(route.url, Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, v[0]!])));
        // The fields the app's forms post to the route, and one it does not read, as any client may send.
        const fields = [...(formFields.get(url) ?? ['unknown'])];
        // Every good body carries the form's CSRF token; a hostile value in `_csrf` is refused with 403, never a 500.
        const good: Record<string, string> = { ...Object.fromEntries(fields.map((f) => [f, 'ok'])), ...goodBodies[route.url], _csrf: signedIn.token };
        const encoded = (field: string, value: string) =>
          Object.entries({ ...good, [field]: value })
            .map(([f, v]) => `${f}=${f === field ? v : encodeURIComponent(v)}`)
            .join('&');
        const form = (payload: string | Buffer) => check({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
        const json = (value: unknown) => check({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(value) });
        return [
          ...fields.flatMap((field) => [
            ...hostile.map((value) => form(encoded(field, value))),
            form(`${encoded(field, 'a')}&${field}=b`),
            ...['a\u0000b', '\uD800', '\uFFFD', 'é日本', 'x'.repeat(100_000), 1, true, null, ['a'], { a: 'b' }].map((value) =>
              json({ ...good, [field]: value }),
            ),
          ]),
          json([]),
          json('text'),
          form(Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x3d, 0xc3, 0x28])), // code=<invalid UTF-8>
          form(`members=${'9'.repeat(300_000)}`),
          check({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"code":' }),
          check({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: Buffer.from('{"code":"\xff"}', 'latin1') }),
          check({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: 'code=x' }),
          check({ method: 'POST', url, headers: { 'content-type': 'application/xml' }, payload: '<a/>' }),
          check({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' }),
        ];
      });
    await inTurn(jobs);
    assert.deepEqual(problems, []);
  });

  it('answers broken, over-long and unknown addresses with a page (or, under /api, JSON) in plain words', async () => {
    const urls = ['/%', '/%00', '/a%00b', '/%C3%28', `/${'x'.repeat(20_000)}`, `/places/la/${'9'.repeat(500)}`, '/api/v1/%', '/api/v1/nothing-here'];
    await inTurn([...urls, `/api/v1/targets/${'x'.repeat(500)}`].map((url) => check({ method: 'GET', url })));
    await inTurn((['DELETE', 'PUT', 'PATCH', 'OPTIONS'] as const).map((method) => check({ method, url: '/collaborations' })));
    assert.deepEqual(problems, []);
  });

  it('answers an address over the 16 KB Node reads, on a real socket, with the error page', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/search?q=${'x'.repeat(20_000)}`);
    assert.equal(response.status, 431);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const body = await response.text();
    assert.match(body, /<title>There is a problem with the request – Waymark<\/title>/);
    assert.match(body, /too long/);
  });
});
