import { composeServices } from './compose.ts';
import { readConfig } from './config.ts';
import { createLog } from './log.ts';
import { startSessionPruning } from './services/access/session-pruning.ts';
import { createOidcClient } from './services/access/oidc-client.ts';
import { readVersion } from './version.ts';
import { createApp } from './web/create-app.ts';

// The server: config → services (compose.ts, the root the CLI shares) → app → listen.
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLog(config.logLevel);
  // The embedded PostgreSQL is restarted when it dies; if even that fails, exit so a supervisor restarts Waymark.
  // The server's own writes (the demo build) are `system`'s; a page's writes name their request (web/audit-who.ts).
  const { services, database } = await composeServices(
    config,
    log,
    { actor: 'system', requestId: null },
    {
      onLost: () => {
        log.fatal('stopping: the embedded PostgreSQL is gone and could not be restarted');
        process.exit(1);
      },
    },
  );
  // Where the data lives is for the operator's log, no longer for the public /info.
  log.info({ database: database.description, production: config.production }, 'database opened');
  try {
    await services.pupils.removeLeftovers();
    // On first run the demo county is built after the server is up (a minute or two), and every page says so meanwhile.
    // A build that was interrupted (Ctrl-C, a crash) carries on from its last recorded step on the next start.
    let notice: string | null = null;
    const storeState = await services.demo.state();
    const demoState = config.demo === 'auto' ? storeState : 'other';
    const buildDemo = demoState === 'empty' || demoState === 'unfinished';
    // The demo county's figures are made up: every page says so on its database (built, being built, or left unfinished).
    const synthetic = buildDemo || storeState === 'built' || storeState === 'unfinished';
    let building = false;
    const { version, commit } = readVersion();
    const redirectUri = `${config.publicUrl}/sign-in/oidc/callback`;
    if (config.oidc !== null) log.info({ issuer: config.oidc.issuer.href, redirectUri }, 'single sign-on through the OpenID provider (ADR 0013)');
    const app = await createApp(services, {
      log,
      production: config.production,
      version,
      commit,
      notice: () => notice,
      secureCookies: config.secureCookies,
      pageCacheMb: config.pageCacheMb,
      oidc: config.oidc === null ? null : createOidcClient({ ...config.oidc, redirectUri }, log),
      organisation: config.organisation,
      synthetic: () => synthetic,
    });
    // The demo county's one user per role (a demo database only; no other database gets a default password).
    const addDemoUsers = async () => {
      const added = await services.accounts.ensureDemoUsers();
      if (added > 0) log.info({ added }, 'demo users added: the sign-in page lists them');
      const recorded = await services.delivery.ensureDemoDelivery();
      if (recorded > 0) log.info({ recorded }, "the demo officer's delivery records of the framework's milestones added");
      const partnerships = await services.leadership.ensureDemoLeadership();
      if (partnerships > 0) log.info({ partnerships }, "the demo officer's system leaders and support partnerships added");
      if (await services.releases.ensureDemoRelease()) log.info('the demo administrators’ statistical release published');
    };
    if (demoState === 'built' || demoState === 'unfinished') await addDemoUsers();
    // Expired sessions are removed at start and every 15 minutes (a session's own read refuses an expired one anyway).
    const pruning = startSessionPruning(services.sessions, log);
    app.addHook('onClose', async () => {
      pruning.stop();
      await pruning.done();
    });
    let stopping = false;
    const shutdown = async (signal: string): Promise<void> => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      await app.close();
      // A demo build under way is not waited for: its open transaction is rolled back and it resumes at the next start.
      await (building ? database.abort() : database.close());
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    if (buildDemo) {
      log.info(
        demoState === 'empty'
          ? 'the store is empty: building the demo county (first run only)'
          : 'the demo county build was interrupted: resuming it after its last recorded step',
      );
      notice = 'The demo county is being built (first run only): figures appear as each step finishes. Reload in a minute or two.';
      building = true;
      services.demo
        .build(2013, (step) => {
          notice = `The demo county is being built (first run only): ${step}. Reload in a minute or two.`;
          log.info(step);
        })
        .then(
          () => {
            building = false;
            notice = null;
            log.info('demo county built');
            addDemoUsers().catch((error: Error) => log.error({ reason: error.message }, 'the demo users could not be added'));
          },
          (error: Error) => {
            building = false;
            if (stopping) return log.info('the demo county build was stopped: it resumes at the next start');
            notice = `The demo county could not be built: ${error.message}`;
            log.error({ reason: error.message }, 'the demo county could not be built');
          },
        );
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}

main().catch((error: Error) => {
  // Startup failures a user can act on (bad configuration, a data directory in use, a port taken) end in one clear message.
  console.error(`waymark could not start: ${error.message}`);
  process.exit(1);
});
