import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../src/config.ts';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { servicesFor } from './support/app.ts';

// Issue 19.8: the service's own frame. The organisation's name and logo come from configuration; no page carries the
// crown or Crown copyright (marks of central government); a phase banner, and on the demo county's database a banner
// saying its figures are synthetic; a cookies page naming each cookie the code sets and an accessibility statement.

const folder = mkdtempSync(join(tmpdir(), 'waymark-frame-'));
// A 1×1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
writeFileSync(join(folder, 'logo.png'), png);

describe('the service’s own frame (issue 19.8)', () => {
  let database: TestDatabase;
  let services: Services;
  let plain: FastifyInstance;
  let branded: FastifyInstance;
  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    services = servicesFor(database, new Date('2016-01-14T00:00:00Z'), log);
    plain = await createApp(services, { log, production: true, version: 'test', commit: null });
    const { organisation } = readConfig({ WAYMARK_ORGANISATION: 'Kent County Council', WAYMARK_ORGANISATION_LOGO: join(folder, 'logo.png') });
    branded = await createApp(services, { log, production: true, version: 'test', commit: null, organisation, synthetic: () => true });
  });
  after(async () => {
    await plain.close();
    await branded.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('carries no crown and no Crown copyright, and links the accessibility statement and cookies from every page', async () => {
    for (const url of ['/', '/sign-in', '/frameworks', '/cookies', '/accessibility']) {
      const page = await plain.inject(url);
      assert.equal(page.statusCode, 200, url);
      assert.doesNotMatch(page.body, /Crown copyright|govuk-footer__crown|govuk-footer__copyright-logo|crown-copyright/, url);
      assert.match(page.body, /<a class="govuk-footer__link" href="\/accessibility">Accessibility statement<\/a>/, url);
      assert.match(page.body, /<a class="govuk-footer__link" href="\/cookies">Cookies<\/a>/, url);
      assert.match(page.body, /govuk-phase-banner/, url);
    }
  });

  it('names the organisation and shows its logo where configured, and says the demo’s figures are synthetic', async () => {
    const home = await branded.inject('/');
    assert.match(home.body, /<img src="\/brand\/logo" alt="" height="32"[^>]*>Kent County Council/);
    assert.match(home.body, /Run by Kent County Council\./);
    assert.match(home.body, /Synthetic demo data: Kent's real districts with fictional schools, pupils and figures/);
    const logo = await branded.inject('/brand/logo');
    assert.equal(logo.statusCode, 200);
    assert.equal(logo.headers['content-type'], 'image/png');
    assert.deepEqual(logo.rawPayload, png);
    // Without configuration: Waymark's name alone, no logo route, no synthetic-data banner.
    const unbranded = await plain.inject('/');
    assert.doesNotMatch(unbranded.body, /brand\/logo|Run by|Synthetic demo data/);
    assert.equal((await plain.inject('/brand/logo')).statusCode, 404);
  });

  it('lists each cookie the code sets, with what it is for and when it expires', async () => {
    const page = await plain.inject('/cookies');
    for (const [name, expires] of [
      ['waymark_session', /30 minutes after you last used Waymark, or 12 hours after signing in/],
      ['waymark_csrf', /When you close your browser/],
    ] as const) {
      assert.match(page.body, new RegExp(`<code>${name}</code>`));
      assert.match(page.body, expires);
    }
    // The single sign-on cookie is listed only where single sign-on is configured.
    assert.doesNotMatch(page.body, /waymark_oidc/);
    // A sign-in page's response sets only cookies the page names.
    const signIn = await plain.inject('/sign-in');
    const set = [signIn.headers['set-cookie'] ?? []].flat().map((c) => c.split('=')[0]);
    for (const name of set) assert.match(page.body, new RegExp(`<code>${name}</code>`), `${name} is set but not listed`);
  });

  it('refuses a logo that is missing, too large or not an image, naming the setting', () => {
    assert.throws(
      () => readConfig({ WAYMARK_ORGANISATION: 'Kent', WAYMARK_ORGANISATION_LOGO: join(folder, 'none.png') }),
      /WAYMARK_ORGANISATION_LOGO: .*none\.png does not exist/,
    );
    writeFileSync(join(folder, 'big.png'), Buffer.alloc(200_001));
    assert.throws(
      () => readConfig({ WAYMARK_ORGANISATION: 'Kent', WAYMARK_ORGANISATION_LOGO: join(folder, 'big.png') }),
      /is 200001 bytes; a logo is at most 200 KB/,
    );
    assert.throws(
      () => readConfig({ WAYMARK_ORGANISATION: 'Kent', WAYMARK_ORGANISATION_LOGO: join(folder, 'logo.gif') }),
      /must be a \.png, \.jpg, \.jpeg or \.svg file/,
    );
    assert.throws(() => readConfig({ WAYMARK_ORGANISATION_LOGO: join(folder, 'logo.png') }), /set WAYMARK_ORGANISATION too/);
  });
});
