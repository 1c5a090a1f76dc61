import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorWords, countRows, entryLabel, km, longDate, offerWords, percent, positionWords, roundTitle, whole } from './admissions-views.ts';

// How the admissions pages write figures and codes. Expected values come from the sources named, not from the code.

describe('admissions page wording', () => {
  it('rounds a rate once, half up, to 1 decimal place, as domain.md §13’s worked example does (DfE applications and offers methodology)', () => {
    // 13,900 of 16,000 offered a 1st preference = 86.875% → 86.9%; 15,300 of 16,000 = 95.625% → 95.6% (domain.md §13).
    assert.equal(percent(13_900, 16_000), '86.9%');
    assert.equal(percent(15_300, 16_000), '95.6%');
    // 1 of 8 = 12.5% exactly; 1 of 3 = 33.33…%.
    assert.equal(percent(1, 8), '12.5%');
    assert.equal(percent(1, 3), '33.3%');
    assert.equal(percent(0, 0), '–');
  });

  it('writes counts with thousands separated, distances in km to 2 places and positions as ordinals', () => {
    assert.equal(whole(18_012), '18,012');
    // The contract's example sentence: 2,410 m → "2.41 km"; 2,175 m → "2.18 km" (half up).
    assert.equal(km(2410), '2.41 km');
    assert.equal(km(2175), '2.18 km');
    assert.equal(km(null), 'not known');
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 112, 312, 1001].map(positionWords), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '112th',
      '312th',
      '1,001st',
    ]);
    assert.equal(positionWords(null), '–');
  });

  it('names a round by its point of entry and academic year, with dates in full', () => {
    // Secondary offer day for 2014 entry: Monday 3 March 2014 (1 March was a Saturday; domain.md §13).
    assert.equal(longDate('2014-03-03'), '3 March 2014');
    assert.equal(entryLabel(2014), '2014/15 entry');
    assert.equal(entryLabel(2099), '2099/00 entry');
    assert.equal(roundTitle({ phase: 'primary', entryYear: 2016 }), 'Reception, 2016/17 entry');
    assert.equal(roundTitle({ phase: 'secondary', entryYear: 2014 }), 'Year 7, 2014/15 entry');
  });

  it('puts offers and actors in words, never as codes', () => {
    assert.equal(offerWords('preference', 2), 'Their 2nd preference');
    assert.equal(offerWords('allocated', null), 'Allocated by the LA (a school they did not name)');
    assert.equal(offerWords(null, null), 'Not yet allocated');
    const names = new Map([['user:7', 'Pat Officer']]);
    assert.deepEqual(
      ['user:7', 'user:8', 'cli:officer', null].map((a) => actorWords(a, names)),
      ['Pat Officer', 'a user no longer held', 'the command line', 'not known'],
    );
  });

  it('lays out each DfE count with its numerator, its denominator and its rate', () => {
    const rows = countRows({
      applications: 16_000,
      online: 15_200,
      firstPreference: 13_900,
      secondPreference: 900,
      thirdPreference: 300,
      preferred: 15_300,
      nonPreferred: 650,
      noOffer: 50,
      inHomeLa: 15_500,
      inAnotherLa: 450,
    });
    assert.deepEqual(
      rows[1]!.map((c) => c.text),
      ['Offered their 1st preference', '13,900', '16,000', '86.9%'],
    );
    assert.deepEqual(
      rows[4]!.map((c) => c.text),
      ['Offered one of their preferences', '15,300', '16,000', '95.6%'],
    );
  });
});
