import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neighbourAverage, quartileBand, quartilesOf, rankPlaces } from './ranking.ts';

// The worked example of domain.md §11.2 (from DfE LAIT's fn_analysis.R conventions), polarity "high is good":
// A 78, B 80, C 80, D 83, E 75, F 85, G 79, H 81, I missing.
const example = [
  { code: 'A', value: 78 },
  { code: 'B', value: 80 },
  { code: 'C', value: 80 },
  { code: 'D', value: 83 },
  { code: 'E', value: 75 },
  { code: 'F', value: 85 },
  { code: 'G', value: 79 },
  { code: 'H', value: 81 },
  { code: 'I', value: null },
];

describe('ranks among LAs', () => {
  it('ranks high-is-good values descending, ties sharing the lowest rank, missing unranked', () => {
    const ranks = rankPlaces(example, 'higher_is_better');
    assert.deepEqual(Object.fromEntries(ranks), { F: 1, D: 2, H: 3, B: 4, C: 4, G: 6, A: 7, E: 8, I: null });
  });

  it('ranks low-is-good values ascending', () => {
    const ranks = rankPlaces(example, 'lower_is_better');
    assert.equal(ranks.get('E'), 1);
    assert.equal(ranks.get('B'), 4);
    assert.equal(ranks.get('F'), 8);
  });

  it('gives no rank when the indicator has no polarity', () => {
    assert.ok([...rankPlaces(example, 'none').values()].every((r) => r === null));
  });
});

describe('quartile bands', () => {
  const quartiles = quartilesOf(example.map((e) => e.value));

  it('takes R type-7 quartiles over the values present', () => {
    // Quartiles (type 7): Q1 78.75, median 80, Q3 81.5.
    assert.deepEqual(quartiles, { q1: 78.75, median: 80, q3: 81.5 });
  });

  it('bands high-is-good values with A as the best quartile and boundary values in the lower interval', () => {
    const bands = Object.fromEntries(example.map((e) => [e.code, quartileBand(e.value, quartiles, 'higher_is_better')]));
    assert.deepEqual(bands, { F: 'A', D: 'A', H: 'B', B: 'C', C: 'C', G: 'C', A: 'D', E: 'D', I: null });
  });

  it('bands low-is-good values with A as the lowest quartile', () => {
    assert.equal(quartileBand(75, quartiles, 'lower_is_better'), 'A');
    assert.equal(quartileBand(78.75, quartiles, 'lower_is_better'), 'A'); // on Q1: the lower interval
    assert.equal(quartileBand(80, quartiles, 'lower_is_better'), 'B');
    assert.equal(quartileBand(81.5, quartiles, 'lower_is_better'), 'C');
    assert.equal(quartileBand(85, quartiles, 'lower_is_better'), 'D');
  });
});

describe('the statistical-neighbour average', () => {
  it('is the plain mean of the neighbours present, without the LA itself', () => {
    const group = [
      { code: '886', value: 59 },
      { code: '845', value: 54 },
      { code: '881', value: 56 },
      { code: '888', value: null },
    ];
    assert.equal(neighbourAverage('886', group), 55);
    assert.equal(neighbourAverage('886', [{ code: '886', value: 59 }]), null);
  });
});
