import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableCsv } from './download-table.ts';
import { figureOf, pageTables } from './page-tables.ts';
import { fixed } from './format.ts';
import { withDownloadLinks } from '../middleware/table-downloads.ts';

describe('a table read back from a page for download', () => {
  it('reads a numeric cell as the figure shown, at the decimals shown, and a DfE symbol or a dash as what it is', () => {
    assert.deepEqual(figureOf('1,234'), { figure: 1234, decimals: 0 });
    assert.deepEqual(figureOf('−0.25'), { figure: -0.25, decimals: 2 });
    // A page writes a negative with the true minus sign (fixed); the download reads it back as the number.
    assert.deepEqual(figureOf(fixed(-0.25, 2)), { figure: -0.25, decimals: 2 });
    assert.equal(
      tableCsv({ title: '', columns: [{ header: 'v', kind: 'number', decimals: null }], rows: [[figureOf(fixed(-2.5, 1))]], notes: [] }),
      '\uFEFFv\n-2.5\n',
    );
    assert.deepEqual(figureOf('75.0%'), { figure: 75, decimals: 1 });
    assert.deepEqual(figureOf('c'), { symbol: 'c' });
    assert.deepEqual(figureOf('low'), { symbol: 'low' });
    assert.equal(figureOf('–'), null);
    // Text in a numeric column stays text ("3 of 11" is a rank, not a figure).
    assert.equal(figureOf('3 of 11'), '3 of 11');
  });

  it('takes each downloadable table with its caption, headers and cells, and leaves out charts and unmarked tables', () => {
    const html = `<html><body><h1>Thanet</h1>
      <h2>Schools</h2>
      <table class="govuk-table"><thead><tr><th class="govuk-table__header">School</th><th class="govuk-table__header govuk-table__header--numeric">KS2 expected standard</th><th>Trend</th></tr></thead>
      <tbody><tr><th>Cliftonville Primary</th><td class="govuk-table__cell--numeric">61.5</td><td><svg><title>trend 2013 to 2016</title></svg>rising</td></tr>
      <tr><th>St Peter's, "Broadstairs"</th><td class="govuk-table__cell--numeric">c</td><td></td></tr></tbody></table>
      <table class="govuk-table" data-no-download><tbody><tr><td>form</td></tr></tbody></table>
      <table class="govuk-table"><caption class="govuk-table__caption">Ofsted</caption><tbody><tr><td>Good</td></tr></tbody></table>
    </body></html>`;
    const tables = pageTables(html);
    assert.equal(tables.length, 2);
    const [schools, ofsted] = tables;
    assert.equal(schools!.title, 'Schools');
    assert.deepEqual(
      schools!.columns.map((c) => [c.header, c.kind]),
      [
        ['School', 'text'],
        ['KS2 expected standard', 'number'],
        ['Trend', 'text'],
      ],
    );
    assert.deepEqual(schools!.rows, [
      ['Cliftonville Primary', { figure: 61.5, decimals: 1 }, 'rising'],
      [`St Peter's, "Broadstairs"`, { symbol: 'c' }, null],
    ]);
    assert.equal(ofsted!.title, 'Ofsted');
    assert.equal(tableCsv(schools!), '\uFEFFSchool,KS2 expected standard,Trend\nCliftonville Primary,61.5,rising\n"St Peter\'s, ""Broadstairs""",c,\n');
  });

  it('puts a download line under each downloadable table, numbered as they are read, keeping the page’s own query', () => {
    const html =
      '<table class="govuk-table"><tr><td>1</td></tr></table><table class="govuk-table" data-no-download></table>' +
      '<table class="govuk-table" data-csv="/x.csv?a=1&amp;b=2" data-xlsx="/x.xlsx"></table>';
    const out = withDownloadLinks(html, '/watch-list?district=E07000114&download=csv');
    const links = [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(links, [
      '/watch-list?district=E07000114&amp;download=csv&amp;table=1',
      '/watch-list?district=E07000114&amp;download=xlsx&amp;table=1',
      '/x.csv?a=1&amp;b=2',
      '/x.xlsx',
    ]);
  });

  it('offers a table’s open-data file as a third download where the table names one (data-open-data)', () => {
    const html = '<table class="govuk-table" data-csv="/i.csv" data-xlsx="/i.xlsx" data-open-data="/i/open-data.zip?period=201516&amp;breakdown=all"></table>';
    const out = withDownloadLinks(html, '/indicators/i');
    assert.deepEqual(
      [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
      ['/i.csv', '/i.xlsx', '/i/open-data.zip?period=201516&amp;breakdown=all'],
    );
    assert.match(out, /Download this table: <a[^>]*>CSV<\/a>, <a[^>]*>Excel \(XLSX\)<\/a> or <a[^>]*>open data \(ZIP with meta\.csv\)<\/a>/);
  });
});
