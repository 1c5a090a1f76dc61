import { decideAccess, decideRouteAccess, type Principal } from '../domain/access/decide-access.ts';
import { fixed } from './presentation/format.ts';
import { statusLabels, symbolTitles } from './presentation/labels.ts';
import { breakdownTitle } from '../domain/pupils/breakdowns.ts';
import { periodLabel } from '../domain/periods/period.ts';
import type { Action } from '../domain/access/roles.ts';
import { publicAccess } from '../domain/access/route-access.ts';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import { apiRoutes } from '../api/v1/routes.ts';
import { tableApiRoutes } from '../api/v1/table-routes.ts';
import type { Organisation } from './organisation.ts';
import type { Log } from '../log.ts';
import type { Services } from '../services/create-services.ts';
import type { OidcClient } from '../services/access/oidc-client.ts';
import { answerUnparsableRequest, problemOf, registerErrorHandler, sendProblem } from './middleware/error-handler.ts';
import { registerInputGuard } from './middleware/reject-unreadable-input.ts';
import { csrfCookie, registerSessions, requireAccessDeclarations } from './middleware/access.ts';
import { registerSecurityHeaders } from './middleware/security-headers.ts';
import { registerTableDownloads } from './middleware/table-downloads.ts';
import { compressedEncodings, registerPageCache } from './middleware/page-cache.ts';
import fastifyCompress from '@fastify/compress';
import { accountRoutes } from './pages/account/routes.ts';
import { auditRoutes } from './pages/audit/routes.ts';
import { oidcSignInRoutes } from './pages/sign-in/oidc-routes.ts';
import { userAdminRoutes } from './pages/admin-users/routes.ts';
import { senRoutes } from './pages/sen/routes.ts';
import { participationRoutes } from './pages/participation/routes.ts';
import { inclusionRoutes } from './pages/inclusion/routes.ts';
import { signInRoutes } from './pages/sign-in/routes.ts';
import { homeRoutes } from './pages/home/routes.ts';
import { aboutRoutes } from './pages/about/routes.ts';
import { indicatorRoutes } from './pages/indicators/routes.ts';
import { caseworkRoutes } from './pages/casework/routes.ts';
import { frameworkRoutes } from './pages/frameworks/routes.ts';
import { collaborationRoutes } from './pages/collaborations/routes.ts';
import { floorStandardRoutes } from './pages/floor-standards/routes.ts';
import { systemLeadershipRoutes } from './pages/system-leadership/routes.ts';
import { ofstedRoutes } from './pages/ofsted/routes.ts';
import { placeRoutes } from './pages/places/routes.ts';
import { schoolRoutes } from './pages/schools/routes.ts';
import { searchRoutes } from './pages/search/routes.ts';
import { watchListRoutes } from './pages/watch-list/routes.ts';
import { tableRoutes } from './pages/tables/routes.ts';
import { cmeRoutes } from './pages/cme/routes.ts';
import { admissionsRoutes } from './pages/admissions/routes.ts';
import { admissionsChangeRoutes } from './pages/admissions/change-routes.ts';
import { admissionsImportRoutes } from './pages/admissions/import-routes.ts';
import { admissionsSchoolRoutes } from './pages/admissions/school-routes.ts';
import { planningRoutes } from './pages/planning/routes.ts';
import { planningAreaRoutes } from './pages/planning/area-routes.ts';
import { subjectAccessRoutes } from './pages/subject-access/routes.ts';
import { releaseRoutes } from './pages/releases/routes.ts';
import { releaseManageRoutes } from './pages/releases/manage-routes.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const govukDist = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

export type AppOptions = Readonly<{
  log: Log;
  production: boolean;
  version: string;
  commit: string | null;
  /** A notice every page shows while long work runs in the background (the demo county being built), else null. */
  notice?: () => string | null;
  /** `auto`: cookies are Secure when the request came over TLS (or X-Forwarded-Proto says so); `always`: whatever the request. */
  secureCookies?: 'auto' | 'always';
  /** Single sign-on through an OpenID provider (ADR 0013), or none (local accounts only). */
  oidc?: OidcClient | null;
  /** The organisation named in the header, with its logo (WAYMARK_ORGANISATION, WAYMARK_ORGANISATION_LOGO). */
  organisation?: Organisation | null;
  /** Whether the store holds the synthetic demo county: every page then says its figures are made up. */
  synthetic?: () => boolean;
  /** Megabytes of rendered public pages kept in memory by the data version (0: none; default 64). */
  pageCacheMb?: number;
}>;

/** The web face: GOV.UK Design System pages rendered on the server, usable without JavaScript. */
export async function createApp(services: Services, options: AppOptions): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = options.log;
  const notice = options.notice ?? (() => null);
  const addGlobals = (e: nunjucks.Environment) =>
    e
      .addGlobal('startupNotice', notice)
      .addGlobal('organisation', options.organisation ?? null)
      .addGlobal('syntheticData', options.synthetic ?? (() => false))
      // The presentation module's labels and the one display rounding, for components/figures.njk and every page.
      .addFilter('fixed', fixed)
      .addGlobal('statusLabels', statusLabels)
      .addGlobal('symbolTitles', symbolTitles)
      // Names, never codes (issue 19.6): a pupil group and a period as a reader writes them ('ethnicity:asian' → "Asian or
      // Asian British", '201415' → "2014/15"); option values and addresses keep the codes.
      .addGlobal('breakdownTitle', breakdownTitle)
      .addGlobal('periodLabel', periodLabel)
      // The header links to /audit and to user administration for those who may use them (the pages decide again).
      .addGlobal('mayReadAudit', (p: Principal | null) => p != null && decideAccess(p, 'read-audit', null, services.sessions.today()).allowed)
      .addGlobal('mayManageUsers', (p: Principal | null) => p != null && decideAccess(p, 'manage-users', null, services.sessions.today()).allowed)
      // Whether a route needing this action opens for the reader (casework links: each team's pages for its own team).
      .addGlobal('mayDo', (p: Principal | null, action: Action) => p != null && decideRouteAccess(p, action, services.sessions.today()).allowed);
  const env = addGlobals(nunjucks.configure([here, govukDist], { autoescape: true, noCache: !options.production }));
  const app: FastifyInstance = Fastify({
    loggerInstance: logger,
    requestIdHeader: 'x-request-id',
    // Addresses the router cannot read (a broken % escape, a parameter over 100 characters) get the same pages as any other error…
    frameworkErrors: (error, request, reply) => void sendProblem(app, request, reply, problemOf(error, options.production)),
    // …and so do requests Node's HTTP parser refuses (an address over 16 KB).
    clientErrorHandler: (error, socket) =>
      answerUnparsableRequest(error, socket, (p) => env.render('pages/errors/view.njk', { title: p.title, heading: p.title, message: p.detail })),
  });
  // Before any route or plugin: a route that declares no access stops the app starting.
  requireAccessDeclarations(app);
  // First of every hook: a GET or HEAD reads the data version once, for its reader's reach, its kept reads and its kept
  // page alike (a signed-in page read it three times); a request that writes reads it afresh each time.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') services.withinOneReadingRequest(done);
    else done();
  });
  const sessionOptions = { secureCookies: options.secureCookies ?? 'auto' } as const;
  await registerSecurityHeaders(app, govukDist);
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [here, govukDist],
    options: { env, onConfigure: addGlobals },
  });
  // Rate limits are per route (config.rateLimit); only routes that answer from pupil records set one.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyFormbody, { bodyLimit: 200_000 });
  await app.register(fastifyStatic, { root: path.join(govukDist, 'govuk', 'assets'), prefix: '/assets/' });
  await app.register(fastifyStatic, {
    root: path.join(govukDist, 'govuk'),
    prefix: '/stylesheets/',
    decorateReply: false,
    allowedPath: (p) => p === '/govuk-frontend.min.css',
  });
  const oidc = options.oidc ?? null;
  // Signed cookies (the single sign-on attempt's) are signed with a key derived from the client secret.
  await app.register(fastifyCookie, oidc === null ? {} : { secret: oidc.cookieSecret });
  // The CSRF secret lives in its own HttpOnly cookie (double submit), so the sign-in form is protected before any session exists.
  await app.register(fastifyCsrfProtection, { cookieKey: csrfCookie, cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true } });
  registerErrorHandler(app, options.production);
  registerInputGuard(app);
  registerSessions(app, services, sessionOptions);
  registerTableDownloads(app);
  registerPageCache(app, services, { megabytes: options.pageCacheMb ?? 64, notice, synthetic: options.synthetic ?? (() => false) });
  // Every answer over 1 KB compressed (brotli or gzip, as the reader accepts); a kept page comes already compressed.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: [...compressedEncodings] });

  app.get('/health', { config: publicAccess }, async (request, reply) => {
    try {
      const db = await services.health.check();
      return { status: 'ok', database: { status: 'ok', serverVersion: db.serverVersion } };
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      const message = options.production ? 'The database cannot be reached.' : (error as Error).message;
      return reply.code(503).send({ status: 'unavailable', database: { status: 'unreachable', message } });
    }
  });
  // Public: what is running, never where (data directory, port) or on what (Node version).
  app.get('/info', { config: publicAccess }, () => ({ name: 'waymark', version: options.version, commit: options.commit }));

  homeRoutes(app, services);
  // Waymark's own stylesheet, after the error handler and input guard like every route.
  const siteCss = readFileSync(path.join(here, 'layouts', 'waymark.css'), 'utf8');
  app.get('/stylesheets/waymark.css', { config: publicAccess }, (_request, reply) => reply.type('text/css; charset=utf-8').send(siteCss));
  aboutRoutes(app, options.organisation ?? null, oidc !== null);
  placeRoutes(app, services);
  schoolRoutes(app, services);
  searchRoutes(app, services);
  indicatorRoutes(app, services);
  frameworkRoutes(app, services);
  ofstedRoutes(app, services);
  floorStandardRoutes(app, services);
  systemLeadershipRoutes(app, services);
  watchListRoutes(app, services);
  tableRoutes(app, services);
  collaborationRoutes(app, services);
  signInRoutes(app, services, sessionOptions, oidc?.name ?? null);
  if (oidc !== null) oidcSignInRoutes(app, services, sessionOptions, oidc);
  accountRoutes(app, services);
  auditRoutes(app, services);
  userAdminRoutes(app, services);
  caseworkRoutes(app, services);
  cmeRoutes(app, services);
  subjectAccessRoutes(app, services);
  senRoutes(app, services);
  participationRoutes(app, services);
  inclusionRoutes(app, services);
  admissionsRoutes(app, services);
  admissionsImportRoutes(app, services);
  admissionsChangeRoutes(app, services);
  admissionsSchoolRoutes(app, services);
  planningRoutes(app, services);
  planningAreaRoutes(app, services);
  releaseManageRoutes(app, services);
  releaseRoutes(app, services);
  apiRoutes(app, services);
  tableApiRoutes(app, services);
  return app;
}
