import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decideRouteAccess, type Principal } from '../src/domain/access/decide-access.ts';
import type { RouteAccess } from '../src/domain/access/route-access.ts';
import { roles as roleDefinitions } from '../src/domain/access/roles.ts';
import { demoPassword, demoUsers } from '../src/demo/demo-users.ts';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, type TestDatabase } from './support/databases.ts';
import { demoDatabase } from './support/demo-template.ts';
import { appWithRouteTable, type Route } from './support/route-table.ts';
import { clientOf, type Client } from './support/sign-in.ts';
import type { FastifyInstance } from 'fastify';

// Every route Fastify holds × every role × a place inside and a place outside the role's scope (issue 14, acceptance
// check 2). The routes and what each declares come from the app itself (an onRoute hook), so a route added later is
// walked without this test changing; only a new kind of path parameter needs an example below, and the test says so.
// The rule each answer is checked against is the domain's own (decideRouteAccess), the place tree the demo county's.
// "A read outside scope" is a figure shown to a signed-in reader that the public would not see: outside their scope a
// reader's page and API answers must be exactly the public reader's.

const today = '2026-01-01';
const period = '201112';

/** A reader: 'public' (not signed in), 'no-role' (signed in, no grant) or a demo user's username. */
type Role = string;
type Declared = Route & Readonly<{ access: RouteAccess }>;

for (const target of databaseTargets()) {
  describe(`every route × every role × places in and out of scope (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let routes: Declared[] = [];
    const clients = new Map<Role, Client>();
    const principals = new Map<Role, Principal | null>();
    /** Example values for path parameters: [inside Swale (the demo lead's district, the demo school's), outside]. */
    let examples: Record<string, readonly [string, string]>;
    /** Each role's scope for true values, as `kind:code` keys (an LA-wide reader's is everywhere). */
    const scopes = new Map<Role, Set<string> | 'everywhere'>();

    before(async () => {
      // The one-year demo county the run builds once (its clock at midnight; this test's at nine).
      database = await demoDatabase(target, [2011], new Date(`${today}T00:00:00Z`));
      const log = createLog('silent');
      services = servicesFor(database, new Date(`${today}T09:00:00Z`), log);
      await services.accounts.ensureDemoUsers();
      await services.accounts.add({ username: 'no-role', displayName: 'No role yet', password: demoPassword, grants: [] });
      const read = await appWithRouteTable(async () => {
        const built = await createApp(services, { log, production: true, version: 'test', commit: null });
        await built.ready();
        return built;
      });
      app = read.app;
      routes = read.routes
        .filter((r) => !r.url.startsWith('/assets/') && !r.url.startsWith('/stylesheets/'))
        .map((r) => {
          assert.ok(r.access !== undefined, `${r.method} ${r.url} declares its access`);
          return { ...r, access: r.access };
        });

      const swale = await database.store.places.find('district', 'E07000113');
      const under = new Set(await database.store.access.placesUnder([swale!.id], today));
      const schools = await database.db.selectFrom('place').select(['id', 'code']).where('kind', '=', 'school').orderBy('code').execute();
      const inside = schools.find((s) => under.has(Number(s.id)))!.code;
      const outside = schools.find((s) => !under.has(Number(s.id)) && s.code !== '900001')!.code;
      const otherDistrict = await database.db
        .selectFrom('place')
        .select('code')
        .where('kind', '=', 'district')
        .where('code', '<>', 'E07000113')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      examples = {
        urn: [inside, outside],
        kind: ['district', 'district'],
        code: ['E07000113', otherDistrict.code],
        'indicators/code': ['ks2-level4-rwm', 'ks2-level4-rwm'],
        'collaborations/code': ['NO-SUCH-HUB', 'NO-SUCH-HUB'],
        id: ['kent-2013-2016', 'kent-2013-2016'],
        // A delivery record (issue 18.6): the demo holds none, and a missing one is a 404 to a reader with the action.
        'frameworks/record': ['1', '1'],
        target: ['ks2-attainment', 'ks2-attainment'],
        username: ['demo-school', 'demo-school'],
        'admin/id': ['1', '1'],
        'account/id': ['1', '1'],
        'sen/id': ['1', '1'],
        'sen/step': ['decision', 'decision'],
        'participation/id': ['1', '1'],
        'inclusion/id': ['1', '1'],
        'inclusion/child': ['C1100001', 'C1100001'],
        'cme/id': ['1', '1'],
        // An admissions round or application (issue 16): the demo may hold none, and a missing one is a 404 to a reader with the action.
        'admissions/id': ['1', '1'],
        // A team's pseudonymised extract: the demo CME officer (Swale only) holds the action but not the LA-wide reach, and gets a 404.
        'casework/team': ['cme', 'cme'],
        // A planning area (issue 17): Swale's secondary area and Ashford's.
        'planning/code': ['886-S-SWA', '886-S-ASH'],
        // A release (issue 19.7): the demo may hold none, and a missing one is a 404 (to a reader with the action, for the administration).
        'releases/id': ['1', '1'],
        'releases/slug': ['no-such-release-2026-01-01', 'no-such-release-2026-01-01'],
      };
      const keyOf = new Map((await database.db.selectFrom('place').select(['id', 'kind', 'code']).execute()).map((p) => [Number(p.id), `${p.kind}:${p.code}`]));

      clients.set('public', clientOf(app));
      principals.set('public', null);
      for (const username of ['no-role', ...demoUsers.map((u) => u.username)]) {
        const client = clientOf(app);
        const signedIn = await client.signIn(username, demoPassword);
        assert.equal(signedIn.statusCode, 303, `${username} signs in`);
        clients.set(username, client);
        const user = await database.store.access.userByName(username);
        const grants = await database.store.access.grantsOf([user!.id]);
        principals.set(username, { userId: user!.id, username, displayName: username, grants });
        // A reader of true figures LA-wide (the administrator, the place planner: grants on no place) sees them everywhere.
        const laWide = grants.some((g) => g.placeId === null && roleDefinitions[g.role].actions.includes('view-unsuppressed'));
        scopes.set(
          username,
          laWide
            ? 'everywhere'
            : new Set(
                (
                  await database.store.access.placesUnder(
                    // True figures: only the grants whose role sees them (a caseworker's grant opens cases, not figures).
                    grants.filter((g) => roleDefinitions[g.role].actions.includes('view-unsuppressed')).map((g) => g.placeId!),
                    today,
                  )
                ).map((id) => keyOf.get(id)!),
              ),
        );
      }
      scopes.set('public', new Set());
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    /** A route's address with its parameters filled: the place inside Swale, or the one outside. */
    const addressOf = (route: Route, where: 0 | 1) =>
      route.url.replace(/:(\w+)/g, (_, name: string) => {
        const example = examples[`${route.url.split('/')[1]}/${name}`] ?? examples[name];
        assert.ok(example !== undefined, `${route.method} ${route.url}: give :${name} an example in this test`);
        return example[where];
      });

    /** What a page shows apart from who is signed in: the header's account line, the navigation and the form tokens are the reader's own. */
    const shown = (body: string) =>
      body
        .replace(/<div class="govuk-width-container govuk-!-padding-top-2[\s\S]*?<\/header>/, '')
        // The service navigation offers each reader their own team's pages (casework, issue 15): the reader's own, like the account line.
        .replace(/<nav aria-label="[^"]*" class="govuk-service-navigation__wrapper[\s\S]*?<\/nav>/, '')
        .replace(/name="_csrf" value="[^"]*"/g, '')
        .replace(/"requestId":"[^"]*"/g, '');

    const roles = (): Role[] => [...clients.keys()];
    /** Whether a role's scope holds the place a filled route names. */
    const inScope = (role: Role, route: Route) => {
      const scope = scopes.get(role)!;
      const place = /:urn\b/.test(route.url) ? `school:${examples.urn![1]}` : `${examples.kind![1]}:${examples.code![1]}`;
      return scope === 'everywhere' || scope.has(place);
    };

    it('reads every route and what it declares from the app', () => {
      assert.ok(routes.length >= 30, `${routes.length} routes`);
      assert.ok(routes.some((r) => r.method === 'POST'));
      for (const r of routes) assert.ok(r.access !== undefined, `${r.method} ${r.url} declares its access`);
      // The SSDA903 import and the pseudonymised extracts (issue 15.5 and 15.7) are walked like every other route.
      for (const [method, url] of [
        ['GET', '/inclusion/children/import'],
        ['POST', '/inclusion/children/import'],
        ['GET', '/casework/extracts/:team'],
      ])
        assert.ok(
          routes.some((r) => r.method === method && r.url === url),
          `${method} ${url} is in the route table`,
        );
    });

    it('answers every GET route to every role as its declaration and the role allow, with the security headers: 0 pages to a role without the right', async () => {
      const checked: string[] = [];
      for (const route of routes.filter((r) => r.method === 'GET')) {
        if (route.url === '/sign-in/code' || route.url === '/api/v1/pupil-groups') continue; // asked with a pending sign-in / with a query: below
        for (const role of roles()) {
          const url = addressOf(route, 1);
          const response = await clients.get(role)!.request({ method: 'GET', url });
          const access = route.access;
          const principal = principals.get(role)!;
          if (access === 'public') assert.ok(response.statusCode < 500 && response.statusCode !== 403, `${role} ${url}: ${response.statusCode}`);
          else if (principal === null)
            assert.ok(
              response.statusCode === 303 ? response.headers.location!.startsWith('/sign-in?next=') : response.statusCode === 403,
              `${role} ${url}: ${response.statusCode} ${response.headers.location}`,
            );
          else if (access === 'signed-in') assert.equal(response.statusCode, 200, `${role} ${url}`);
          else {
            const allowed = decideRouteAccess(principal, access.action, today).allowed;
            assert.equal(response.statusCode === 403, !allowed, `${role} ${url}: ${response.statusCode} (allowed: ${allowed})`);
          }
          // Every page type to every reader: the security headers, cookie flags, and nothing a signed-in reader sees cached.
          const csp = String(response.headers['content-security-policy']);
          assert.match(csp, /frame-ancestors 'none'/, url);
          assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
          assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
          assert.equal(response.headers['referrer-policy'], 'same-origin', url);
          for (const cookie of response.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[])
            assert.deepEqual([cookie.httpOnly, cookie.sameSite?.toLowerCase()], [true, 'lax'], `${url}: cookie ${cookie.name}`);
          if (principal !== null) assert.equal(response.headers['cache-control'], 'no-store', `${role} ${url} is not cached`);
          checked.push(`${role} ${url}`);
        }
      }
      assert.ok(checked.length > 100, `${checked.length} answers checked`);
    });

    it('shows a signed-in reader outside their scope exactly what the public sees, on every public GET route naming a place', async () => {
      let compared = 0;
      const placed = routes.filter((r) => r.method === 'GET' && r.access === 'public' && /:(urn|kind)\b/.test(r.url));
      // A place named in the query rather than the path: the framework evaluated for a district.
      const byQuery = { method: 'GET', url: `/frameworks/kent-2013-2016?year=2012&place=${examples.code![1]}` };
      for (const route of [...placed, byQuery]) {
        const url = route === byQuery ? byQuery.url : addressOf(route, 1);
        const publicBody = shown((await clients.get('public')!.request({ method: 'GET', url })).body);
        for (const role of roles().filter((r) => !inScope(r, route))) {
          const body = shown((await clients.get(role)!.request({ method: 'GET', url })).body);
          assert.equal(body, publicBody, `${role} sees ${url} as the public does`);
          compared++;
        }
      }
      assert.ok(compared >= 6, `${compared} pages compared`);
    });

    it('gives every API figure outside a reader’s scope exactly as the public gets it, and true values only inside', async () => {
      const ask = async (role: Role, query: string) => {
        const response = await clients.get(role)!.request({ method: 'GET', url: `/api/v1/observations?${query}` });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<{
          disclosure: string;
          observations: { place: { kind: string; code: string }; breakdown: string; value: number | null; symbol: string | null; suppression: string | null }[];
        }>();
      };
      const query = `indicator=ks2-level4-english-maths&period=${period}&basis=computed&breakdown=ehc-plan&limit=5000`;
      const seen = await ask('public', query);
      const publicRows = new Map(seen.observations.map((o) => [`${o.place.kind}:${o.place.code}|${o.breakdown}`, o]));
      assert.ok(
        seen.observations.some((o) => o.suppression !== null),
        `the public query has suppressed cells to protect (${seen.observations.length} rows: ${JSON.stringify(seen.observations.slice(0, 2))})`,
      );
      const unsuppressedInScope = new Map<Role, number>();
      for (const role of roles()) {
        const answer = await ask(role, query);
        for (const o of answer.observations) {
          const key = `${o.place.kind}:${o.place.code}|${o.breakdown}`;
          const scope = scopes.get(role)!;
          const reaches = scope === 'everywhere' || scope.has(`${o.place.kind}:${o.place.code}`);
          if (!reaches) assert.deepEqual(o, publicRows.get(key), `${role}: ${key} outside scope is the public figure`);
          else if (publicRows.get(key)!.suppression !== null && o.suppression === null) unsuppressedInScope.set(role, (unsuppressedInScope.get(role) ?? 0) + 1);
        }
        const scope = scopes.get(role)!;
        assert.equal(answer.disclosure, scope === 'everywhere' ? 'la-officer' : scope.size > 0 ? 'in-scope' : 'public', role);
      }
      assert.ok((unsuppressedInScope.get('demo-lead') ?? 0) > 0, 'the Swale lead sees suppressed Swale cells as true values');
      assert.ok((unsuppressedInScope.get('demo-officer') ?? 0) > (unsuppressedInScope.get('demo-lead') ?? 0), 'the LA officer sees more than the lead');
    });

    it('answers live pupil-group combinations only to staff at places in their scope, auditing each read', async () => {
      const url = (urn: string) => `/api/v1/pupil-groups?collection=ks2&period=${period}&placeKind=school&place=${urn}&fsm=true&gender=F`;
      const own = await clients.get('demo-school')!.request({ method: 'GET', url: url('900001') });
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json<{ disclosure: string }>().disclosure, 'in-scope');
      const other = await clients.get('demo-school')!.request({ method: 'GET', url: url(examples.urn![0]) });
      const anonymous = await clients.get('public')!.request({ method: 'GET', url: url(examples.urn![0]) });
      assert.equal(other.statusCode, anonymous.statusCode, 'another school: answered as the public is answered');
      assert.deepEqual(shown(other.body).replace('"in-scope"', '"public"'), shown(anonymous.body));
      const reads = await database.db.selectFrom('audit_event').select(['actor', 'place_id']).where('action', '=', 'pupils.read-group').execute();
      const school = principals.get('demo-school')!;
      assert.deepEqual(
        reads.map((r) => r.actor),
        [`user:${school.userId}`],
        'the one live read is audited, by user id',
      );
    });

    it('refuses every form posted without its CSRF token, and every write to a role without the right, whoever posts', async () => {
      let checked = 0;
      for (const route of routes.filter((r) => r.method === 'POST')) {
        const url = addressOf(route, 0);
        for (const role of roles()) {
          const client = clients.get(role)!;
          const withoutToken = await client.request({ method: 'POST', url, payload: { anything: 'x' } });
          assert.equal(withoutToken.statusCode, 403, `${role} POST ${url} without a token: ${withoutToken.statusCode}`);
          const access = route.access;
          if (access === 'public' || access === 'signed-in') continue;
          const principal = principals.get(role)!;
          const allowed = principal !== null && decideRouteAccess(principal, access.action, today).allowed;
          if (allowed) continue;
          const withToken = await client.submit(principal === null ? '/sign-in' : '/', url, { anything: 'x' });
          assert.equal(withToken.statusCode, 403, `${role} POST ${url} with a token but no right: ${withToken.statusCode}`);
          checked++;
        }
      }
      assert.ok(checked > 0, `${checked} writes refused for want of a role`);
    });
  });
}
