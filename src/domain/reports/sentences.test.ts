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

  it('say when no figure is held, rather than guess', () => {
    assert.equal(describeFigure(facts({ value: null })), 'No figure is held for pupils at level 4+ in English and maths at KS2 in 2012.');
  });
});
