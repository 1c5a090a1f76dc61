import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeWords, fixed, neighboursWords, statusCounts } from './format.ts';
import { academicYearLabel } from '../../domain/periods/period.ts';

describe('fixed: a figure rounded once, at display, half up as the DfE rounds (its round_five_up)', () => {
  it('rounds half up and away from zero, free of binary artefacts, to fixed decimals', () => {
    assert.equal(fixed(2.675, 2), '2.68'); // stored as 2.67499…; Number.prototype.toFixed gives 2.67
    assert.equal(fixed(-2.5, 0), '\u22123'); // Math.round(-2.5) is -2
    assert.equal(fixed(75, 1), '75.0');
    assert.equal(fixed(-0.04, 1), '0.0'); // no "-0.0"
  });
  it('writes a negative figure with the true minus sign (U+2212), never a hyphen-minus', () => {
    assert.equal(fixed(-0.25, 2), '\u22120.25');
    assert.equal(fixed(-1234.5, 1), '\u22121234.5');
    assert.doesNotMatch(fixed(-7, 0), /-/);
  });
  it('shows a dash where there is no number', () => {
    assert.equal(fixed(null, 1), '–');
    assert.equal(fixed(undefined, 1), '–');
  });
});

describe('a change on the year before in words', () => {
  it('gives its size in percentage points with a true minus sign, and its direction by polarity', () => {
    assert.equal(changeWords({ points: -2.5, direction: 'worse' }, 'percent', 1), '\u22122.5 percentage points, worse');
    assert.equal(changeWords({ points: 0.3, direction: 'better' }, 'rate', 2), '+0.30 points, better');
    assert.equal(changeWords({ points: 1, direction: 'changed' }, 'points', 0), '+1 point');
    assert.equal(changeWords({ points: -6, direction: 'better' }, 'count', 0), '\u22126, better');
    assert.equal(changeWords({ points: 0, direction: 'same' }, 'percent', 1), 'No change');
  });
});

describe("targets' statuses counted in words", () => {
  it('names only the statuses some target has, joined with a final "and"', () => {
    assert.equal(statusCounts({ met: 4, on_track: 3, off_track: 9, not_yet_due: 0, no_data: 0 }), '4 met, 3 on track and 9 off track');
    assert.equal(statusCounts({ met: 0, on_track: 0, off_track: 0, not_yet_due: 0, no_data: 2 }), '2 with no data');
    assert.equal(statusCounts({}), 'no targets');
  });
});

describe("neighboursWords: how an LA moved against its neighbours' average, in one sentence", () => {
  const at = (period: string, la: number, neighbours: number, ahead: boolean | null) => ({ period, la, neighbours, apart: la - neighbours, ahead });
  it('says each figure with its unit, and each year’s distance in percentage points, singular or plural, with its direction', () => {
    assert.equal(
      neighboursWords('Kent', { first: at('201213', 74, 76, false), last: at('201415', 80, 79, true) }, 'percent', 0, academicYearLabel),
      'From 2012/13 to 2014/15, Kent’s figure went from 74% to 80% and its neighbours’ average from 76% to 79%: ' +
        'Kent was 2 percentage points below it (worse) in 2012/13 and 1 percentage point above it (better) in 2014/15.',
    );
  });
  it('says level where the figures as shown are equal, and a score’s distance in points', () => {
    assert.equal(
      neighboursWords('Kent', { first: at('201516', 104, 104, null), last: at('201617', 103.5, 104, false) }, 'average_score', 1, academicYearLabel),
      'From 2015/16 to 2016/17, Kent’s figure went from 104.0 to 103.5 and its neighbours’ average from 104.0 to 104.0: ' +
        'Kent was level with it in 2015/16 and 0.5 points below it (worse) in 2016/17.',
    );
  });
});
