import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversionLines, historyOf, readLink, twoWayAmalgamations } from './succession.ts';

describe('reading GIAS establishment links', () => {
  it('reads a Predecessor link as the linked URN being replaced by this one', () => {
    assert.deepEqual(readLink('144531', '118298', 'Predecessor'), {
      kind: 'succession',
      predecessorUrn: '118298',
      successorUrn: '144531',
      reason: 'successor',
    });
  });

  it('reads a Successor link from the old school side the same way round', () => {
    assert.deepEqual(readLink('118298', '144531', 'Successor'), { kind: 'succession', predecessorUrn: '118298', successorUrn: '144531', reason: 'successor' });
  });

  it('keeps mergers, amalgamations and splits as such', () => {
    assert.equal((readLink('1', '2', 'Successor - merged') as { reason: string }).reason, 'merged');
    assert.equal((readLink('1', '2', 'Predecessor - Split School') as { reason: string }).reason, 'split');
    assert.deepEqual(readLink('3', '1', 'Result of Amalgamation'), { kind: 'succession', predecessorUrn: '1', successorUrn: '3', reason: 'amalgamated' });
  });

  it('does not treat sixth-form links as successions', () => {
    assert.deepEqual(readLink('1', '2', 'Sixth Form Centre Link'), { kind: 'other', linkType: 'Sixth Form Centre Link' });
  });
});

describe('a school history across URNs', () => {
  it('follows predecessors back and successors forward, oldest first', () => {
    const chain = historyOf('200', [
      { predecessorUrn: '100', successorUrn: '200', reason: 'successor', linkedOn: '2012-04-01' },
      { predecessorUrn: '200', successorUrn: '300', reason: 'successor', linkedOn: '2018-09-01' },
      { predecessorUrn: '900', successorUrn: '901', reason: 'successor', linkedOn: '2015-01-01' },
    ]);
    assert.deepEqual(
      chain.map((s) => `${s.predecessorUrn}>${s.successorUrn}`),
      ['100>200', '200>300'],
    );
  });
});

describe('amalgamation links written from both ends', () => {
  it('names both keys of a pair where each school’s row calls the other its "Result of Amalgamation", and none of a one-way link', () => {
    // links_edubasealldata20250422.csv (gias-links-and-trusts): 118469,118488,"Madginford Primary School","Result of
    // Amalgamation" and 118488,118469,"Madginford Park Junior School","Result of Amalgamation"; 1 > 3 is one-way.
    const links = [
      { urn: '118469', linkUrn: '118488', linkType: 'Result of Amalgamation' },
      { urn: '118488', linkUrn: '118469', linkType: 'Result of Amalgamation ' },
      { urn: '3', linkUrn: '1', linkType: 'Result of Amalgamation' },
      { urn: '1', linkUrn: '3', linkType: 'Successor - amalgamated' },
    ];
    assert.deepEqual([...twoWayAmalgamations(links)].sort(), ['118469>118488', '118488>118469']);
  });
});

describe('a school’s line of URNs through one-to-one conversions (what a support partnership’s impact reads along)', () => {
  // Successions worked by hand: 100 converted to academy 200, which converted again to 250; 300 merged into 250's
  // neighbour 260 with 310 (two predecessors); 400 split into 500 and 600; 700 converted to 800, recorded as
  // "merged" (not a conversion: another school).
  const successions = [
    { predecessorUrn: '100', successorUrn: '200', reason: 'successor' },
    { predecessorUrn: '200', successorUrn: '250', reason: 'successor' },
    { predecessorUrn: '300', successorUrn: '260', reason: 'successor' },
    { predecessorUrn: '310', successorUrn: '260', reason: 'merged' },
    { predecessorUrn: '400', successorUrn: '500', reason: 'split' },
    { predecessorUrn: '400', successorUrn: '600', reason: 'split' },
    { predecessorUrn: '700', successorUrn: '800', reason: 'merged' },
  ] as const;
  const lineOf = conversionLines(successions);

  it('runs from the newest URN back to the oldest through one-to-one conversions, from any URN on it', () => {
    for (const urn of ['100', '200', '250']) assert.deepEqual(lineOf(urn), ['250', '200', '100'], urn);
    assert.deepEqual(lineOf('900'), ['900'], 'no succession');
  });

  it('ends at a merger, an amalgamation or a split: the school on the other side is another school', () => {
    assert.deepEqual(lineOf('300'), ['300'], 'merged into 260 with 310');
    assert.deepEqual(lineOf('260'), ['260']);
    assert.deepEqual(lineOf('400'), ['400'], 'split');
    assert.deepEqual(lineOf('500'), ['500']);
    assert.deepEqual(lineOf('700'), ['700'], 'one to one, but recorded as merged');
  });

  it('survives a cycle in the links', () => {
    const cycle = conversionLines([
      { predecessorUrn: 'a', successorUrn: 'b', reason: 'successor' },
      { predecessorUrn: 'b', successorUrn: 'a', reason: 'successor' },
    ]);
    assert.deepEqual(cycle('a'), ['b', 'a']);
  });
});
