import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvBytes } from '../csv-table.ts';
import { readPupilRecords, type PupilReadResult } from './pupil-records.ts';

const characteristics = 'pupil_id,urn,gender,fsm,disadvantaged,sen,in_care,ethnicity,eal';
const read = (collection: 'ks2' | 'post16' | 'census', header: string, ...rows: string[]): PupilReadResult => {
  const csv = readCsvBytes('pupils.csv', new TextEncoder().encode([header, ...rows].join('\n')), 'utf-8');
  if (!csv.ok) throw new Error(JSON.stringify(csv.issues));
  return readPupilRecords(csv.table, collection);
};
const ks2Header = `${characteristics},ks2_english,ks2_reading,ks2_writing,ks2_maths,ks2_reading_scaled,ks2_maths_scaled,ks1_english_level,ks1_maths_level`;
const issues = (result: PupilReadResult) => (result.ok ? [] : result.issues.map((i) => `${i.line}:${i.column} ${i.message}`));

describe('pupil-records CSV', () => {
  it('reads NPD codes: A, P and S SEN provision before 2014/15, four-letter ethnicity codes, Y/N and 1/0 flags', () => {
    const result = read(
      'ks2',
      ks2Header,
      'P1,118298,f,1,Y,S,0,WBRI,N,4,,,5,,,2B,2A',
      'P2,118298,M,0,0,A,false,AIND,1,3,,,4,,,W,1',
      'P3,118298,M,n,n,N,0,REFU,0,,,,,,,,',
    );
    assert.ok(result.ok, JSON.stringify(issues(result)));
    assert.deepEqual(
      result.records.map((r) => [r.gender, r.fsm, r.disadvantaged, r.sen, r.ethnicity, r.eal, r.ks2English, r.ks1MathsLevel]),
      [
        ['F', true, true, 'E', 'white', false, '4', '2A'],
        ['M', false, false, 'K', 'asian', true, '3', '1'],
        ['M', false, false, 'N', 'unclassified', false, null, null],
      ],
    );
  });

  it('names the line and column of every bad cell, never quoting the cell (pupil data), and refuses the whole file', () => {
    const result = read('ks2', ks2Header, 'P1,118298,X,1,1,N,0,white,0,4,,,4,,,,', 'P2,1182,F,maybe,1,N,0,white,0,7,,,4,,130,,');
    assert.deepEqual(issues(result), [
      '2:gender not a gender code (expected F or M)',
      '3:urn not a URN (5 to 7 digits)',
      '3:fsm not a yes/no flag (1/0, Y/N or true/false)',
      '3:ks2_english not a KS2 English level (expected one of: B, N, 2, 3, 4, 5, 6, A, D, M, T)',
      '3:ks2_maths_scaled not a whole number from 80 to 120',
    ]);
  });

  it('reads the KS1 reading and writing levels where a KS2 file has them, null for every pupil where it has not (optional columns)', () => {
    const withPrior = read('ks2', `${ks2Header},ks1_reading_level,ks1_writing_level`, 'P1,118298,F,0,0,N,0,white,0,,4,4,4,,,2B,2B,3,2A');
    assert.ok(withPrior.ok, JSON.stringify(issues(withPrior)));
    assert.deepEqual([withPrior.records[0]!.ks1ReadingLevel, withPrior.records[0]!.ks1WritingLevel], ['3', '2A']);
    const without = read('ks2', ks2Header, 'P1,118298,F,0,0,N,0,white,0,,4,4,4,,,2B,2B');
    assert.ok(without.ok, JSON.stringify(issues(without)));
    assert.deepEqual([without.records[0]!.ks1ReadingLevel, without.records[0]!.ks1WritingLevel], [null, null]);
    const bad = read('ks2', `${ks2Header},ks1_reading_level,ks1_writing_level`, 'P1,118298,F,0,0,N,0,white,0,,4,4,4,,,2B,2B,5,2A');
    assert.deepEqual(issues(bad), ['2:ks1_reading_level not a KS1 reading level (expected one of: W, 1, 2, 2C, 2B, 2A, 3, 4, A, D)']);
  });

  it('reads the pupils’ KS1-KS2 progress scores where a 2016-on KS2 file has them (optional columns), and refuses one out of range', () => {
    const header = `${ks2Header},ks2_reading_progress,ks2_writing_progress,ks2_maths_progress`;
    const withScores = read('ks2', header, 'P1,118298,F,0,0,N,0,white,0,,,EXS,,104,99,,,-2.37,0.5,', 'P2,118298,M,0,0,N,0,white,0,,,WTS,,,95,,,,,');
    assert.ok(withScores.ok, JSON.stringify(issues(withScores)));
    assert.deepEqual(
      withScores.records.map((r) => [r.ks2ReadingProgress, r.ks2WritingProgress, r.ks2MathsProgress]),
      [
        [-2.37, 0.5, null],
        [null, null, null],
      ],
    );
    const without = read('ks2', ks2Header, 'P1,118298,F,0,0,N,0,white,0,,,EXS,,104,99,,');
    assert.ok(without.ok, JSON.stringify(issues(without)));
    assert.equal(without.records[0]!.ks2MathsProgress, null);
    assert.deepEqual(issues(read('ks2', header, 'P1,118298,F,0,0,N,0,white,0,,,EXS,,104,99,,,-2.37,65,1')), [
      '2:ks2_writing_progress not a number from -60 to 60',
    ]);
  });

  it('names the collection columns a header lacks', () => {
    assert.deepEqual(issues(read('census', `${characteristics},phase,possible_sessions`, 'P1,118298,F,0,0,N,0,white,0,primary,380')), [
      '1:missed_sessions the header lacks census pupil-record columns missed_sessions, permanent_exclusion, fixed_period_exclusions',
    ]);
  });

  it('refuses a pupil twice in one file and more sessions missed than possible', () => {
    const header = `${characteristics},phase,possible_sessions,missed_sessions,permanent_exclusion,fixed_period_exclusions`;
    const result = read('census', header, 'P1,118298,F,0,0,N,0,white,0,primary,380,12,0,0', 'P1,118298,F,0,0,N,0,white,0,primary,380,400,0,0');
    assert.deepEqual(issues(result), [
      '3:pupil_id the same pupil_id as line 2: one row per pupil',
      '3:missed_sessions more sessions missed than possible_sessions',
    ]);
  });

  it('ignores other columns and says so, never storing them', () => {
    const result = read('ks2', `${ks2Header},upn,surname`, 'P1,118298,F,0,0,N,0,white,0,4,,,4,,,,,A123,Smith');
    assert.ok(result.ok);
    assert.deepEqual(result.notes, ['2 other columns ignored and not stored: upn, surname']);
    assert.equal('surname' in result.records[0]!, false);
  });

  const post16Header = `${characteristics},level_at_16,level_at_19,in_learning,alevel_entries,alevel_passes,alevel_points`;

  it('reads post-16 learners: levels at 16 and 19, a course followed, A level entries, passes and points', () => {
    const result = read(
      'post16',
      post16Header,
      'L1,118298,F,0,0,N,0,white,0,2,3,Y,3,3,120',
      'L2,118298,M,1,1,K,0,white,0,1,1,1,0,0,',
      'L3,118298,M,0,0,N,0,white,0,,,0,0,0,',
    );
    assert.ok(result.ok, JSON.stringify(issues(result)));
    assert.deepEqual(
      result.records.map((r) => [r.levelAt16, r.levelAt19, r.inLearning, r.aLevelEntries, r.aLevelPasses, r.aLevelPoints]),
      [
        [2, 3, true, 3, 3, 120],
        [1, 1, true, 0, 0, null],
        [null, null, false, 0, 0, null],
      ],
    );
  });

  it('refuses a bad post-16 file naming the file, line and field of each fault: a level out of range, passes beyond entries, points without entries', () => {
    const result = read(
      'post16',
      post16Header,
      'L1,118298,F,0,0,N,0,white,0,5,3,Y,3,3,120',
      'L2,118298,F,0,0,N,0,white,0,2,3,Y,2,3,90',
      'L3,118298,F,0,0,N,0,white,0,2,2,Y,0,0,30',
      'L4,118298,F,0,0,N,0,white,0,2,2,maybe,,0,',
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`),
      [
        'pupils.csv:2:level_at_16 not a whole number from 0 to 4',
        'pupils.csv:5:in_learning not a yes/no flag (1/0, Y/N or true/false)',
        'pupils.csv:5:alevel_entries the number of A level entries is blank (0 for none)',
        'pupils.csv:3:alevel_passes more A level passes than alevel_entries',
        'pupils.csv:4:alevel_points A level points with no alevel_entries',
      ],
    );
  });
});
