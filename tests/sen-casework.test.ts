import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { senCaseworkModule } from '../src/services/casework/sen/sen-module.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// SEN casework (issue 15.2) through its pages and service: a request recorded through to a final plan with its clock,
// the in-time figure of its district and LA remade from the records, scope (a caseworker of another district gets a
// 404 that is audited), the CSV export, retention and subject access.

const password = 'correct horse battery staple';
const date = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};

for (const target of databaseTargets()) {
  describe(`SEN casework on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let county: Client;
    let thanet: Client;
    let swaleId: number;
    let caseId: number;
    const now = new Date('2025-02-03T10:00:00Z');

    const figure = async (code: string, placeCode: string, period: string) =>
      database.db
        .selectFrom('observation as o')
        .innerJoin('place as p', 'p.id', 'o.place_id')
        .select(['o.value', 'o.numerator', 'o.denominator', 'o.detail'])
        .where('o.indicator_code', '=', code)
        .where('p.code', '=', placeCode)
        .where('o.period', '=', period)
        .where('o.breakdown', '=', 'all')
        .executeTakeFirst();
    const audits = async (action: string) =>
      database.db.selectFrom('audit_event').select(['actor', 'subject', 'place_id']).where('action', '=', action).orderBy('id').execute();

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog(process.env.SEN_LOG === '1' ? 'error' : 'silent');
      services = servicesFor(database, () => now, log);
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      await services.catalogue.sync();
      const places = database.store.places;
      await places.upsert('la', [{ code: '886', name: 'Kent' }], null);
      await places.upsert(
        'district',
        [
          { code: 'E07000113', name: 'Swale' },
          { code: 'E07000114', name: 'Thanet' },
        ],
        null,
      );
      const kent = (await places.find('la', '886'))!;
      const swale = (await places.find('district', 'E07000113'))!;
      const thanetPlace = (await places.find('district', 'E07000114'))!;
      swaleId = swale.id;
      await places.addLinks(
        [swale, thanetPlace].map((d) => ({ placeId: d.id, parentId: kent.id, validFrom: null, validTo: null, basis: 'test' })),
        null,
      );
      await services.accounts.add({
        username: 'sen-county',
        displayName: 'County SEN',
        password,
        grants: [{ role: 'sen_caseworker', place: { kind: 'la', code: '886' } }],
      });
      await services.accounts.add({
        username: 'sen-thanet',
        displayName: 'Thanet SEN',
        password,
        grants: [{ role: 'sen_caseworker', place: { kind: 'district', code: 'E07000114' } }],
      });
      county = clientOf(app);
      assert.equal((await county.signIn('sen-county', password)).statusCode, 303);
      thanet = clientOf(app);
      assert.equal((await thanet.signIn('sen-thanet', password)).statusCode, 303);
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    it('refuses a new request with errors named by field, and records nothing', async () => {
      const response = await county.submit('/sen/new', '/sen/new', { givenName: 'Ella', ...date('dob', '2016-02-30'), district: '', requestedBy: '' });
      assert.equal(response.statusCode, 400);
      for (const text of [
        'Enter the child or young person’s last name',
        'The date of birth must be a real date',
        'Choose the district',
        'Enter the date the request was received',
        'Choose who asked',
      ])
        assert.ok(response.body.includes(text), text);
      assert.equal(
        (
          await database.db
            .selectFrom('sen_request' as never)
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
        0,
      );
    });

    it('records a request through "check your answers" and shows its clock: decision due 19 February 2024 (domain.md §7.1)', async () => {
      const fields = {
        givenName: 'Ella',
        familyName: 'Hughes',
        ...date('dob', '2016-03-27'),
        district: 'E07000113',
        upn: '',
        schoolUrn: '',
        ...date('received', '2024-01-08'),
        requestedBy: 'parent',
      };
      const check = await county.submit('/sen/new', '/sen/new', fields);
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /Check your answers/);
      assert.match(check.body, /8 January 2024/);
      const created = await county.submit('/sen/new', '/sen', fields);
      assert.equal(created.statusCode, 303, created.body.slice(0, 500));
      caseId = Number(/^\/sen\/(\d+)\?done=created$/.exec(created.headers.location as string)![1]);
      const page = await county.request({ method: 'GET', url: `/sen/${caseId}` });
      assert.equal(page.statusCode, 200);
      // Read on 3 February 2025: the decision was due 19 February 2024, 350 days before.
      assert.match(page.body, /Decision whether to assess due by 19 February 2024: 350 days overdue/);
      assert.match(page.body, /due by 27 May 2024/);
      assert.match(page.body, /27 March 2047/, 'kept until the 31st birthday');
    });

    it('records the steps in order, refuses one out of order, and finds a plan of 28 May 2024 late', async () => {
      const step = (name: string, fields: Record<string, string>) => county.submit(`/sen/${caseId}/record/${name}`, `/sen/${caseId}/record/${name}`, fields);
      const early = await step('outcome', { choice: 'plan', ...date('on', '2024-05-28') });
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /Record a decision to assess first/);
      assert.equal((await step('decision', { choice: 'assess', ...date('on', '2024-02-12') })).statusCode, 303);
      assert.equal((await step('draft', { ...date('on', '2024-04-29') })).statusCode, 303);
      assert.equal((await step('outcome', { choice: 'plan', ...date('on', '2024-05-28') })).statusCode, 303);
      assert.equal((await step('placement', { choice: 'independent-special', schoolUrn: '', ...date('on', '2024-05-28') })).statusCode, 303);
      const page = await county.request({ method: 'GET', url: `/sen/${caseId}` });
      assert.match(page.body, /28 May 2024: late/);
      assert.match(page.body, /Final plan issued on 28 May 2024: the clock has ended/);
      assert.deepEqual(
        (await audits('sen.record')).map((a) => a.subject),
        Array(4).fill(`sen-case:${caseId}`),
      );
    });

    it('remakes the in-time figure: 0 of 1 in 2024 for Swale and Kent; then a plan in time makes it 1 of 2 (50%)', async () => {
      // The one plan of 2024 was issued a day after its 20 weeks (domain.md §7.1): 0 of 1.
      const swale = await figure('sen-plans-issued-in-time', 'E07000113', '2024');
      assert.deepEqual([swale?.value, swale?.numerator, swale?.denominator].map(Number), [0, 0, 1]);
      assert.deepEqual((swale?.detail as Record<string, unknown>).includingExceptions, { inTime: 0, issued: 1 });
      const scope = { kind: 'everywhere' } as const;
      const who = { actor: 'system', requestId: null };
      const id = await services.sen.create(scope, who, {
        givenName: 'Noah',
        familyName: 'King',
        dateOfBirth: '2015-05-01',
        upn: null,
        placeId: swaleId,
        schoolUrn: null,
        receivedOn: '2024-02-05',
        requestedBy: 'school',
      });
      await services.sen.record(scope, who, id, { kind: 'decision', assess: true, on: '2024-03-11' });
      // Received 5 February 2024: 20 weeks end 24 June 2024; issued 24 June is in time.
      await services.sen.record(scope, who, id, { kind: 'outcome', plan: true, on: '2024-06-24' });
      const kent = await figure('sen-plans-issued-in-time', '886', '2024');
      assert.deepEqual([kent?.value, kent?.numerator, kent?.denominator].map(Number), [50, 1, 2]);
      // Both plans are maintained at the January 2025 census (15 January, 2024/25); one is in an independent special school.
      assert.deepEqual(
        [
          (await figure('pupils-with-statutory-plan', 'E07000113', '202425'))?.value,
          (await figure('independent-special-placements', '886', '202425'))?.value,
        ].map(Number),
        [2, 1],
      );
    });

    it('leaves a plan with an exception out of the measure (DfE SEN2 excluding exceptions), and counts it including them', async () => {
      const scope = { kind: 'everywhere' } as const;
      const who = { actor: 'system', requestId: null };
      const id = await services.sen.create(scope, who, {
        givenName: 'Ruby',
        familyName: 'Hall',
        dateOfBirth: '2014-07-01',
        upn: null,
        placeId: swaleId,
        schoolUrn: null,
        receivedOn: '2024-03-04',
        requestedBy: 'parent',
      });
      await services.sen.record(scope, who, id, { kind: 'decision', assess: true, on: '2024-04-08' });
      await services.sen.record(scope, who, id, { kind: 'exception', reason: 'absent-four-weeks', on: '2024-05-01' });
      await services.sen.record(scope, who, id, { kind: 'outcome', plan: true, on: '2024-09-02' });
      const x = await figure('sen-plans-issued-in-time', 'E07000113', '2024');
      assert.deepEqual([x?.value, x?.numerator, x?.denominator].map(Number), [50, 1, 2]);
      const detail = x?.detail as Record<string, unknown>;
      assert.deepEqual([detail.exceptions, detail.includingExceptions], [1, { inTime: 1, issued: 3 }]);
    });

    it('gives a caseworker of another district a 404 for the case, and audits the refusal', async () => {
      const page = await thanet.request({ method: 'GET', url: `/sen/${caseId}` });
      assert.equal(page.statusCode, 404);
      assert.doesNotMatch(page.body, /Hughes/);
      const list = await thanet.request({ method: 'GET', url: '/sen' });
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /Hughes/);
      const refused = await audits('sen.read-refused');
      assert.equal(refused.length, 1);
      assert.equal(refused[0]!.subject, `sen-case:${caseId}`);
      const export_ = await thanet.request({ method: 'GET', url: '/sen/export.csv' });
      assert.equal(export_.body.trim().split('\r\n').length, 1, 'only the header: no case of Thanet');
    });

    it('exports the cases in scope as CSV, audited once', async () => {
      const response = await county.request({ method: 'GET', url: '/sen/export.csv' });
      assert.equal(response.statusCode, 200);
      const lines = response.body.trim().split('\r\n');
      assert.equal(lines.length, 4);
      assert.match(
        lines[1]!,
        new RegExp(
          `^${caseId},Ella,Hughes,2016-03-27,,E07000113,,2024-01-08,parent,assess,2024-02-12,2024-04-29,plan,2024-05-28,,,,,,2024-05-28 independent-special$`,
        ),
      );
      assert.ok((await audits('sen.export')).length >= 1);
    });

    it('produces the SEN2 tables of January 2025 from the same records, matching counts worked here by hand', async () => {
      // Three plans issued in 2024 (Ella 28 May, late; Noah 24 June, in time; Ruby 2 September, late with an exception),
      // all maintained on 15 January 2025; all three aged 8-10 on 31 August 2024; Ella's placement independent special.
      const response = await county.request({ method: 'GET', url: '/sen/sen2.csv?year=2025' });
      assert.equal(response.statusCode, 200);
      const rows = new Map(
        response.body
          .trim()
          .split('\r\n')
          .slice(1)
          .map((line) => {
            // RFC 4180: a title holding a comma is quoted.
            const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
            return [`${cells[0]}|${cells[1]}`, Number(cells[2])];
          }),
      );
      const get = (table: string, row: string) => [...rows].find(([k]) => k.startsWith(table) && k.endsWith(`|${row}`))?.[1];
      assert.equal(get('Plans maintained on 15 January 2025, by age', 'Total'), 3);
      assert.equal(get('Plans maintained on 15 January 2025, by age', '5 to 10'), 3);
      assert.equal(get('Plans maintained on 15 January 2025, by establishment', 'Independent special school'), 1);
      assert.equal(get('Plans maintained on 15 January 2025, by establishment', 'Not recorded'), 2);
      assert.equal(get('New plans issued', 'New plans issued'), 3);
      assert.equal(get('New plans issued', 'Within the time limit, including exceptions'), 1);
      assert.equal(get('New plans issued', 'New plans issued, excluding exceptions'), 2);
      assert.equal(get('New plans issued', 'Within the time limit, excluding exceptions'), 1);
      assert.equal(get('Requests, assessments', 'Requests received'), 3);
      assert.equal(get('Requests, assessments', 'Decided to assess'), 3);
      const page = await thanet.request({ method: 'GET', url: '/sen/sen2?year=2025' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Total<\/td><td class="govuk-table__cell govuk-table__cell--numeric">0</, 'Thanet holds no plan');
    });

    it('answers a subject access request with every request held on the child, and anonymises at the 31st birthday', async () => {
      const held = await database.store.transaction((tx) =>
        senCaseworkModule.subjectAccess(tx, { upn: null, givenName: 'ella', familyName: 'HUGHES', dateOfBirth: '2016-03-27' }),
      );
      assert.equal(held.records.length, 1);
      assert.deepEqual(
        held.records[0]!.history.map((h) => h.on),
        ['2024-01-08', '2024-02-12', '2024-04-29', '2024-05-28', '2024-05-28'],
      );
      // Ella was born 27 March 2016: kept to 27 March 2047. A run the day before takes only Ruby (born 1 July 2014: 31
      // on 1 July 2045) and Noah (born 1 May 2015: 31 on 1 May 2046); that day, Ella too.
      const before = await database.store.transaction((tx) => senCaseworkModule.retain(tx, '2047-03-26'));
      assert.equal(before.anonymised, 2);
      const on = await database.store.transaction((tx) => senCaseworkModule.retain(tx, '2047-03-27'));
      assert.equal(on.anonymised, 1);
      const gone = await database.store.transaction((tx) =>
        senCaseworkModule.subjectAccess(tx, { upn: null, givenName: 'Ella', familyName: 'Hughes', dateOfBirth: '2016-03-27' }),
      );
      assert.equal(gone.records.length, 0);
    });
  });
}
