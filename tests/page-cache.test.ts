import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { untrackedTables } from '../src/store/migrations/0028_data_change.ts';
import { createApp } from '../src/web/create-app.ts';
import { appWithImports, readShared, servicesFor, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

/**
 * Public pages kept by the data version (issue 20.4): a kept page is byte for byte the page rendered afresh, an import
 * changes the version and so the page, and what the version is read from moves only when a change is committed.
 * Figures from the DfE's NEET and participation files by LA (neet-la/, one file a year).
 */
const earlier = await readShared(['neet-la/neet_nk_la_2021.csv', 'neet-la/neet_nk_la_2022.csv', 'neet-la/neet_nk_la_2023.csv']);
const later = await readShared(['neet-la/neet_nk_la_2024.csv']);

const pages = [
  '/indicators/neet-or-not-known-16-17',
  '/indicators',
  '/places/la/886',
  '/frameworks',
  '/indicators/neet-or-not-known-16-17?download=csv&table=1',
];

/** A page with its CSRF tokens (the reader's, new each render) taken out: what else it holds is the same for each render. */
const withoutToken = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');

for (const target of databaseTargets()) {
  describe(`Kept pages (${target.name})`, () => {
    let test: TestApp;
    /** The same services, every page rendered on every request. */
    let uncached: FastifyInstance;
    /** The services a request of the kept app reached, by name (a page served from the cache reads the version alone). */
    const reached = new Set<string>();
    /** Calls of the services' methods but the version's and sessions': what a render does and a kept page does not. */
    let calls = 0;
    const renderReads = () => calls;
    let cached: FastifyInstance;
    /** An LA officer's session: their pages are rendered for each request, from reads kept a data version. */
    let session: string;
    const signedIn = (app: FastifyInstance, url: string) => app.inject({ url, cookies: { waymark_session: session } });
    before(async () => {
      test = await appWithImports(target, earlier);
      const log = createLog('silent');
      // Over a copy: the services object is frozen, and a proxy of a frozen object must return its own members.
      const counting = new Proxy(
        { ...test.services },
        {
          get(services, name: string) {
            reached.add(name);
            const service: unknown = services[name as keyof Services];
            if (name === 'dataVersion' || name === 'sessions' || typeof service !== 'object' || service === null) return service;
            return new Proxy(service, {
              get(target, key) {
                const member: unknown = Reflect.get(target, key);
                if (typeof member !== 'function') return member;
                return (...args: unknown[]) => {
                  calls++;
                  return (member as (...a: unknown[]) => unknown).apply(target, args);
                };
              },
            });
          },
        },
      );
      cached = await createApp(counting, { log, production: true, version: 'test', commit: null, pageCacheMb: 16 });
      // Nothing kept at all: neither pages nor the reads behind them (kept-reads.ts).
      const keepingNone = servicesFor(test.database, new Date('2026-01-01T00:00:00Z'), log, 0);
      uncached = await createApp(keepingNone, { log, production: true, version: 'test', commit: null, pageCacheMb: 0 });
      const officer = await test.services.accounts.add({
        username: 'officer',
        displayName: 'An LA officer',
        password: 'a password for the test',
        grants: [{ role: 'la_officer', place: { kind: 'la', code: '886' } }],
      });
      session = await test.services.sessions.start(officer, false);
    });
    after(async () => {
      await cached.close();
      await uncached.close();
      await test.close();
    });

    it('serves a kept page byte for byte as rendered afresh, reading nothing but the data version', async () => {
      for (const url of pages) {
        const first = await cached.inject(url);
        assert.equal(first.statusCode, 200, url);
        reached.clear();
        const second = await cached.inject(url);
        assert.deepEqual(
          // withinOneReadingRequest reads nothing: it opens the request's scope, in which the version is read once.
          [...reached].filter((n) => n !== 'dataVersion' && n !== 'sessions' && n !== 'withinOneReadingRequest'),
          [],
          `${url} read only the version`,
        );
        const fresh = await uncached.inject(url);
        assert.equal(second.rawPayload.compare(fresh.rawPayload), 0, `${url}: kept and fresh differ`);
        assert.equal(second.headers['content-type'], fresh.headers['content-type'], url);
        assert.equal(second.headers['content-disposition'], fresh.headers['content-disposition'], url);
        assert.equal(second.headers.etag, first.headers.etag, url);
        assert.equal(second.headers['cache-control'], 'no-cache', url);
        assert.equal(first.headers['set-cookie'], undefined, `${url}: a kept page sets no cookie`);
      }
    });

    it('answers 304 to a reader holding the page, and sends brotli and gzip that decode to the same bytes', async () => {
      const url = pages[0]!;
      const page = await cached.inject(url);
      const etag = page.headers.etag as string;
      assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
      const revalidated = await cached.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(revalidated.statusCode, 304);
      assert.equal(revalidated.body, '');
      const head = await cached.inject({ method: 'HEAD', url });
      assert.deepEqual([head.statusCode, head.headers.etag, head.body], [200, etag, ''], 'HEAD from the kept page');
      const stale = await cached.inject({ url, headers: { 'if-none-match': '"not-this-page"' } });
      assert.equal(stale.statusCode, 200);
      for (const [encoding, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const compressed = await cached.inject({ url, headers: { 'accept-encoding': encoding } });
        assert.equal(compressed.headers['content-encoding'], encoding);
        assert.equal(decode(compressed.rawPayload).compare(page.rawPayload), 0, encoding);
        // Other bytes, another tag (RFC 9110 §8.8.3); a 304 says what it varies by, as the 200 does.
        const tag = compressed.headers.etag as string;
        assert.notEqual(tag, etag, encoding);
        const held = await cached.inject({ url, headers: { 'accept-encoding': encoding, 'if-none-match': tag } });
        assert.equal(held.statusCode, 304, encoding);
        assert.match(String(held.headers.vary), /Accept-Encoding/, encoding);
        const other = await cached.inject({ url, headers: { 'accept-encoding': encoding, 'if-none-match': etag } });
        assert.equal(other.statusCode, 200, `${encoding}: the identity form's tag is not this form's`);
      }
    });

    it('sends each reader the form the compression would have chosen, under that form’s tag, never compressed twice', async () => {
      // @fastify/compress reads `*` and `x-gzip` as gzip and chooses between brotli and gzip only (create-app.ts), so a
      // reader preferring identity but accepting gzip gets gzip; one accepting deflate alone gets the page as it is.
      const url = pages[0]!;
      const page = await cached.inject(url);
      const cases: readonly (readonly [string, string | undefined, (b: Buffer) => Buffer])[] = [
        ['x-gzip', 'gzip', gunzipSync],
        ['*', 'gzip', gunzipSync],
        ['gzip;q=0.5, identity', 'gzip', gunzipSync],
        ['GZIP, BR;q=0.9', 'gzip', gunzipSync],
        ['deflate', undefined, (b) => b],
        ['br;q=0, gzip;q=0', undefined, (b) => b],
      ];
      for (const [header, encoding, decode] of cases) {
        const sent = await cached.inject({ url, headers: { 'accept-encoding': header } });
        assert.equal(sent.headers['content-encoding'], encoding, header);
        assert.equal(decode(sent.rawPayload).compare(page.rawPayload), 0, `${header}: the page's bytes`);
        assert.equal(sent.headers.etag, encoding === undefined ? page.headers.etag : `${(page.headers.etag as string).slice(0, -1)}-${encoding}"`, header);
        assert.equal(Number(sent.headers['content-length']), sent.rawPayload.length, header);
      }
    });

    it('sends a page rendered afresh as the kept page is sent again: in the encoding asked for, with the same tag', async () => {
      const url = '/ofsted/inspections';
      const first = await cached.inject({ url, headers: { 'accept-encoding': 'br' } });
      const again = await cached.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.deepEqual([first.headers['content-encoding'], again.headers['content-encoding']], ['br', 'br']);
      assert.equal(first.headers.etag, again.headers.etag);
      assert.equal(first.rawPayload.compare(again.rawPayload), 0);
      assert.equal(Number(first.headers['content-length']), first.rawPayload.length);
    });

    it('renders a page once for readers asking for it at the same time after a change, not once a reader', async () => {
      const url = pages[0]!;
      const change = (code: string) => test.database.store.places.upsert('district', [{ code, name: `A district ${code}` }], null);
      await change('E07999990');
      calls = 0;
      await cached.inject(url);
      const once = renderReads();
      assert.ok(once > 0);
      await change('E07999991');
      calls = 0;
      const answers = await Promise.all(Array.from({ length: 6 }, () => cached.inject(url)));
      assert.deepEqual(new Set(answers.map((a) => a.statusCode)), new Set([200]));
      assert.equal(new Set(answers.map((a) => a.body)).size, 1);
      assert.equal(renderReads(), once, 'six readers, one render');
    });

    it('keeps nothing for a reader with a session cookie, nor serves them a kept page', async () => {
      const url = pages[0]!;
      await cached.inject(url);
      reached.clear();
      const reader = await cached.inject({ url, cookies: { waymark_session: 'not-a-session' } });
      assert.equal(reader.statusCode, 200);
      assert.equal(reader.headers.etag, undefined);
      // The page's own services were reached: it was rendered afresh.
      assert.ok(
        [...reached].some((n) => n !== 'dataVersion' && n !== 'sessions'),
        `rendered afresh: ${[...reached].join(', ')}`,
      );
    });

    it('moves the data version only when a change is committed, never back, and not for a change rolled back', async () => {
      const start = (await test.services.dataVersion()).version;
      // Inside a transaction, the change is not yet anyone else's: the version read outside it stays.
      await test.database.store
        .transaction(async (store) => {
          await store.places.upsert('district', [{ code: 'E07999999', name: 'A district not kept' }], null);
          assert.equal((await test.services.dataVersion()).version, start);
          throw new Error('roll back');
        })
        .catch((error: Error) => assert.equal(error.message, 'roll back'));
      assert.equal((await test.services.dataVersion()).version, start);
      await test.database.store.places.upsert('district', [{ code: 'E07999998', name: 'A district kept' }], null);
      const moved = await test.services.dataVersion();
      assert.ok(moved.version > start, `${moved.version} > ${start}`);
      assert.ok(moved.changedAt !== null);
      // Folding the rows (as reads do past 256) keeps the version.
      await sql`select data_change_compact()`.execute(test.database.db);
      assert.equal((await test.services.dataVersion()).version, moved.version);
      // A session's temporary table named data_change (searched first by default) does not take the change (migration 0031).
      await test.database.db.transaction().execute(async (trx) => {
        await sql`create temp table data_change (id bigserial, xact xid8 unique, weight bigint default 1, changed_at timestamptz) on commit drop`.execute(trx);
        await sql`insert into place (kind, code, name) values ('district', 'E07999997', 'A district beside a temporary data_change')`.execute(trx);
      });
      assert.ok((await test.services.dataVersion()).version > moved.version, 'the change is noted in the real data_change');
    });

    it('gives a signed-in reader the page rendered with nothing kept, their reads kept for the next page they open', async () => {
      for (const url of pages) {
        const [first, second] = [await signedIn(cached, url), await signedIn(cached, url)];
        const fresh = await signedIn(uncached, url);
        for (const page of [first, second, fresh]) assert.equal(page.statusCode, 200, url);
        if (String(first.headers['content-type']).startsWith('text/html')) assert.ok(first.body.includes('Sign out'), `${url}: signed in`);
        assert.equal(first.headers.etag, undefined, `${url}: a signed-in page is not kept whole`);
        assert.equal(withoutToken(second.body), withoutToken(fresh.body), `${url}: kept reads and fresh reads differ`);
        assert.equal(withoutToken(first.body), withoutToken(second.body), url);
      }
    });

    it('shows an import at once: the 2024 file’s year appears on the kept page, as on the page rendered afresh', async () => {
      const url = pages[0]!;
      const before = await cached.inject(url);
      assert.ok(!before.body.includes('2023/24'), 'no 2023/24 before the import');
      await test.services.imports.importFiles(later);
      const after = await cached.inject(url);
      // neet-la/neet_nk_la_2024.csv: the 2023/24 figures (end of 2023 averaged over Dec-Feb), published in 2024.
      assert.ok(after.body.includes('2023/24'), 'the 2024 file’s year shown');
      assert.notEqual(after.headers.etag, before.headers.etag);
      const fresh = await uncached.inject(url);
      assert.equal(after.rawPayload.compare(fresh.rawPayload), 0);
    });

    it('shows a signed-in reader the import at once, though their pages were read before it', async () => {
      const url = pages[0]!;
      const page = await signedIn(cached, url);
      assert.ok(page.body.includes('2023/24'), 'the 2024 file’s year shown');
      assert.equal(withoutToken(page.body), withoutToken((await signedIn(uncached, url)).body));
    });

    it('tracks every table a page can show: each carries the data_change trigger but those migration 0028 names', async () => {
      const { rows } = await sql<{ table: string; tracked: boolean }>`
        select t.tablename as table, exists (
          select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid
          where c.relname = t.tablename and c.relnamespace = 'public'::regnamespace and g.tgname = 'data_change'
        ) as tracked
        from pg_tables t where t.schemaname = 'public' order by 1`.execute(test.database.db);
      const untracked = new Set<string>(untrackedTables);
      const wrong = rows.filter((r) => r.tracked === untracked.has(r.table)).map((r) => `${r.table}: ${r.tracked ? 'tracked' : 'untracked'}`);
      assert.deepEqual(wrong, []);
      assert.ok(rows.length > 40, `${rows.length} tables`);
    });
  });
}
