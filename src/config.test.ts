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
  it('turns on single sign-on only with the issuer, client id and secret together, and names what is missing', () => {
    assert.equal(readConfig({}).oidc, null);
    const oidc = readConfig({
      WAYMARK_OIDC_ISSUER: 'https://login.example.org/tenant/v2.0',
      WAYMARK_OIDC_CLIENT_ID: 'waymark',
      WAYMARK_OIDC_CLIENT_SECRET: 's3cret',
    }).oidc;
    assert.equal(oidc?.issuer.href, 'https://login.example.org/tenant/v2.0');
    assert.equal(oidc?.clientId, 'waymark');
    assert.equal(oidc?.name, 'your organisation account');
    assert.throws(
      () => readConfig({ WAYMARK_OIDC_ISSUER: 'https://login.example.org', WAYMARK_OIDC_CLIENT_ID: 'waymark' }),
      (error: Error) => error instanceof ConfigError && /WAYMARK_OIDC_CLIENT_SECRET: single sign-on needs .* together/.test(error.message),
    );
    assert.throws(() => readConfig({ WAYMARK_OIDC_CLIENT_SECRET: 's3cret' }), /WAYMARK_OIDC_ISSUER, WAYMARK_OIDC_CLIENT_ID: single sign-on needs/);
  });

  it('refuses an issuer that is not a URL, or plain http except on this machine', () => {
    const client = { WAYMARK_OIDC_CLIENT_ID: 'waymark', WAYMARK_OIDC_CLIENT_SECRET: 's3cret' };
    assert.throws(() => readConfig({ ...client, WAYMARK_OIDC_ISSUER: 'login.example.org' }), /WAYMARK_OIDC_ISSUER: must be the provider's issuer URL/);
    assert.throws(() => readConfig({ ...client, WAYMARK_OIDC_ISSUER: 'http://login.example.org' }), /WAYMARK_OIDC_ISSUER: must be an https:\/\/ address/);
    assert.equal(readConfig({ ...client, WAYMARK_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer.port, '4000');
  });

  it('labels the sign-in button from WAYMARK_OIDC_NAME', () => {
    const env = { WAYMARK_OIDC_ISSUER: 'https://login.example.org', WAYMARK_OIDC_CLIENT_ID: 'waymark', WAYMARK_OIDC_CLIENT_SECRET: 's3cret' };
    assert.equal(readConfig({ ...env, WAYMARK_OIDC_NAME: 'your Kent account' }).oidc?.name, 'your Kent account');
  });

  it('takes the address the provider sends people back to from WAYMARK_PUBLIC_URL, else http://HOST:PORT', () => {
    assert.equal(readConfig({}).publicUrl, 'http://127.0.0.1:3000');
    assert.equal(readConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl, 'http://0.0.0.0:8080');
    assert.equal(readConfig({ WAYMARK_PUBLIC_URL: 'https://waymark.kent.gov.uk/' }).publicUrl, 'https://waymark.kent.gov.uk');
    assert.throws(() => readConfig({ WAYMARK_PUBLIC_URL: 'waymark.kent.gov.uk' }), /WAYMARK_PUBLIC_URL: must be the http:\/\/ or https:\/\/ address/);
  });
});
