import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseHTML } from 'linkedom';
import { appWithImports, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { breakdownTitle } from '../src/domain/pupils/breakdowns.ts';

// Issue 19.3: a page's table downloads as CSV (UTF-8 with a byte-order mark) and XLSX, with the figures the page shows.
// Each check reads the page's own HTML table and the workbook (opened with exceljs) and compares them cell by cell, on
// LAIT's published figures for Kent, its neighbours and England.

const files = await readShared(['lait/la_code_list.csv', 'lait/lait_data_dictionary.csv', 'lait/bds_long_kent_sn_england.csv', 'lait/sn_april_2021.csv']);

type Sheet = { title: string; header: string[]; rows: (string | number | null)[][]; notes: string[] };

/** The workbook as written: title row, a blank row, the header, the rows up to the next blank row, then the notes. */
async function readXlsx(body: Buffer): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const values: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    // row.values is sparse where a cell is empty: Array.from visits the holes, where map would skip them.
    const cells = Array.from((row.values as (string | number | null | undefined)[]).slice(1), (v) => v ?? null);
    values.push(cells);
  });
  const blank = (r: (string | number | null)[] | undefined) => r === undefined || r.every((v) => v === null);
  const end = values.findIndex((r, i) => i > 2 && blank(r));
  return {
    title: String(values[0]![0]),
    header: values[2]!.map(String),
    rows: values.slice(3, end),
    notes: values.slice(end + 1).map((r) => String(r[0])),
  };
}

const textOf = (cell: Element) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A page cell's text as the test reads it: charts (svg) left out, whitespace collapsed. */
const pageText = (cell: Element) => {
  const copy = cell.cloneNode(true) as Element;
  for (const svg of Array.from(copy.querySelectorAll('svg'))) svg.remove();
  return textOf(copy);
};

/** A workbook cell as Excel shows it: a number at its format's decimals (0.0 → one), text as written, blank as ''. */
const shownInExcel = (cell: ExcelJS.Cell): string => {
  if (cell.value === null || cell.value === undefined) return '';
  if (typeof cell.value === 'number') {
    const decimals = /^0\.(0+)$/.exec(cell.numFmt ?? '')?.[1]?.length ?? 0;
    return cell.numFmt ? cell.value.toFixed(decimals) : String(cell.value);
  }
  return typeof cell.value === 'string' ? cell.value : JSON.stringify(cell.value);
};

/** A page's figure written plainly, to compare with a workbook's: one minus sign, no thousands commas, no % sign, no dash. */
// A figure on the page (a true minus sign, thousands commas, a per cent sign) as the sheet holds it, a number; words as they are.
const plain = (text: string) =>
  ['–', '-', '—'].includes(text) ? '' : text.replace(/^[−-]?[\d,]+(\.\d+)?%?$/, (n) => n.replace(/−/g, '-').replace(/[,%]/g, ''));

for (const target of databaseTargets()) {
  describe(`every table downloads as the page shows it (${target.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await appWithImports(target, files);
    });
    after(() => t.close());

    it('gives the indicator page’s LA table as XLSX with the page’s figures as numbers, and as CSV with a byte-order mark', async () => {
      const url = '/indicators/ks2-expected-rwm?period=201516&breakdown=all';
      const page = await t.app.inject(url);
      assert.equal(page.statusCode, 200);
      const { document } = parseHTML(page.body);
      const table = document.querySelector('table[data-module="la-ranks"]')!;
      // Page rows: England, then each LA (rank, name, value, band).
      const shown = new Map<string, string>();
      for (const tr of Array.from(table.querySelectorAll('tbody tr'))) {
        const cells = Array.from(tr.querySelectorAll('td, th')).map(textOf);
        shown.set(cells[1]!, cells[2]!);
      }
      // The file holds Kent, its neighbours (April 2021) and England, with the other LAs of their regions.
      assert.ok(shown.size >= 11, `${shown.size} rows on the page`);
      assert.match(page.body, /href="\/indicators\/ks2-expected-rwm\.xlsx\?period=201516&amp;breakdown=all"/);

      const xlsx = await t.app.inject(url.replace('?', '.xlsx?'));
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
      assert.match(String(xlsx.headers['content-disposition']), /attachment; filename="ks2-expected-rwm-201516-all\.xlsx"/);
      const sheet = await readXlsx(xlsx.rawPayload);
      assert.match(sheet.title, /2015\/16/);
      assert.deepEqual(sheet.header, ['indicator', 'period', 'breakdown', 'geographic_level', 'code', 'name', 'value', 'rank', 'quartile_band']);
      assert.ok(sheet.notes.some((n) => /^c: /.test(n)) && sheet.notes.some((n) => /Source: /.test(n)));
      let compared = 0;
      for (const row of sheet.rows) {
        const [, , , level, , name, value] = row;
        if (level === 'Regional') continue; // the page's LA table shows England and the LAs; the regions are listed above it
        const onPage = shown.get(String(name));
        assert.ok(onPage !== undefined, `${name} on the page`);
        // A figure is a number in the workbook (0 decimals for this indicator), a symbol is text, as on the page.
        if (typeof value === 'number') assert.equal(value.toFixed(0), onPage, String(name));
        else assert.equal(value, onPage, String(name));
        compared++;
      }
      assert.equal(compared, shown.size);
      // Kent, 2016: 59% (LAIT KS2RWM_Expected_STD), a number, not the text "59".
      assert.equal(sheet.rows.find((r) => r[4] === '886')![6], 59);

      const csv = await t.app.inject(url.replace('?', '.csv?'));
      assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 byte-order mark');
      const lines = parse<Record<string, string>>(csv.body, { columns: true, bom: true });
      assert.equal(lines.length, sheet.rows.length);
      lines.forEach((line, i) => assert.equal(line.value, String(sheet.rows[i]![6])));
    });

    it('gives the indicator page’s LA table as open data: a ZIP of data.csv in the EES layout, its figures the page’s, and a meta.csv describing its columns', async () => {
      const url = '/indicators/ks2-expected-rwm?period=201516&breakdown=all';
      const page = await t.app.inject(url);
      const { document } = parseHTML(page.body);
      // The pupil group is chosen by name; the option's value keeps the code (issue 19.6).
      const options = Array.from(document.querySelectorAll('select#breakdown option'));
      assert.ok(options.length >= 1);
      for (const o of options) assert.equal(textOf(o), breakdownTitle(o.getAttribute('value')!));
      assert.equal(textOf(document.querySelector('select#breakdown option[value="all"]')!), 'All pupils');
      const table = document.querySelector('table[data-module="la-ranks"]')!;
      const shown = new Map<string, string>();
      for (const tr of Array.from(table.querySelectorAll('tbody tr'))) {
        const cells = Array.from(tr.querySelectorAll('td, th')).map(textOf);
        shown.set(cells[1]!, cells[2]!);
      }
      // The download line under the table offers the ZIP beside CSV and Excel.
      const line = document.querySelector(
        'table[data-module="la-ranks"] ~ p.waymark-table-download, .waymark-table-scroll:has(table[data-module="la-ranks"]) + p',
      )!;
      const zipLink = Array.from(line.querySelectorAll('a')).find((a) => /open data \(ZIP with meta\.csv\)/.test(textOf(a)))!;
      assert.equal(zipLink.getAttribute('href'), '/indicators/ks2-expected-rwm/open-data.zip?period=201516&breakdown=all');

      const response = await t.app.inject(zipLink.getAttribute('href')!);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/zip');
      assert.match(String(response.headers['content-disposition']), /attachment; filename="ks2-expected-rwm-201516-all-open-data\.zip"/);
      const zip = await JSZip.loadAsync(response.rawPayload);
      assert.deepEqual(Object.keys(zip.files).sort(), ['data.csv', 'meta.csv']);
      const data = parse<Record<string, string>>(await zip.file('data.csv')!.async('string'), { columns: true });
      const meta = parse<Record<string, string>>(await zip.file('meta.csv')!.async('string'), { columns: true });

      // Every row the page's table shows (England and each LA) is in data.csv with the same figure or symbol.
      let compared = 0;
      for (const row of data) {
        assert.equal(row.time_period, '201516');
        assert.equal(row.time_identifier, 'Academic year');
        assert.equal(row.breakdown, 'Total');
        if (row.geographic_level === 'Regional') continue; // listed above the page's table
        const name = row.geographic_level === 'National' ? row.country_name! : row.la_name!;
        const onPage = shown.get(name);
        assert.ok(onPage !== undefined, `${name} on the page`);
        assert.equal(row.ks2_expected_rwm, onPage.replace('−', '-'), name);
        compared++;
      }
      assert.equal(compared, shown.size);
      const kent = data.find((r) => r.old_la_code === '886')!;
      // Kent, 2016: 59% (LAIT KS2RWM_Expected_STD), in the South East (LAIT's region for Kent).
      assert.equal(kent.ks2_expected_rwm, '59');
      assert.equal(kent.la_name, 'Kent');
      assert.equal(kent.region_name, 'South East');

      // meta.csv has the standard's columns and describes every column that is not a time or geography column.
      const metaHeader = (await zip.file('meta.csv')!.async('string')).split('\n')[0];
      assert.equal(metaHeader, 'col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column');
      const standard = [
        'time_period',
        'time_identifier',
        'geographic_level',
        'country_code',
        'country_name',
        'region_code',
        'region_name',
        'old_la_code',
        'new_la_code',
        'la_name',
      ];
      assert.deepEqual(Object.keys(data[0]!).slice(0, standard.length), standard);
      assert.deepEqual(
        meta.map((m) => m.col_name),
        Object.keys(data[0]!).filter((c) => !standard.includes(c)),
      );
      assert.deepEqual(
        meta.find((m) => m.col_name === 'breakdown'),
        {
          col_name: 'breakdown',
          col_type: 'Filter',
          label: 'Pupil group',
          indicator_grouping: '',
          indicator_unit: '',
          indicator_dp: '',
          filter_hint: 'Filter by pupil group',
          filter_grouping_column: '',
        },
      );
      const indicator = meta.find((m) => m.col_name === 'ks2_expected_rwm')!;
      assert.equal(indicator.col_type, 'Indicator');
      assert.equal(indicator.indicator_unit, '%');
      assert.equal(indicator.indicator_dp, '0');

      // The API gives the same file for the same choices.
      const api = await t.app.inject('/api/v1/indicators/ks2-expected-rwm/open-data.zip?period=201516&breakdown=all');
      assert.equal(api.statusCode, 200);
      assert.ok(api.rawPayload.equals(response.rawPayload), 'the API’s ZIP is the page’s');
    });

    it('gives the framework page’s targets as XLSX and CSV, line by line as the page shows them', async () => {
      const url = '/frameworks/kent-2013-2016?year=2016';
      const page = await t.app.inject(url);
      assert.equal(page.statusCode, 200);
      const { document } = parseHTML(page.body);
      const shown = Array.from(document.querySelectorAll('main table tbody tr')).map((tr) => {
        const cells = Array.from(tr.querySelectorAll('td')).map(textOf);
        return { number: cells[0]!, title: textOf(tr.querySelector('td a')!), status: cells[2]!, value: cells[3]! };
      });
      assert.ok(shown.length >= 47, `${shown.length} target lines on the page`);

      const xlsx = await t.app.inject(url.replace('?', '.xlsx?'));
      assert.equal(xlsx.statusCode, 200);
      const sheet = await readXlsx(xlsx.rawPayload);
      assert.match(sheet.title, /Kent, 2016/);
      assert.equal(sheet.rows.length, shown.length);
      sheet.rows.forEach((row, i) => {
        const [, number, title, status, value] = row;
        const line = shown[i]!;
        assert.equal(number === null ? '' : String(number), line.number);
        assert.equal(title, line.title);
        assert.equal(status, line.status);
        // The page writes the figure at its decimals with its unit ("75.0%", "19.2 points"); the sheet holds the number
        // as stored, which the page's figure rounds.
        if (value === null || line.value === '–') assert.equal(value === null, line.value === '–', `${title}`);
        else {
          const digits = /^−?\d+(?:\.(\d+))?/.exec(line.value)!;
          const decimals = digits[1]?.length ?? 0;
          assert.ok(Math.abs(Number(digits[0].replace('−', '-')) - Number(value)) <= 0.5 * 10 ** -decimals + 1e-9, `${title}: ${line.value} shows ${value}`);
        }
        if (value !== null) assert.equal(typeof value, 'number');
      });
      assert.ok(
        sheet.rows.some((r) => typeof r[4] === 'number'),
        'some target has a figure on LAIT alone',
      );

      const csv = await t.app.inject(url.replace('?', '.csv?'));
      const lines = parse<Record<string, string>>(csv.body, { columns: true, bom: true });
      assert.deepEqual(
        lines.map((l) => l.Status),
        shown.map((s) => s.status),
      );
    });

    it('offers CSV and XLSX under every table of every page, each holding what the page’s table shows, cell by cell', async () => {
      const pages = [
        '/',
        '/indicators',
        '/indicators/ks2-expected-rwm?period=201516&breakdown=all',
        '/frameworks',
        '/frameworks/kent-2013-2016?year=2016',
        '/frameworks/kent-2013-2016/targets/ks2-attainment?year=2016',
        '/places/la/886',
      ];
      let generic = 0;
      for (const url of pages) {
        const page = await t.app.inject(url);
        assert.equal(page.statusCode, 200, url);
        const { document } = parseHTML(page.body);
        const tables = Array.from(document.querySelectorAll('table.govuk-table:not([data-no-download])'));
        const lines = Array.from(document.querySelectorAll('p.waymark-table-download'));
        assert.equal(lines.length, tables.length, `${url}: a download line under each table`);
        for (const [i, table] of tables.entries()) {
          const [csvHref, xlsxHref] = Array.from(lines[i]!.querySelectorAll('a')).map((a) => a.getAttribute('href')!);
          const [csv, xlsx] = [await t.app.inject(csvHref!), await t.app.inject(xlsxHref!)];
          assert.equal(csv.statusCode, 200, `${url} table ${i + 1} CSV`);
          assert.equal(xlsx.statusCode, 200, `${url} table ${i + 1} XLSX`);
          assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), `${csvHref}: byte-order mark`);
          if (table.hasAttribute('data-xlsx')) continue; // a download of its own, compared with the page above
          // The generic download: the page's table, cell by cell.
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
          const sheet = book.worksheets[0]!;
          const header = Array.from(table.querySelectorAll('thead th')).map(pageText);
          if (header.length > 0)
            assert.deepEqual(
              header.map((h, j) => h || `Column ${j + 1}`),
              Array.from({ length: header.length }, (_, j) => shownInExcel(sheet.getRow(3).getCell(j + 1))),
              `${url} table ${i + 1} header`,
            );
          Array.from(table.querySelectorAll('tbody tr')).forEach((tr, r) => {
            Array.from(tr.querySelectorAll('th, td')).forEach((cell, c) => {
              const inExcel = shownInExcel(sheet.getRow(4 + r).getCell(c + 1));
              assert.equal(inExcel, plain(pageText(cell)), `${url} table ${i + 1} row ${r + 1} column ${c + 1}`);
            });
          });
          generic++;
        }
      }
      assert.ok(generic >= 5, `${generic} tables compared cell by cell`);
    });
  });
}
