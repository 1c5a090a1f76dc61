import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outsideUnit, parseDfeNumber, percentFromProportion, rateBase } from './dfe-number.ts';

describe('reading numbers as the DfE writes them', () => {
  it('reads plain decimals with a leading minus', () => {
    assert.deepEqual(parseDfeNumber('74.8'), { ok: true, value: 74.8, text: '74.8' });
    assert.deepEqual(parseDfeNumber(' -0.12 '), { ok: true, value: -0.12, text: '-0.12' });
  });

  it("reads LAIT's exponent notation (lait/bds_long_all_las.csv.gz writes 4.7980000000000002E-2)", () => {
    const read = parseDfeNumber('4.7980000000000002E-2');
    assert.ok(read.ok);
    assert.equal(read.value, 0.04798);
  });

  it('reads thousands grouped by commas in threes, dropping the commas', () => {
    assert.deepEqual(parseDfeNumber('12,345.5'), { ok: true, value: 12345.5, text: '12345.5' });
  });

  it('reads a trailing % only where the file marks percentages so (perf-tables-2016-2019/ks2_school_2018.csv writes 57%)', () => {
    assert.deepEqual(parseDfeNumber('57%', { percentSign: true }), { ok: true, value: 57, text: '57' });
    assert.equal(parseDfeNumber('57%').ok, false);
  });

  it('refuses the forms JavaScript reads but the DfE never writes (issue 12: 0x3C was stored as 60)', () => {
    for (const text of ['0x3C', '0b1111', '0o17', 'Infinity', '-Infinity', 'NaN', '', '+5', '.5', '5.', '1e400', '1_000'])
      assert.equal(parseDfeNumber(text).ok, false, text);
  });

  it('refuses a decimal comma rather than reading "12,5%" as 125 (issue 12)', () => {
    const read = parseDfeNumber('12,5%', { percentSign: true });
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.reason, /decimal comma/);
    assert.equal(parseDfeNumber('1,00').ok, false);
    assert.equal(parseDfeNumber('1234,567').ok, false);
  });
});

describe('values within their unit', () => {
  it('holds a percentage to 0-100', () => {
    assert.equal(outsideUnit(0, 'percent'), null);
    assert.equal(outsideUnit(100, 'percent'), null);
    assert.match(outsideUnit(125, 'percent') ?? '', /not a percentage/);
    assert.match(outsideUnit(-0.1, 'percent') ?? '', /not a percentage/);
  });

  it('lets a percentage defined as a rate of events pass 100 (exclusions-la/clean_la_data.csv has special-school suspension rates over 100)', () => {
    assert.equal(outsideUnit(112.5, 'percent', 'Fixed-period exclusion (suspension) rate'), null);
    assert.match(outsideUnit(-1, 'percent', 'Fixed-period exclusion (suspension) rate') ?? '', /not a percentage/);
  });

  it("lets a percentage defined as signed be negative (the scorecards' forecast accuracy: Dudley −2.47%, domain.md §12.2)", () => {
    assert.equal(outsideUnit(-2.47, 'percent', 'Pupil forecast accuracy: a signed percentage'), null);
    assert.match(outsideUnit(-2.47, 'percent', 'Pupil forecast accuracy') ?? '', /not a percentage/);
  });

  it('moves a proportion to a percentage by its decimal point, with no binary rounding (0.012143175 × 100 is 1.2143175000000001 in floats)', () => {
    // The scorecards' For_1_P for Kent 2024/25 is 0.012143175; Dudley's For_3_P 2023/24 is −0.024714466.
    assert.deepEqual(percentFromProportion('0.012143175'), { value: 1.2143175, text: '1.2143175' });
    assert.deepEqual(percentFromProportion('-0.024714466'), { value: -2.4714466, text: '-2.4714466' });
    assert.deepEqual(percentFromProportion('1'), { value: 100, text: '100' });
    assert.deepEqual(percentFromProportion('0.5'), { value: 50, text: '50' });
    assert.deepEqual(percentFromProportion('0.00106956'), { value: 0.106956, text: '0.106956' });
  });

  it("holds a rate to 0 and its base, read from the definition (LAIT's 'Rate per 10,000 children')", () => {
    assert.equal(rateBase('Children in need: rate per 10,000 children'), 10_000);
    assert.equal(rateBase('Rate per 1000 pupils'), 1000);
    assert.equal(rateBase('Average score'), null);
    assert.equal(outsideUnit(9_999, 'rate', 'rate per 10,000'), null);
    assert.match(outsideUnit(10_001, 'rate', 'rate per 10,000') ?? '', /more than a rate per 10,000/);
    assert.match(outsideUnit(-1, 'rate') ?? '', /not a rate/);
  });

  it('holds a count to 0 or more and leaves scores, which may be negative, alone', () => {
    assert.match(outsideUnit(-3, 'count') ?? '', /not a count/);
    assert.equal(outsideUnit(-1.5, 'average_score'), null);
  });
});
