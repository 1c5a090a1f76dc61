import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from './config.ts';

describe('configuration', () => {
  it('runs as production when NODE_ENV is unset, so `npm start` hides internal messages by default', () => {
    assert.equal(readConfig({}).production, true);
    assert.equal(readConfig({ NODE_ENV: 'production' }).production, true);
    assert.equal(readConfig({ NODE_ENV: 'test' }).production, true);
  });

  it('shows internal messages only when NODE_ENV is development', () => {
    assert.equal(readConfig({ NODE_ENV: 'development' }).production, false);
  });

  it('refuses a NODE_ENV it does not know, naming it', () => {
    assert.throws(
      () => readConfig({ NODE_ENV: 'staging' }),
      (error: Error) => error instanceof ConfigError && /NODE_ENV/.test(error.message),
    );
  });

  it('takes a database name PostgreSQL accepts quoted, hyphens included (ux-kent), and says what is wrong with one it refuses', () => {
    assert.equal(readConfig({ WAYMARK_DATABASE: 'ux-kent' }).databaseName, 'ux-kent');
    assert.throws(
      () => readConfig({ WAYMARK_DATABASE: '../kent' }),
      (error: Error) =>
        error instanceof ConfigError && /WAYMARK_DATABASE: must be 1 to 63 lower-case letters, digits, underscores or hyphens/.test(error.message),
    );
  });

  it('marks cookies Secure by the request unless WAYMARK_SECURE_COOKIES=always, and refuses other values', () => {
    assert.equal(readConfig({}).secureCookies, 'auto');
    assert.equal(readConfig({ WAYMARK_SECURE_COOKIES: 'always' }).secureCookies, 'always');
    assert.throws(() => readConfig({ WAYMARK_SECURE_COOKIES: 'yes' }), /WAYMARK_SECURE_COOKIES/);
  });

  it('reads the Chromium that prints reports from CHROMIUM_PATH, none by default', () => {
    assert.equal(readConfig({}).chromiumPath, null);
    assert.equal(readConfig({ CHROMIUM_PATH: '/opt/chromium' }).chromiumPath, '/opt/chromium');
  });

  it("takes the application's own role on a DATABASE_URL server from WAYMARK_APP_DATABASE_URL, and refuses it without DATABASE_URL", () => {
    assert.equal(readConfig({}).appDatabaseUrl, undefined);
    const env = { DATABASE_URL: 'postgres://owner@db/waymark', WAYMARK_APP_DATABASE_URL: 'postgres://waymark_app@db/waymark' };
    assert.equal(readConfig(env).appDatabaseUrl, 'postgres://waymark_app@db/waymark');
    assert.throws(
      () => readConfig({ WAYMARK_APP_DATABASE_URL: 'postgres://waymark_app@db/waymark' }),
      (error: Error) => error instanceof ConfigError && /WAYMARK_APP_DATABASE_URL: .*set DATABASE_URL too/.test(error.message),
    );
  });

  it('logs the CLI at warn unless LOG_LEVEL says otherwise', () => {
    assert.equal(readConfig({}).cliLogLevel, 'warn');
    assert.equal(readConfig({ LOG_LEVEL: 'info' }).cliLogLevel, 'info');
  });
});
