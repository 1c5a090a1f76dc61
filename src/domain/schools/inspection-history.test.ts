import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Succession } from '../geography/succession.ts';
import { inspectionHistory, judgementIndex, predecessorsOf, tallyJudgements, type InspectionFacts } from './inspection-history.ts';

const inspection = (urn: string, startedOn: string, grade: InspectionFacts['grade'], extra: Partial<InspectionFacts> = {}): InspectionFacts => ({
  urn,
  startedOn,
  inspectionType: 'S5 Inspection',
  grade,
  gradeNote: null,
  category: null,
  provenance: 'official',
  ...extra,
});
const converted: Succession = { predecessorUrn: '118000', successorUrn: '140000', reason: 'successor', linkedOn: '2013-09-01' };

describe('inspection history across predecessor URNs', () => {
  it('an academy converter carries its predecessor’s judgement until it is inspected itself', () => {
    const history = inspectionHistory('140000', [converted], [inspection('118000', '2012-03-01', 2), inspection('118000', '2009-05-01', 3)]);
    assert.deepEqual(history.current, { grade: 2, label: 'Good', inspectedOn: '2012-03-01', urn: '118000', carried: true, category: null });
    assert.deepEqual(
      history.entries.map((e) => [e.urn, e.label, e.predecessor]),
      [
        ['118000', 'Good', true],
        ['118000', 'Satisfactory', true],
      ],
    );
  });

  it('its own first inspection replaces the carried judgement', () => {
    const history = inspectionHistory(
      '140000',
      [converted],
      [inspection('118000', '2012-03-01', 2), inspection('140000', '2015-01-20', 3, { category: null })],
    );
    assert.equal(history.current?.carried, false);
    assert.equal(history.current?.label, 'Requires improvement');
  });

  it('grade 3 reads "satisfactory" before 1 September 2012 and "requires improvement" from that day', () => {
    const history = inspectionHistory('100001', [], [inspection('100001', '2012-08-31', 3), inspection('100001', '2012-09-01', 3)]);
    assert.deepEqual(
      history.entries.map((e) => e.label),
      ['Requires improvement', 'Satisfactory'],
    );
  });

  it('an inspection from September 2024 has no overall grade and is not the current judgement', () => {
    const ungraded = inspection('100001', '2025-01-15', null, { gradeNote: 'no overall effectiveness grade (inspections from September 2024)' });
    const history = inspectionHistory('100001', [], [inspection('100001', '2022-05-10', 2), ungraded]);
    assert.equal(history.entries[0]?.label, 'no overall effectiveness grade (inspections from September 2024)');
    assert.equal(history.current?.inspectedOn, '2022-05-10');
  });

  it('prefers the official row where a scrape records the same inspection', () => {
    const history = inspectionHistory(
      '100001',
      [],
      [inspection('100001', '2014-02-03', 3, { provenance: 'unofficial' }), inspection('100001', '2014-02-03', 2)],
    );
    assert.equal(history.entries.length, 1);
    assert.equal(history.entries[0]?.provenance, 'official');
  });

  it('judges as at a date, ignoring later inspections', () => {
    const history = inspectionHistory('100001', [], [inspection('100001', '2012-01-01', 4), inspection('100001', '2014-01-01', 2)], '2013-08-31');
    assert.equal(history.current?.grade, 4);
  });

  it('follows several predecessors back (a merger), and not successors', () => {
    const successions: Succession[] = [
      { predecessorUrn: 'A', successorUrn: 'C', reason: 'merged', linkedOn: null },
      { predecessorUrn: 'B', successorUrn: 'C', reason: 'merged', linkedOn: null },
      { predecessorUrn: 'Z', successorUrn: 'A', reason: 'successor', linkedOn: null },
      { predecessorUrn: 'C', successorUrn: 'D', reason: 'successor', linkedOn: null },
    ];
    assert.deepEqual(predecessorsOf('C', successions), ['C', 'A', 'B', 'Z']);
  });
});

describe('judgement tallies', () => {
  it('counts grades and categories; schools with no grade are outside the good-or-outstanding share (domain.md §10.2)', () => {
    const tally = tallyJudgements([
      { grade: 1, category: null },
      { grade: 2, category: null },
      { grade: 3, category: null },
      { grade: 4, category: 'special-measures' },
      { grade: 4, category: 'serious-weaknesses' },
      { grade: null, category: null },
    ]);
    assert.deepEqual(tally.byGrade, { 1: 1, 2: 1, 3: 1, 4: 2 });
    assert.equal(tally.noGrade, 1);
    assert.equal(tally.specialMeasures, 1);
    assert.equal(tally.seriousWeaknesses, 1);
    assert.equal(tally.goodOrOutstanding, 40);
  });
});

describe('judgements of many schools at once', () => {
  it('reads each school as inspectionHistory does, across predecessors and as at a date', () => {
    const inspections = [inspection('118000', '2012-03-01', 2), inspection('140000', '2015-01-20', 3), inspection('100001', '2010-01-01', 4)];
    const judgementOf = judgementIndex([converted], inspections);
    for (const [urn, asAt] of [
      ['140000', '2014-08-31'],
      ['140000', '2015-08-31'],
      ['100001', undefined],
      ['999999', undefined],
    ] as const)
      assert.deepEqual(judgementOf(urn, asAt), inspectionHistory(urn, [converted], inspections, asAt).current);
  });
});
