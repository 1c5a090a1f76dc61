import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFigure, type FigureFacts } from './sentences.ts';

const facts = (over: Partial<FigureFacts>): FigureFacts => ({
  subject: 'pupils at level 4+ in English and maths at KS2',
  year: 2012,
  unit: 'percent',
  decimalPlaces: 0,
  polarity: 'higher_is_better',
  value: 78,
  previous: 72,
  england: 79,
  rank: { rank: 10, of: 11 },
  ...over,
});

describe('report sentences', () => {
  it('say the value, the change on last year, England and the neighbour rank (seed: 72% → 78%, England 79%)', () => {
    assert.equal(
      describeFigure(facts({})),
      'In 2012, pupils at level 4+ in English and maths at KS2: 78%; 6 points better than 2011 (72%); worse than England (79%); 10th of 11 statistical neighbours.',
    );
  });

  it('read the change by polarity: fewer exclusions is better', () => {
    const s = describeFigure(
      facts({ subject: 'permanent exclusions', unit: 'count', polarity: 'lower_is_better', value: 192, previous: 252, england: null, rank: null }),
    );
    assert.equal(s, 'In 2012, permanent exclusions: 192; 60 better than 2011 (252).');
  });

  it('never compare across a break in the measure: a new measure is said to be one (issue 11 point 11)', () => {
    // Persistent absence moved from the 15% threshold to each pupil's own 10% in 2015/16 (indicators/*.yaml breaks).
    const s = describeFigure(
      facts({
        subject: 'persistently absent pupils in primary schools',
        year: 2016,
        decimalPlaces: 1,
        polarity: 'lower_is_better',
        value: 9.2,
        previous: null,
        england: null,
        rank: null,
        newMeasure: 'new measure from 2015/16 (pupil-level 10% threshold replaces the fixed session count)',
      }),
    );
    assert.equal(
      s,
      'In 2016, persistently absent pupils in primary schools: 9.2%; new measure from 2015/16 (pupil-level 10% threshold replaces the fixed session count), not compared with 2015.',
    );
  });

  it('write a negative figure with the true minus sign (U+2212), as the pages do, and a fall as its size in words', () => {
    // Kent's Progress 8 in 2015/16 and England's, LAIT AVG_Prog8_Score: −0.04 and −0.03 (tests/import-order.test.ts,
    // tests/lait-import.test.ts); the year before is made up to show a fall.
    const s = describeFigure(
      facts({ subject: 'Progress 8', year: 2016, unit: 'average_score', decimalPlaces: 2, value: -0.04, previous: 0.1, england: -0.03, rank: null }),
    );
    assert.equal(s, 'In 2016, Progress 8: \u22120.04; 0.14 worse than 2015 (0.10); worse than England (\u22120.03).');
    assert.doesNotMatch(s, /-\d/);
  });

  it('say when no figure is held, rather than guess', () => {
    assert.equal(describeFigure(facts({ value: null })), 'No figure is held for pupils at level 4+ in English and maths at KS2 in 2012.');
  });
});
