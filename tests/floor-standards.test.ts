import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { publicDisclosure } from '../src/domain/indicators/disclosure.ts';
import { secondaryMedians } from '../src/domain/schools/floor-standards.ts';
import { appWithImports, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

const paths = {
  laCodes: 'lait/la_code_list.csv',
  spine: 'perf-tables-2016-2019/england_spine_2017-18.csv',
  codeNames: 'kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv',
  postcodes: 'kent-postcode-district/codepoint_open_2014-08_kent_postcodes.csv',
  ks2: ['2016', '2017', '2018'].map((y) => `perf-tables-2016-2019/ks2_school_${y}.csv`),
  ks4: ['2016', '2017', '2018'].map((y) => `perf-tables-2016-2019/ks4_school_${y}.csv`),
  ks4in2019: 'perf-tables-2016-2019/ks4_school_2019_trimmed.csv',
};
const files = await readShared([paths.laCodes, paths.spine, paths.codeNames, paths.postcodes, ...paths.ks2, ...paths.ks4, paths.ks4in2019]);

type Row = Record<string, string>;
const rows = (p: string): Row[] => parse<Row>(readFileSync(sharedFile(p)), { columns: true, bom: true });
const spine = new Map(rows(paths.spine).map((r) => [r.URN!, r]));
const num = (cell: string | undefined) => (cell === undefined || !/^-?\d+(\.\d+)?%?$/.test(cell.trim()) ? null : Number(cell.replace('%', '')));
// Waymark's census date for a year is 15 January (domain/periods/period.ts censusDateOf).
const census: Record<string, string> = { '2016': '20160115', '2017': '20170115', '2018': '20180115', '2019': '20190115' };

/**
 * Kent's state-funded mainstream schools in a year, from the raw spine: LA 886, MINORGROUP "Maintained School" or
 * "Academy" (independent, special schools and colleges are outside the floor), open at the January census of the
 * year (OPENDATE blank or on/before it, CLOSEDATE blank or on/after it).
 */
function kentMainstream(summer: string): Set<string> {
  const day = census[summer]!;
  return new Set(
    [...spine.values()]
      .filter((r) => r.LA === '886' && ['Maintained School', 'Academy'].includes(r.MINORGROUP!))
      .filter((r) => (r.OPENDATE === '' || r.OPENDATE! <= day) && (r.CLOSEDATE === '' || r.CLOSEDATE! >= day))
      .map((r) => r.URN!),
  );
}

/**
 * The 2016-2018 primary floor from the raw KS2 rows (domain.md §2.1): schools with 11 or more eligible pupils
 * ("KS2 Pupils") below 65% at the expected standard in reading, writing and maths ("Overall Meet Std") AND with a
 * progress score below −5 in reading, −7 in writing ("Writing Progress" is WRITPROG) or −5 in maths. A blank or
 * LOWCOV progress cell cannot fail. Returns each school below with the subjects that failed.
 */
function primaryBelow(summer: string): Map<string, string[]> {
  const kent = kentMainstream(summer);
  const below = new Map<string, string[]>();
  for (const r of rows(`perf-tables-2016-2019/ks2_school_${summer}.csv`)) {
    if (!kent.has(r.URN!)) continue;
    const pupils = num(r['KS2 Pupils']);
    const rwm = num(r['Overall Meet Std']);
    if ((pupils !== null && pupils < 11) || rwm === null || rwm >= 65) continue;
    const failed = (
      [
        ['reading', num(r['Reading Progress']), -5],
        ['writing', num(r['Writing Progress']), -7],
        ['maths', num(r['Maths Progress']), -5],
      ] as const
    ).filter(([, score, threshold]) => score !== null && score < threshold);
    if (failed.length > 0)
      below.set(
        r.URN!,
        failed.map(([s]) => s),
      );
  }
  return below;
}

/**
 * The 2016-2018 secondary floor from the raw KS4 rows: Progress 8 below −0.5 with the upper bound of its 95% interval
 * below zero. The 2016 and 2017 files hold neither the interval nor the band, so a school below −0.5 there cannot be
 * decided; the 2018 file's "Progress 8 Band" and the 2019 file's P8_BANDING are 5 exactly when both conditions hold
 * (domain.md §1.6: "well below average"). 2019 had no floor in force: it is judged by the 2018 rule, as a named rule.
 */
function secondary(summer: string): { below: string[]; undecided: string[] } {
  const kent = kentMainstream(summer);
  const file = summer === '2019' ? paths.ks4in2019 : `perf-tables-2016-2019/ks4_school_${summer}.csv`;
  const p8Column = summer === '2019' ? 'P8MEA' : 'Progress 8';
  const bandColumn = summer === '2019' ? 'P8_BANDING' : 'Progress 8 Band';
  const below: string[] = [];
  const undecided: string[] = [];
  for (const r of rows(file)) {
    if (!kent.has(r.URN!) || (summer === '2019' && r.RECTYPE !== '1')) continue;
    const p8 = num(r[p8Column]);
    if (p8 === null || p8 >= -0.5) continue;
    const band = num(r[bandColumn]);
    if (band === null) undecided.push(r.URN!);
    else if (band === 5) below.push(r.URN!);
  }
  return { below: below.sort(), undecided: undecided.sort() };
}

/**
 * The 2018 primary coasting decision from the raw KS2 rows of 2016, 2017 and 2018 (domain.md §2.3), worked here without
 * Waymark's rule: a year is clear at 85% or more at the expected standard ("Overall Meet Std"), or with every published
 * progress score at or above −2.5 reading, −3.5 writing, −2.5 maths or, below it, with a band of 1-3 (2018's "… Progress
 * Band": 4 and 5 mean the interval is below zero); it is below when a score under its threshold has band 4 or 5; it is
 * open otherwise (2016 and 2017 publish no interval or band here), or when the school has no row that year, fewer than
 * 11 pupils, no published attainment or no progress score at all. A clear year decides "not coasting"; else an open one
 * leaves the school undecided. Schools as in kentMainstream, each year's own; the judged are those with a 2018 row.
 */
function primaryCoasting2018(): { judged: string[]; coasting: string[]; undecided: string[] } {
  const yearOf = (summer: string) => {
    const kent = kentMainstream(summer);
    return new Map(rows(`perf-tables-2016-2019/ks2_school_${summer}.csv`).flatMap((r) => (kent.has(r.URN!) ? [[r.URN!, r] as const] : [])));
  };
  const years = ['2016', '2017', '2018'].map(yearOf);
  const level = (r: Row | undefined): 'clear' | 'below' | 'open' | 'not judged' => {
    if (r === undefined) return 'not judged';
    const pupils = num(r['KS2 Pupils']);
    const rwm = num(r['Overall Meet Std']);
    if ((pupils !== null && pupils < 11) || rwm === null) return 'not judged';
    if (rwm >= 85) return 'clear';
    const subjects = [
      ['Reading', -2.5],
      ['Writing', -3.5],
      ['Maths', -2.5],
    ] as const;
    const scores = subjects.map(([s, limit]) => ({ score: num(r[`${s} Progress`]), limit, band: num(r[`${s} Progress Band`]) }));
    if (scores.every((x) => x.score === null)) return 'open';
    const under = scores.filter((x) => x.score !== null && x.score < x.limit);
    if (under.some((x) => x.band !== null && x.band >= 4)) return 'below';
    return under.some((x) => x.band === null) ? 'open' : 'clear';
  };
  const judged: string[] = [];
  const coasting: string[] = [];
  const undecided: string[] = [];
  for (const urn of years[2]!.keys()) {
    const levels = years.map((y) => level(y.get(urn)));
    if (levels[2] === 'not judged') continue;
    judged.push(urn);
    if (levels.includes('clear')) continue;
    if (levels.every((l) => l === 'below')) coasting.push(urn);
    else undecided.push(urn);
  }
  return { judged: judged.sort(), coasting: coasting.sort(), undecided: undecided.sort() };
}

for (const target of databaseTargets()) {
  describe(`Kent schools below the floor standard, from the real school files (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    for (const summer of ['2016', '2017', '2018']) {
      it(`lists the primary schools below the ${summer} floor with the conditions they failed`, async () => {
        const expected = primaryBelow(summer);
        const got = await test.services.floors.floorStandards('886', 'primary', `${Number(summer) - 1}${summer.slice(2)}`, publicDisclosure);
        assert.deepEqual(got.below.map((s) => s.urn).sort(), [...expected.keys()].sort());
        assert.ok(got.inForce);
        for (const school of got.below) {
          assert.ok(school.result.applies && school.result.below === true);
          const failed = school.result.applies && school.result.below === true ? school.result.failed : [];
          assert.match(failed[0]!, /at the expected standard \(under 65%\)/);
          assert.deepEqual(
            failed.slice(1).map((f) => f.split(' ')[0]),
            expected.get(school.urn),
          );
        }
        assert.ok(got.byDistrict.reduce((a, d) => a + d.below, 0) === got.below.length - got.below.filter((s) => s.district === null).length);
      });
    }

    it('counts (2016: 6, 2017: 15, 2018: 18 primary schools below) stay what the raw rows give', () => {
      assert.deepEqual(
        ['2016', '2017', '2018'].map((y) => primaryBelow(y).size),
        [6, 15, 18],
      );
    });

    for (const summer of ['2016', '2017', '2018', '2019']) {
      it(`lists the secondary schools below the floor in ${summer} (the 2018 rule named, not in force, in 2019)`, async () => {
        const expected = secondary(summer);
        const got = await test.services.floors.floorStandards('886', 'secondary', `${Number(summer) - 1}${summer.slice(2)}`, publicDisclosure);
        assert.deepEqual(got.below.map((s) => s.urn).sort(), expected.below);
        assert.deepEqual(got.undecided.map((s) => s.urn).sort(), expected.undecided);
        assert.equal(got.inForce, summer !== '2019');
        assert.equal(got.ruleYear, summer === '2019' ? 2018 : Number(summer));
        for (const school of got.below) {
          const failed = school.result.applies && school.result.below === true ? school.result.failed : [];
          // The score with the true minus sign (U+2212), as the pages write every negative figure (issue 19.6).
          assert.match(failed[0]!, /^Progress 8 −\d+(\.\d+)? \(below −0\.5\)$/);
          assert.equal(failed[1], 'Progress 8 band 5 (confidence interval below zero)');
        }
      });
    }

    it('judges Kent’s primaries coasting in 2018 as the raw rows of 2016-2018 give it (none decidably; undecided where 2016 or 2017 has no interval)', async () => {
      const expected = primaryCoasting2018();
      const got = await test.services.floors.coasting('886', 'primary', '201718', publicDisclosure);
      console.log(
        `2018 primary coasting, Kent: ${got.coasting.length} of ${got.schools.length}, ${got.undecided.length} undecided (raw rows: ${expected.judged.length} judged)`,
      );
      assert.ok(got.inForce);
      assert.deepEqual(got.schools.map((s) => s.urn).sort(), expected.judged);
      assert.deepEqual(got.coasting.map((s) => s.urn).sort(), expected.coasting);
      assert.deepEqual(got.undecided.map((s) => s.urn).sort(), expected.undecided);
      assert.ok(expected.undecided.length > 0 && expected.judged.length > expected.undecided.length);
      for (const s of got.undecided) assert.match(s.result.reason, /confidence interval is not held|no progress score|no results held|not published/, s.urn);
    });

    it('shows the listing on a page with each school’s failed conditions', async () => {
      const response = await test.app.inject('/floor-standards?la=886&phase=primary&year=201718');
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /below the floor/);
      assert.match(response.body, /at the expected standard \(under 65%\)/);
    });

    it('narrows the page to one status and sorts its list by name (issue 19.5)', async () => {
      // The 18 primary schools below the 2018 floor, from the raw rows (primaryBelow above).
      const expected = primaryBelow('2018');
      const page = await test.app.inject('/floor-standards?la=886&phase=primary&year=201718&status=below&sort=name');
      assert.equal(page.statusCode, 200);
      const { document } = parseHTML(page.body);
      const tables = Array.from(document.querySelectorAll('table[data-module="floor-schools"]'));
      assert.equal(tables.length, 1, 'only the schools below the floor');
      assert.equal(tables[0]!.querySelector('caption')!.textContent.trim(), `Below the floor (${expected.size}), by name`);
      const links = Array.from(tables[0]!.querySelectorAll('tbody tr td:first-child a'));
      assert.deepEqual(links.map((a) => /\/schools\/(\d+)$/.exec(a.getAttribute('href')!)![1]).sort(), [...expected.keys()].sort());
      const names = links.map((a) => a.textContent.trim());
      assert.deepEqual(
        names,
        [...names].sort((a, b) => a.localeCompare(b)),
      );
      assert.equal(document.querySelector('select#status option[selected]')?.getAttribute('value'), 'below');
      const undecided = parseHTML((await test.app.inject('/floor-standards?la=886&phase=primary&year=201718&status=undecided')).body).document;
      assert.ok(
        Array.from(undecided.querySelectorAll('table[data-module="floor-schools"] caption')).every((c) => /^Cannot be decided/.test(c.textContent.trim())),
      );
    });

    it('pages the indicator page’s list of Kent’s schools 50 at a time, by district and phase, its downloads holding every school the filters leave (issue 19.5)', async () => {
      // Expected from the raw files: Kent's schools (spine LA 886) with a figure in ks2_school_2018.csv's "Overall Meet Std"
      // (439 of its 456 Kent rows; 17 are blank), each school's phase read from the spine: a special school by its NFTYPE,
      // else secondary (with all-through) where ISSECONDARY is 1, else primary where ISPRIMARY is 1.
      const ks2 = new Map(
        rows('perf-tables-2016-2019/ks2_school_2018.csv')
          .filter((r) => spine.get(r.URN!)?.LA === '886' && r['Overall Meet Std'] !== '')
          .map((r) => [r.URN!, r['Overall Meet Std']!]),
      );
      assert.equal(ks2.size, 439);
      const phaseOf = (urn: string) => {
        const s = spine.get(urn)!;
        if (/special/i.test(s.NFTYPE!)) return 'Special';
        return s.ISSECONDARY === '1' ? 'Secondary and all-through' : s.ISPRIMARY === '1' ? 'Primary' : 'Other';
      };
      const base = '/indicators/ks2-expected-rwm?period=201718&breakdown=all&focus=886';
      const listOf = async (url: string) => {
        const page = await test.app.inject(url);
        assert.equal(page.statusCode, 200, url);
        const { document } = parseHTML(page.body);
        const text = (e: Element | null) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
        return {
          document,
          title: text(document.querySelector('title')),
          showing: text(document.querySelector('[data-module="school-list-showing"]')),
          rows: Array.from(document.querySelectorAll('table[data-module="school-list"] tbody tr')).map((tr) => {
            const [name, district, phase, value] = Array.from(tr.querySelectorAll('th, td')).map(text);
            return { urn: tr.getAttribute('data-urn')!, name: name!, district: district!, phase: phase!, value: value! };
          }),
        };
      };

      const all = await listOf(`${base}&page=all`);
      assert.equal(all.showing, 'Showing all 439 schools.');
      assert.deepEqual(all.rows.map((r) => r.urn).sort(), [...ks2.keys()].sort());
      for (const r of all.rows) {
        assert.equal(r.phase, phaseOf(r.urn), `${r.urn}: phase`);
        assert.equal(r.value, ks2.get(r.urn)!.replace('%', ''), `${r.urn}: the file's figure`);
      }
      // Best first: the file's figures in descending order.
      const values = all.rows.map((r) => Number(r.value));
      assert.deepEqual(
        values,
        [...values].sort((a, b) => b - a),
      );

      // 50 a page: page 1, then page 2 by the pagination's Next link, which keeps the page's choices.
      const first = await listOf(base);
      assert.equal(first.showing, 'Showing 1 to 50 of 439 schools.');
      assert.deepEqual(first.rows, all.rows.slice(0, 50));
      const nav = first.document.querySelector('nav[aria-label="Pages of the list of schools"]')!;
      assert.equal(nav.querySelector('a[aria-current="page"]')?.textContent?.trim(), '1');
      const next = nav.querySelector('.govuk-pagination__next a')!.getAttribute('href')!;
      assert.equal(next, `${base}&page=2#schools`);
      const second = await listOf(next.replace(/#.*$/, ''));
      assert.match(second.title, /^KS2 .*\(schools, page 2 of 9\) – Indicators – Waymark$/);
      assert.equal(second.showing, 'Showing 51 to 100 of 439 schools.');
      assert.deepEqual(second.rows, all.rows.slice(50, 100));
      const past = await listOf(`${base}&page=99`);
      assert.equal(past.showing, 'Showing 401 to 439 of 439 schools.');
      assert.match(past.document.querySelector('[data-module="school-list-beyond"]')!.textContent, /There are only 9 pages of schools: this is the last\./);
      assert.equal((await test.app.inject(`${base}&page=0`)).statusCode, 400);

      // The downloads under page 1 hold all 439 schools, in the page's order, with their URNs (CSV and XLSX).
      const links = Array.from(first.document.querySelectorAll('p.waymark-table-download a')).map((a) => a.getAttribute('href')!);
      const csvHref = links.find((h) => h.includes('/schools.csv'))!;
      assert.equal(csvHref, '/indicators/ks2-expected-rwm/schools.csv?period=201718&breakdown=all&focus=886');
      const csv = await test.app.inject(csvHref);
      const lines = parse<Record<string, string>>(csv.body, { columns: true, bom: true });
      assert.deepEqual(
        lines.map((l) => [l.URN, l.School, l.District, l.Phase, l.Value]),
        all.rows.map((r) => [r.urn, r.name, r.district, r.phase, r.value]),
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await test.app.inject(links.find((h) => h.includes('/schools.xlsx'))!)).rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      // Title, a blank row, the header, then a row per school: the figures as numbers.
      assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), ['URN', 'School', 'District', 'Phase', 'Value']);
      assert.deepEqual(
        all.rows.map((_, i) => sheet.getRow(4 + i).getCell(5).value),
        all.rows.map((r) => Number(r.value)),
      );

      // A district and a phase: every school listed is the district's and the phase's, and every such school is listed.
      const thanet = Array.from(first.document.querySelectorAll('select#school-district option')).find((o) => o.textContent === 'Thanet')!;
      assert.deepEqual(
        Array.from(first.document.querySelectorAll('select#school-phase option')).map((o) => o.textContent),
        ['All phases', 'Primary', 'Secondary and all-through', 'Special'],
      );
      const narrowed = await listOf(`${base}&district=${thanet.getAttribute('value')}&phase=primary`);
      const expected = all.rows.filter((r) => r.district === 'Thanet' && r.phase === 'Primary');
      assert.ok(expected.length > 10 && expected.length <= 50, `${expected.length} Thanet primaries`);
      assert.deepEqual(narrowed.rows, expected);
      assert.equal(narrowed.showing, `Showing all ${expected.length} schools, filtered by district Thanet; primary schools (439 in all). Clear filters`);
      const special = await listOf(`${base}&phase=special&sort=name`);
      assert.deepEqual(
        special.rows.map((r) => r.urn),
        all.rows
          .filter((r) => r.phase === 'Special')
          .sort((a, b) => a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn))
          .map((r) => r.urn),
      );
      const specialCsv = parse<Record<string, string>>(
        (await test.app.inject('/indicators/ks2-expected-rwm/schools.csv?period=201718&breakdown=all&focus=886&phase=special&sort=name')).body,
        { columns: true, bom: true },
      );
      assert.deepEqual(
        specialCsv.map((l) => l.URN),
        special.rows.map((r) => r.urn),
      );
    });
  });

  describe(`the secondary floor of 2013/14, from the KS4 2013/14 school file (issue 11, ${target.name})`, () => {
    const ks4in2014 = 'ks4-2014-eduvis/ks4_2013-14_school_and_la.csv';
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, [...(await readShared([paths.laCodes, paths.spine, paths.codeNames, paths.postcodes, ks4in2014]))]);
    });
    after(() => test.close());

    it('holds the 2014 medians of expected progress as the median of the file’s mainstream schools (English 74%, maths 66%)', () => {
      // Recounted here from the raw rows: every school row (RECTYPE SCH) with a published percentage in both columns.
      const rows = parse<Row>(readFileSync(sharedFile(ks4in2014), 'latin1'), { columns: true, bom: true }).filter((r) => r.RECTYPE === 'SCH');
      const median = (column: string) => {
        const values = rows
          .map((r) => num(r[column]))
          .filter((v): v is number => v !== null)
          .sort((a, b) => a - b);
        const n = values.length;
        return { n, median: n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2 };
      };
      assert.deepEqual(median('PT24ENGPRG_PTQ'), { n: 3131, median: secondaryMedians[2014]!.english });
      assert.deepEqual(median('PT24MATHPRG_PTQ'), { n: 3131, median: secondaryMedians[2014]!.maths });
    });

    it('judges each Kent school: 40% or more 5+ A*-C with English and maths above; under 40%, below only when under both medians', async () => {
      // The raw file's Kent school rows (RECTYPE SCH, LEA 886): PTAC5EM_PTQ and the two expected progress columns, e.g.
      // URN 118897 The Malling School 29%, expected progress 70% in English (under 74) and 39% in maths (under 66): below.
      const raw = new Map(
        parse<Row>(readFileSync(sharedFile(ks4in2014), 'latin1'), { columns: true, bom: true })
          .filter((r) => r.RECTYPE === 'SCH' && r.LEA!.startsWith('886'))
          .map((r) => [r.URN!.replace(/\.0$/, ''), { share: num(r.PTAC5EM_PTQ), english: num(r.PT24ENGPRG_PTQ), maths: num(r.PT24MATHPRG_PTQ) }]),
      );
      const got = await test.services.floors.floorStandards('886', 'secondary', '201314', publicDisclosure);
      assert.equal(got.inForce, true);
      assert.ok(got.schools.length >= 50, `${got.schools.length} schools judged`);
      for (const school of got.schools) {
        const row = raw.get(school.urn);
        assert.notEqual(row, undefined, `${school.urn} is a Kent school of the file`);
        const { share, english, maths } = row!;
        const expected =
          share! >= 40
            ? false
            : english !== null && maths !== null
              ? english < 74 && maths < 66
              : (english ?? maths)! >= (english === null ? 66 : 74)
                ? false
                : null;
        assert.equal(school.result.applies && school.result.below, expected, `${school.urn} at ${share}%, ${english}% and ${maths}%`);
      }
      assert.ok(got.below.some((s) => s.urn === '118897'));
    });
  });
}
