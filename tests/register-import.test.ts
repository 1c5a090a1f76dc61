import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readImportFile, type ImportFile } from '../src/imports/import-files.ts';

import { type Services } from '../src/services/create-services.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';
import { servicesFor } from './support/app.ts';

const files = {
  laCodes: sharedFile('lait/la_code_list.csv'),
  spine: sharedFile('perf-tables-2016-2019/england_spine_2017-18.csv'),
  links: sharedFile('gias-links-and-trusts/links_edubasealldata20250422.csv'),
  groupLinks: sharedFile('gias-links-and-trusts/group_links_2022.csv'),
  codeNames: sharedFile('kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv'),
  postcodes: sharedFile('kent-postcode-district/codepoint_open_2014-08_kent_postcodes.csv'),
};

type Row = Record<string, string>;
const rows = (file: string): Row[] => parse<Row>(readFileSync(file), { columns: true, bom: true });

async function readAll(paths: string[]): Promise<ImportFile[]> {
  const read = await Promise.all(paths.map((p) => readImportFile(p)));
  return read.map((r) => {
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.file;
  });
}

const registerFiles = await readAll(Object.values(files));

for (const target of databaseTargets()) {
  describe(`importing the real register files (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2018-01-18T00:00:00Z'));
      await services.imports.importFiles(registerFiles);
    });
    after(() => database.drop());

    it('counts open Kent schools in 2017/18 by district as data.md row 26 does', async () => {
      // data.md row 26 (from kent_schools_district_by_postcode.csv): spine MINORGROUP in {Maintained School, Academy,
      // Special School}, ICLOSE = 1, counted by district. Note that this group includes independent special schools.
      const published: Record<string, number> = {
        Maidstone: 62,
        'Tonbridge and Malling': 59,
        Ashford: 58,
        Swale: 58,
        Dover: 57,
        Sevenoaks: 51,
        Thanet: 51,
        Canterbury: 47,
        'Tunbridge Wells': 44,
        Shepway: 43,
        Dartford: 40,
        Gravesham: 38,
      };
      const counted: Record<string, number> = {};
      for (const district of await database.store.places.byKind('district')) {
        const schools = await database.store.places.members(district.id, 'school');
        counted[district.name] = schools.filter((s) => {
          const a = s.attributes as { typeGroup: string };
          return s.status === 'open' && ['Maintained School', 'Academy', 'Special School'].includes(a.typeGroup);
        }).length;
      }
      assert.deepEqual(counted, published);
      assert.equal(
        Object.values(counted).reduce((a, b) => a + b, 0),
        608,
      );
    });

    it('counts truly state-funded open Kent schools by district, excluding independent and non-maintained special schools', async () => {
      // Derived from the raw spine: LA = 886, ICLOSE = 1, MINORGROUP Maintained School or Academy, or Special School whose
      // NFTYPE is neither "Other independent special school" nor "Non-maintained special school" (DfE's state-funded).
      const spine = rows(files.spine).filter((r) => r.LA === '886' && r.ICLOSE === '1');
      const stateFunded = spine.filter(
        (r) =>
          ['Maintained School', 'Academy'].includes(r.MINORGROUP!) || (r.MINORGROUP === 'Special School' && !/independent|non-maintained/i.test(r.NFTYPE!)),
      );
      // The spine's "open" is ICLOSE = 1 for the tables' year, whatever its OPENDATE: count by status, not by date.
      const kent = (await database.store.places.find('la', '886'))!;
      const kentSchools = await database.store.places.members(kent.id, 'school');
      const open = kentSchools.filter((s) => s.status === 'open' && (s.attributes as { stateFunded: boolean }).stateFunded);
      assert.equal(open.length, stateFunded.length);
      assert.equal(stateFunded.length, 577);
      // Every one of them is placed in a district: by its own postcode, or by its postcode sector when newer than 2014.
      let inDistricts = 0;
      for (const district of await database.store.places.byKind('district'))
        inDistricts += (await database.store.places.members(district.id, 'school')).filter(
          (s) => s.status === 'open' && (s.attributes as { stateFunded: boolean }).stateFunded,
        ).length;
      assert.equal(inDistricts, 577);
      assert.equal(kent.name, 'Kent');
    });

    it('links a real Kent academy conversion to its predecessor URN', async () => {
      // GIAS links: 144531 (Valley Invicta Primary School At East Borough) has Predecessor 118298 (East Borough
      // Primary School, a community school closed in the 2017/18 spine), link dated 01-06-2017.
      const page = await services.places.schoolPage('144531');
      const link = page.history.find((h) => h.predecessor.code === '118298' && h.successor.code === '144531');
      assert.ok(link, 'the conversion is in the school history');
      assert.equal(link.predecessor.name, 'East Borough Primary School');
      assert.equal(link.reason, 'successor');
      assert.equal(page.school.attributes.governance, 'academy');
      const predecessor = await services.places.schoolPage('118298');
      assert.ok(
        predecessor.history.some((h) => h.successor.code === '144531'),
        'the history reads from the old URN too',
      );
    });

    it('holds a real trust with its Kent members and join dates', async () => {
      // group_links_2022.csv: Group UID 3594 (KENT CATHOLIC SCHOOLS' PARTNERSHIP, multi-academy trust); its members
      // whose URN is in the 2017/18 spine are the members the register can hold.
      const spineUrns = new Set(rows(files.spine).map((r) => r.URN));
      const expected = rows(files.groupLinks).filter((r) => r['Group UID'] === '3594' && spineUrns.has(r.URN));
      const page = await services.places.placePage('trust', '3594', '2022-03-31');
      assert.equal(page.place.name, "KENT CATHOLIC SCHOOLS' PARTNERSHIP");
      const trust = (await database.store.places.find('trust', '3594'))!;
      const members = await database.store.places.members(trust.id, 'school');
      assert.deepEqual(members.map((m) => m.code).sort(), expected.map((r) => r.URN).sort());
      const first = members.find((m) => m.code === '140520')!;
      assert.equal(first.validFrom, '2014-01-01');
      assert.ok(members.every((m) => (m.attributes as { laCode: string }).laCode === '886'));
    });

    it('re-importing the same files updates nothing and records new batches', async () => {
      const report = await services.imports.importFiles(await readAll([files.spine, files.links]));
      const spine = report.files.find((f) => f.format === 'performance-tables-spine')!;
      assert.equal(spine.inserted, 0);
      assert.equal(spine.updated, 0);
      assert.equal(spine.unchanged, 26078 - 34); // 34 overseas Service Children's Education rows are skipped
      assert.ok(spine.notes.some((n) => n.startsWith('the same file was imported before')));
      const links = report.files.find((f) => f.format === 'gias-links')!;
      assert.equal(links.inserted + links.updated, 0);
    });
  });
}
