import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AnyPupilRecord, Collection } from '../domain/pupils/pupil-record.ts';
import { aggregateAdHoc, aggregatePupilFile, loadPlacements, type ComputedFigure, type SchoolPlacement } from './aggregate-pupils.ts';
import { withDuckDb } from './duckdb.ts';
import { writePupilParquet } from './pupil-files.ts';

// Hand-made pupils whose every figure can be counted by eye: each expected number is derived in the test's comment.

const dir = mkdtempSync(join(tmpdir(), 'waymark-compute-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let serial = 0;
const pupil = (over: Partial<AnyPupilRecord> = {}): AnyPupilRecord => ({
  pupilId: `P${++serial}`,
  urn: '900001',
  gender: 'F',
  fsm: false,
  disadvantaged: false,
  sen: 'N',
  inCare: false,
  ethnicity: 'white',
  eal: false,
  ...over,
});

const placements: SchoolPlacement[] = [
  { urn: '900001', district: 'E07000114', la: '886', region: 'E12000008', groupings: ['hub-a'] },
  { urn: '900002', district: 'E07000110', la: '886', region: 'E12000008', groupings: ['hub-a'] },
];

async function compute(collection: Collection, period: string, records: AnyPupilRecord[]): Promise<ComputedFigure[]> {
  const path = join(dir, `${collection}-${period}-${++serial}.parquet`);
  return withDuckDb(async (connection) => {
    await writePupilParquet(connection, collection, records, path);
    await loadPlacements(connection, placements);
    return (await aggregatePupilFile(connection, { path, collection, period })).figures;
  });
}

const figure = (figures: ComputedFigure[], indicator: string, level: string, code: string, breakdown = 'all') =>
  figures.find((f) => f.indicator === indicator && f.level === level && f.code === code && f.breakdown === breakdown);

describe('pupil-level measures by year (DuckDB over Parquet)', () => {
  const census = (missed: number, possible: number) =>
    pupil({ phase: 'primary', possibleSessions: possible, missedSessions: missed, permanentExclusion: false, fixedPeriodExclusions: 0 });

  it('persistent absence uses 46 sessions over five half-terms in 2011/12, 56 over six to 2014/15, and 10% of own sessions from 2015/16', async () => {
    // 38 of 380 sessions is exactly 10%: persistent from 2015/16 only. 50 of 323: over 46 (2011/12), under 56 (2013/14).
    const records = [census(38, 380), census(50, 323), census(0, 380), census(60, 380)];
    const y2011 = figure(await compute('census', '201112', records), 'persistent-absence', 'la', '886')!;
    const y2013 = figure(await compute('census', '201314', records), 'persistent-absence', 'la', '886')!;
    const y2015 = figure(await compute('census', '201516', records), 'persistent-absence', 'la', '886')!;
    assert.deepEqual([y2011.numerator, y2011.denominator], [2, 4]); // 50 and 60 sessions reach 46
    assert.deepEqual([y2013.numerator, y2013.denominator], [1, 4]); // only 60 reaches 56
    assert.deepEqual([y2015.numerator, y2015.denominator], [3, 4]); // 38/380, 50/323 and 60/380 are 10% or more
    assert.equal(y2015.value, 75);
    assert.match(y2015.rule, /10%/);
  });

  it('persistent absence from the compute matches domain.md §4.2 on 600 generated enrolments in every rule period, boundaries included', async () => {
    // The reference is written here from the table in ../shared/research/domain.md §4.2, not from the code under test:
    // to 2009/10 64+ sessions (five half-terms); 2010/11-2011/12 46+; 2012/13-2014/15 56+ (six half-terms); from 2015/16
    // an enrolment's own absence of 10% or more of its own possible sessions. Enrolments with no possible sessions are
    // not counted. Generated deterministically (a linear congruential generator), with every threshold's neighbours.
    const referenceIsPersistent = (summer: number, missed: number, possible: number): boolean => {
      if (summer <= 2010) return missed >= 64;
      if (summer <= 2012) return missed >= 46;
      if (summer <= 2015) return missed >= 56;
      return missed / possible >= 0.1 - 1e-12; // 38 of 380 is exactly 10%, PA (domain.md's worked example)
    };
    let state = 201_516;
    const next = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    const enrolments: [number, number][] = [
      [38, 380],
      [37, 380],
      [13, 120],
      [45, 380],
      [46, 380],
      [55, 380],
      [56, 380],
      [63, 380],
      [64, 380],
      [0, 0],
      [1, 10],
      [37, 370],
      [7, 70],
    ];
    while (enrolments.length < 600) {
      const possible = next(5) === 0 ? next(60) : 1 + next(400);
      enrolments.push([possible === 0 ? 0 : next(possible + 1), possible]);
    }
    const records = enrolments.map(([missed, possible]) => census(missed, possible));
    for (const period of ['200809', '201011', '201112', '201213', '201415', '201516', '201920']) {
      const summer = Number(period.slice(0, 4)) + 1;
      const counted = enrolments.filter(([, possible]) => possible > 0);
      const expected = counted.filter(([missed, possible]) => referenceIsPersistent(summer, missed, possible)).length;
      const got = figure(await compute('census', period, records), 'persistent-absence', 'la', '886')!;
      assert.deepEqual([got.numerator, got.denominator], [expected, counted.length], `${period}`);
    }
  });

  it('overall absence is sessions missed over sessions possible, not the mean of pupils’ rates', async () => {
    const f = figure(await compute('census', '201516', [census(38, 380), census(0, 20)]), 'overall-absence', 'la', '886')!;
    assert.equal(f.value, (100 * 38) / 400); // 9.5, where the mean of rates would be 5
  });

  it('the EYFS good level of development is 78+ points with 6+ in PSED and CLL to 2011/12, and all 12 goals from 2012/13', async () => {
    const old = [
      pupil({ eyfsPoints: 80, eyfsPsedCll6: true }),
      pupil({ eyfsPoints: 80, eyfsPsedCll6: false }), // 78 points without the 6s: not GLD, but counts for the 78-points measure
      pupil({ eyfsPoints: 70, eyfsPsedCll6: true }),
    ];
    const f2012 = await compute('eyfs', '201112', old);
    assert.deepEqual([figure(f2012, 'eyfs-gld', 'la', '886')!.numerator, figure(f2012, 'eyfs-78-points', 'la', '886')!.numerator], [1, 2]);
    const f2013 = await compute('eyfs', '201213', [pupil({ eyfsGldGoals: 12 }), pupil({ eyfsGldGoals: 11 })]);
    assert.equal(figure(f2013, 'eyfs-gld', 'la', '886')!.value, 50);
    assert.equal(figure(f2013, 'eyfs-78-points', 'la', '886'), undefined, 'the 78-points measure ended with the 2008 profile');
  });

  it('the EYFS inequality gap is (median − mean of the lowest ceil(20%)) ÷ median, on either profile’s total points, children without a total left out', async () => {
    // domain.md §1.7's worked example: median 88, lowest 20% (1 of 5 children) averaging 66 → (88 − 66) ÷ 88 = 25.0%.
    const f2012 = figure(
      await compute(
        'eyfs',
        '201112',
        [66, 80, 88, 95, 110].map((eyfsPoints) => pupil({ eyfsPoints, eyfsPsedCll6: true })),
      ),
      'eyfs-inequality-gap',
      'la',
      '886',
    )!;
    assert.deepEqual([f2012.value, f2012.numerator, f2012.denominator], [25, null, 5]);
    // Eleven children on the 17-51 scale and one not assessed: the lowest ceil(0.2 × 11) = 3 total 20 + 22 + 24 = 66, a
    // mean of 22; the median is the 6th total, 34: (34 − 22) ÷ 34 × 100 = 35.294…%.
    const totals = [51, 20, 45, 22, 40, 24, 38, 30, 36, 32, 34];
    const f2013 = await compute('eyfs', '201213', [...totals.map((eyfsPoints) => pupil({ eyfsPoints, eyfsGldGoals: 12 })), pupil({ eyfsGldGoals: 0 })]);
    const la = figure(f2013, 'eyfs-inequality-gap', 'la', '886')!;
    assert.ok(Math.abs(la.value! - (100 * 12) / 34) < 1e-9);
    assert.equal(la.denominator, 11);
    // An even count takes the mean of the two middle totals: 10 children, median (32 + 34) ÷ 2 = 33, lowest 2 average 21.
    const even = figure(
      await compute(
        'eyfs',
        '201314',
        totals.slice(1).map((eyfsPoints) => pupil({ eyfsPoints })),
      ),
      'eyfs-inequality-gap',
      'la',
      '886',
    )!;
    assert.ok(Math.abs(even.value! - (100 * (33 - 21)) / 33) < 1e-9);
    // The reformed profile of 2021/22 has no point score: no gap.
    assert.equal(
      figure(
        await compute(
          'eyfs',
          '202122',
          totals.map((eyfsPoints) => pupil({ eyfsPoints })),
        ),
        'eyfs-inequality-gap',
        'la',
        '886',
      ),
      undefined,
    );
  });

  it('KS2: level 4+ in English and maths to 2012, reading, writing and maths 2013-2015, the expected standard from 2016; absent and disapplied pupils stay in the denominator', async () => {
    const levels = (english: string, reading: string, writing: string, maths: string) =>
      pupil({ ks2English: english, ks2Reading: reading, ks2Writing: writing, ks2Maths: maths, ks1EnglishLevel: '2B', ks1MathsLevel: '2C' });
    const records = [levels('4', '4', '3', '5'), levels('5', '5', '5', '5'), levels('A', 'A', 'A', 'A'), levels('D', 'D', 'D', 'D')];
    const y2012 = await compute('ks2', '201112', records);
    assert.deepEqual(
      [figure(y2012, 'ks2-level4-english-maths', 'la', '886')!.numerator, figure(y2012, 'ks2-level4-english-maths', 'la', '886')!.denominator],
      [2, 4],
    );
    assert.equal(figure(y2012, 'ks2-level5-english-maths', 'la', '886')!.numerator, 1);
    const y2014 = await compute('ks2', '201314', records);
    assert.equal(figure(y2014, 'ks2-level4-rwm', 'la', '886')!.numerator, 1); // writing 3 fails the first pupil
    assert.equal(figure(y2014, 'ks2-level4-english-maths', 'la', '886'), undefined);
    const scaled = [
      pupil({ ks2ReadingScaled: 100, ks2MathsScaled: 104, ks2Writing: 'EXS' }),
      pupil({ ks2ReadingScaled: 99, ks2MathsScaled: 110, ks2Writing: 'GDS' }),
      pupil({ ks2ReadingScaled: null, ks2MathsScaled: null, ks2Writing: 'PKF' }),
    ];
    const y2016 = figure(await compute('ks2', '201516', scaled), 'ks2-expected-rwm', 'la', '886')!;
    assert.deepEqual([y2016.numerator, y2016.denominator], [1, 3]);
  });

  it('expected progress counts 2c, 2b and 2a as level 2 and leaves out pupils without a KS1 level or absent at KS2', async () => {
    const records = [
      pupil({ ks2Maths: '4', ks1MathsLevel: '2C' }), // 2 + 2 = 4: expected progress
      pupil({ ks2Maths: '4', ks1MathsLevel: '2A' }), // also level 2: expected progress
      pupil({ ks2Maths: '4', ks1MathsLevel: '3' }), // needed 5
      pupil({ ks2Maths: '3', ks1MathsLevel: 'W' }), // W counts as 0: needed 2, has 3
      pupil({ ks2Maths: '4', ks1MathsLevel: null }), // no KS1 level: not counted
      pupil({ ks2Maths: 'A', ks1MathsLevel: '2B' }), // absent: not counted
    ];
    const f = figure(await compute('ks2', '201112', records), 'ks2-expected-progress-maths', 'la', '886')!;
    assert.deepEqual([f.numerator, f.denominator], [3, 4]);
  });

  it('expected progress in reading and writing (the floor measures of 2013-2015) reads each subject from its own KS1 level', async () => {
    // domain.md §2.1: the 2014 and 2015 primary floors read expected progress in reading, writing and maths; a pupil
    // makes it with a KS2 level at least the KS1 whole level plus 2. Worked by hand, pupil by pupil:
    const records = [
      pupil({ ks2Reading: '5', ks1ReadingLevel: '3', ks2Writing: '4', ks1WritingLevel: '2C' }), // reading 5 >= 3 + 2; writing 4 >= 2 + 2
      pupil({ ks2Reading: '4', ks1ReadingLevel: '3', ks2Writing: '3', ks1WritingLevel: '2A' }), // reading needed 5; writing needed 4
      pupil({ ks2Reading: 'N', ks1ReadingLevel: 'W', ks2Writing: 'B', ks1WritingLevel: '1' }), // N and B count as 1: reading 1 < 2, writing 1 < 3
      pupil({ ks2Reading: 'A', ks1ReadingLevel: '2B', ks2Writing: '4', ks1WritingLevel: null }), // absent; no KS1 writing level: neither counted
    ];
    for (const period of ['201213', '201314', '201415']) {
      const f = await compute('ks2', period, records);
      const reading = figure(f, 'ks2-expected-progress-reading', 'la', '886')!;
      const writing = figure(f, 'ks2-expected-progress-writing', 'la', '886')!;
      assert.deepEqual([reading.numerator, reading.denominator], [1, 3], period);
      assert.deepEqual([writing.numerator, writing.denominator], [1, 3], period);
    }
    const before = await compute('ks2', '201112', records);
    const after = await compute('ks2', '201516', records);
    assert.equal(figure(before, 'ks2-expected-progress-reading', 'la', '886'), undefined, 'English, not reading and writing, to 2012');
    assert.equal(figure(after, 'ks2-expected-progress-writing', 'la', '886'), undefined, 'levels ended with 2015');
  });

  it('a KS1-KS2 progress score is the mean of the pupils’ progress scores from 2016, pupils without one not counted', async () => {
    // The DfE's primary accountability guidance: a school's progress score is the mean of its pupils' scores. Worked by
    // hand: reading (−2.5 + 4 + 1) ÷ 3 = 0.8333…; writing (3 − 6) ÷ 2 = −1.5 (the third pupil has none); maths
    // (0.5 + 2 − 8) ÷ 3 = −1.8333…; school 900002 alone: reading 1.
    const records = [
      pupil({ ks2ReadingProgress: -2.5, ks2WritingProgress: 3, ks2MathsProgress: 0.5 }),
      pupil({ ks2ReadingProgress: 4, ks2WritingProgress: -6, ks2MathsProgress: 2 }),
      pupil({ urn: '900002', ks2ReadingProgress: 1, ks2WritingProgress: null, ks2MathsProgress: -8 }),
      pupil({ ks2ReadingProgress: null, ks2WritingProgress: null, ks2MathsProgress: null }),
    ];
    const f = await compute('ks2', '201516', records);
    const la = (subject: string) => figure(f, `ks2-progress-${subject}`, 'la', '886')!;
    assert.ok(Math.abs(la('reading').value! - 2.5 / 3) < 1e-12);
    assert.deepEqual([la('writing').value, la('writing').denominator], [-1.5, 2]);
    assert.ok(Math.abs(la('maths').value! - -5.5 / 3) < 1e-12);
    assert.equal(la('reading').denominator, 3);
    assert.equal(figure(f, 'ks2-progress-reading', 'school', '900002')!.value, 1);
    // The upper confidence limit: mean + 1.96 × SD ÷ √n, the SD of the file's three reading scores (−2.5, 4, 1; mean
    // 5/6, sample SD 3.2532…): LA 0.8333 + 1.95996 × 3.25320 ÷ √3 = 4.5146…; school 900001 (−2.5, 4; mean 0.75):
    // 0.75 + 1.95996 × 3.25320 ÷ √2 = 5.2586…; school 900002 (one pupil): no interval.
    const sd = Math.sqrt(((-2.5 - 5 / 6) ** 2 + (4 - 5 / 6) ** 2 + (1 - 5 / 6) ** 2) / 2);
    assert.ok(Math.abs(sd - 3.2532) < 1e-4);
    assert.ok(Math.abs(la('reading-upper').value! - 4.5146) < 1e-3);
    assert.ok(Math.abs(figure(f, 'ks2-progress-reading-upper', 'school', '900001')!.value! - 5.2586) < 1e-3);
    assert.equal(figure(f, 'ks2-progress-reading-upper', 'school', '900002')!.value, null);
    assert.equal(figure(await compute('ks2', '201415', records), 'ks2-progress-reading', 'la', '886'), undefined, 'levels and expected progress to 2015');
    assert.equal(figure(await compute('ks2', '202021', records), 'ks2-progress-reading', 'la', '886'), undefined, 'no KS2 tests in 2021');
  });

  it('KS1 level 2B+ needs 2B, 2A, 3 or 4 in each subject', async () => {
    const f = await compute('ks1', '201112', [
      pupil({ ks1Reading: '2B', ks1Writing: '2A', ks1Maths: '3' }),
      pupil({ ks1Reading: '2C', ks1Writing: '2B', ks1Maths: '2B' }),
    ]);
    assert.equal(figure(f, 'ks1-l2b-rwm', 'la', '886')!.numerator, 1);
    assert.equal(figure(f, 'ks1-l2b-writing', 'la', '886')!.numerator, 2);
  });
});

describe('one set-based compute over every level and pupil group', () => {
  const records = [
    pupil({ urn: '900001', fsm: true, ks4Level2Em: false, ks4Attainment8: 30 }),
    pupil({ urn: '900001', fsm: false, ks4Level2Em: true, ks4Attainment8: 60, ethnicity: 'asian' }),
    pupil({ urn: '900002', fsm: false, ks4Level2Em: true, ks4Attainment8: 50, gender: 'M' }),
    pupil({ urn: '900003', fsm: false, ks4Level2Em: true, ks4Attainment8: 40 }), // a school with no placement
  ];

  it('gives the school, district, grouping, LA, region and England figures, each pupil once at each level', async () => {
    const f = await compute('ks4', '201415', records);
    const em = (level: string, code: string, breakdown = 'all') => {
      const x = figure(f, 'ks4-5ac-em', level, code, breakdown);
      return x === undefined ? undefined : [x.numerator, x.denominator];
    };
    assert.deepEqual(em('school', '900001'), [1, 2]);
    assert.deepEqual(em('district', 'E07000114'), [1, 2]);
    assert.deepEqual(em('grouping', 'hub-a'), [2, 3]);
    assert.equal(figure(f, 'ks4-5ac-em', 'grouping', 'hub-a')!.pupils, 3);
    assert.deepEqual(em('la', '886'), [2, 3]);
    assert.deepEqual(em('region', 'E12000008'), [2, 3]);
    assert.deepEqual(em('country', 'E92000001'), [3, 4], 'the unplaced pupil counts in England only');
    assert.deepEqual(em('la', '886', 'fsm'), [0, 1]);
    assert.deepEqual(em('la', '886', 'gender:male'), [1, 1]);
    assert.deepEqual(em('la', '886', 'ethnicity:asian'), [1, 1]);
    assert.equal(em('school', '900001', 'ethnicity:asian'), undefined, 'schools carry only the breakdowns the performance tables publish');
  });

  it('takes the mean of a score over pupils with one (Attainment 8 from 2015/16)', async () => {
    const f = figure(await compute('ks4', '201516', records), 'ks4-attainment8', 'la', '886')!;
    assert.equal(f.value, (30 + 60 + 50) / 3);
    assert.equal(f.numerator, null, 'a mean keeps its pupils as the denominator only');
  });

  it('answers an ad-hoc group live: FSM girls in one district', async () => {
    const path = join(dir, 'adhoc.parquet');
    const figures = await withDuckDb(async (connection) => {
      await writePupilParquet(connection, 'ks4', records, path);
      return aggregateAdHoc(connection, { path, collection: 'ks4', period: '201415' }, ['900001'], { fsm: true, gender: 'F' });
    });
    const em = figures.find((x) => x.indicator === 'ks4-5ac-em')!;
    assert.deepEqual([em.numerator, em.denominator, em.value], [0, 1, 0]);
  });
});

describe('post-16 measures (the post16 collection)', () => {
  const learner = (over: Partial<AnyPupilRecord>) =>
    pupil({ levelAt16: 2, levelAt19: 3, inLearning: true, aLevelEntries: 0, aLevelPasses: 0, aLevelPoints: null, ...over });
  // Five learners: A and B A level students (3 entries each; A passes 3, B passes 1); C raised no level (2 → 2); D fell
  // back to no course (not in learning, 1 → 1, so not counted); E's level at 19 is unknown (not counted).
  const records = [
    learner({ aLevelEntries: 3, aLevelPasses: 3, aLevelPoints: 120 }),
    learner({ levelAt19: 2, aLevelEntries: 3, aLevelPasses: 1, aLevelPoints: 30 }),
    learner({ levelAt16: 2, levelAt19: 2 }),
    learner({ levelAt16: 1, levelAt19: 1, inLearning: false }),
    learner({ levelAt19: null }),
  ];

  it('counts learners in learning whose level at 19 is no higher than at 16, of those with both levels known', async () => {
    const f = figure(await compute('post16', '201314', records), 'post16-no-qualification-progress', 'la', '886')!;
    // B (2 → 2) and C (2 → 2) of A, B, C: D followed no course, E has no level at 19.
    assert.deepEqual([f.numerator, f.denominator], [2, 3]);
  });

  it('gives 2+ A*-E of A level students to 2014/15 and no points per entry; points per entry from 2015/16 and no pass rate', async () => {
    const y2015 = await compute('post16', '201415', records);
    const passes = figure(y2015, 'a-level-2-plus-a-e', 'la', '886')!;
    assert.deepEqual([passes.numerator, passes.denominator], [1, 2]); // A has 3 passes, B only 1; C, D, E took no A level
    assert.equal(figure(y2015, 'a-level-aps-per-entry', 'la', '886'), undefined);
    const y2016 = await compute('post16', '201516', records);
    const aps = figure(y2016, 'a-level-aps-per-entry', 'la', '886')!;
    assert.equal(aps.value, (120 + 30) / 6); // 150 points over 6 entries = 25
    assert.equal(aps.denominator, 6);
    assert.equal(figure(y2016, 'a-level-2-plus-a-e', 'la', '886'), undefined);
  });
});
