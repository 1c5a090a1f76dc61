import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { claimantCountFile, feStartsFile } from '../demo/employment-files.ts';
import { gathered, type ChunkReader, type TableHead } from './chunk-reader.ts';
import { readCsvBytes, type CsvTable, type Encoding } from './csv-table.ts';
import { codepointPostcodes } from './codepoint/postcodes.ts';
import { feSkillsStarts } from './employment/fe-skills-starts.ts';
import { nomisClaimantCount } from './employment/nomis-claimant-count.ts';
import { giasGroupLinks } from './gias/group-links.ts';
import { giasLinks } from './gias/links.ts';
import { ofstedInspectionOutcomes } from './ofsted/inspection-outcomes.ts';
import { ofstedRatingsHistory } from './ofsted/ratings-history.ts';

// A format read a chunk of rows at a time (issue 20.5) keeps what holds across the whole file: the same records, issues
// and counts from chunks of 1, 7 and 1,000 rows as from the file read as one chunk, on the real files in
// ../shared/data/public (each folder's PROVENANCE.md) and on files made to break a rule across chunks.

const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'public');
const realTable = (path: string, encoding: Encoding) => {
  const read = readCsvBytes(path, readFileSync(join(shared, path)), encoding);
  assert.ok(read.ok, path);
  return read.table;
};
const textTable = (text: string) => {
  const read = readCsvBytes('f.csv', Buffer.from(text), 'utf-8');
  assert.ok(read.ok);
  return read.table;
};

/** The table through a reader, `size` rows at a time. */
function inChunks<P>(table: CsvTable, reader: (head: TableHead) => ChunkReader<P>, size: number): P {
  const read = reader(table);
  for (let i = 0; i < table.rows.length; i += size) read.read({ ...table, rows: table.rows.slice(i, i + size) });
  return read.finish();
}

function sameInChunks<P>(what: string, table: CsvTable, reader: (head: TableHead) => ChunkReader<P>): P {
  const whole = inChunks(table, reader, table.rows.length);
  for (const size of [1, 7, 1_000]) assert.deepEqual(inChunks(table, reader, size), whole, `${what} in chunks of ${size}`);
  return whole;
}

describe('a format read a chunk of rows at a time', () => {
  it('gives from the real files in chunks what it gives from them whole', { skip: !existsSync(shared) && 'no ../shared/data/public' }, () => {
    const linksFile = 'gias-links-and-trusts/links_edubasealldata20250422.csv';
    const links = sameInChunks('links', realTable(linksFile, 'utf-8-or-windows-1252'), giasLinks.reader);
    // The amalgamations written on both schools' rows, found a file apart: recounted from the raw rows (csv-parse, not
    // Waymark's reader) as "Result of Amalgamation" rows whose reverse pair is one too (98 in this file).
    const raw = parse<Record<string, string>>(readFileSync(join(shared, linksFile)), { columns: true, trim: true });
    const amalgamations = new Set(raw.filter((r) => r.LinkType === 'Result of Amalgamation').map((r) => `${r.URN}>${r.LinkURN}`));
    const bothWays = raw.filter((r) => r.LinkType === 'Result of Amalgamation' && amalgamations.has(`${r.LinkURN}>${r.URN}`)).length;
    assert.deepEqual([links.issues.length, links.records.length > 10_000, links.twoWayAmalgamations], [0, true, bothWays]);
    const groups = sameInChunks('group links', realTable('gias-links-and-trusts/group_links_2022.csv', 'utf-8-or-windows-1252'), giasGroupLinks.reader);
    assert.equal(groups.issues.length, 0);
    const postcodes = sameInChunks('postcodes', realTable('kent-postcode-district/codepoint_open_2014-08_kent_postcodes.csv', 'utf-8'), (head) =>
      gathered(codepointPostcodes.reader(head)),
    );
    assert.equal(postcodes.issues.length, 0);
    for (const file of ['ofsted_inspections_2013-09_to_2014-08.csv', 'ofsted_inspections_2014-10_to_2014-12.csv'])
      assert.equal(
        sameInChunks(file, realTable(`ofsted-inspections-2013-14/${file}`, 'utf-8-or-windows-1252'), (head) => gathered(ofstedInspectionOutcomes.reader(head)))
          .issues.length,
        0,
      );
    const ratings = sameInChunks('ratings', realTable('perf-tables-2016-2019/ofsted_ratings_history_to_2018.csv', 'utf-8'), (head) =>
      gathered(ofstedRatingsHistory.reader(head)),
    );
    assert.deepEqual([ratings.issues.length, ratings.repeats > 0], [0, true]);
  });

  it('finds a repeat, a second grade or a second month a file apart, and averages months read in different chunks', () => {
    const postcodes = sameInChunks(
      'postcodes',
      textTable(
        `Postcode,Eastings,Northings,Admin_county_code,Admin_district_code,Admin_ward_code\n${[...Array(20).keys()]
          .map((i) => `TN23 ${i % 10}AA,600000,140000,E10000016,E07000105,`)
          .join('\n')}\n`,
      ),
      (head) => gathered(codepointPostcodes.reader(head)),
    );
    // Postcodes are compared as written without their space (domain/geography/postcode.ts).
    assert.deepEqual(
      postcodes.issues.map((i) => `${i.line} ${i.message}`),
      [...Array(10).keys()].map((i) => `${i + 12} duplicate postcode TN23${i}AA (first on line ${i + 2})`),
    );
    const ratings = sameInChunks(
      'ratings',
      textTable('URN,Rating,Inspection Date\n100001,Good,20120101\n100002,Good,20120101\n100001,Outstanding,20120101\n'),
      (head) => gathered(ofstedRatingsHistory.reader(head)),
    );
    assert.deepEqual(
      ratings.issues.map((i) => `${i.line} ${i.message}`),
      ['4 URN 100001 inspected 2012-01-01 is graded 1 here and 2 on line 2'],
    );
    // A URN written with a leading zero is another URN, as the store keys inspections by the URN's text.
    const zero = sameInChunks('ratings', textTable('URN,Rating,Inspection Date\n0100001,Good,20150101\n100001,Outstanding,20150101\n'), (head) =>
      gathered(ofstedRatingsHistory.reader(head)),
    );
    assert.deepEqual([zero.issues, zero.records.length, zero.repeats], [[], 2, 0]);
    const claimants = sameInChunks('claimants', textTable(claimantCountFile('E10000016', 'Kent', 2012, 2016)), nomisClaimantCount.reader);
    assert.deepEqual([claimants.issues, claimants.incomplete, claimants.records.length > 0], [[], [], true]);
    const starts = sameInChunks(
      'starts',
      textTable(feStartsFile({ code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: 'E12000008' }, [2012, 2013, 2014])),
      (head) => feSkillsStarts.reader(head),
    );
    assert.deepEqual([starts.issues, starts.records.length > 0], [[], true]);
  });
});
