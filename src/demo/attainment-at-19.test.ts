import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedFile } from '../../tests/support/shared-data.ts';
import { atNineteenHeader, attainmentAt19File } from './attainment-at-19.ts';

// The real file (../shared/data/public/attainment-age-19/, PROVENANCE.md): the DfE's LA dashboard data of "Level 2 and
// 3 attainment age 16 to 25", one row per cohort, place and one breakdown at a time.
const realFile = readFileSync(sharedFile('attainment-age-19/l2_l3_attainment_by_19_la_2005-2025.csv'), 'utf8').split('\n');

const rowsOf = (text: string) => {
  const [header, ...lines] = text.trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i]!, cell])));
};

describe("the demo county's attainment by 19, in the DfE's published layout", () => {
  const file = attainmentAt19File('886', 'E10000016', 'Kent', 2012, 2016);
  const rows = rowsOf(file);

  it('has the header of the published file, column for column', () => {
    assert.deepEqual([...atNineteenHeader], realFile[0]!.trim().split(','));
    assert.equal(file.split('\n')[0], realFile[0]!.trim());
  });

  it('gives the seed’s 2012 position: a gap of 33 points at level 3 by 19 between FSM young people and the rest (25 nationally)', () => {
    // The seed: "gap 33% vs 25% nationally". The DfE's own 2012 figures (the real file, Kent's rows for cohort 2012,
    // fsm split): 55.06728206 − 22.00141945 = 33.07 for Kent, 58.25770104 − 34.08564582 = 24.17 for England. The
    // demo's counts are rounded from rates at one decimal, so they agree to 0.1.
    const rate = (la: string, fsm: string) => Number(rows.find((r) => r.cohort_19_in === '2012' && r.la_code_3 === la && r.fsm === fsm)!.l3_by19_rate);
    assert.ok(Math.abs(rate('886', 'Not eligible for FSM') - rate('886', 'Eligible for FSM') - 33.07) < 0.1);
    assert.ok(Math.abs(rate('ALL', 'Not eligible for FSM') - rate('ALL', 'Eligible for FSM') - 24.17) < 0.1);
  });

  it('adds the two groups into the whole cohort, count by count, and keeps each rate to its counts', () => {
    for (const year of ['2012', '2016']) {
      const of = (fsm: string) => rows.find((r) => r.cohort_19_in === year && r.la_code_3 === '886' && r.fsm === fsm)!;
      const [all, fsm, other] = [of('ALL'), of('Eligible for FSM'), of('Not eligible for FSM')];
      for (const column of ['number_in_ss_cohort', 'l2_by19', 'l2_with_em_by19', 'l3_by19', 'l2_em_by16', 'l2_em_by19_belowat16'])
        assert.equal(Number(all[column]), Number(fsm[column]) + Number(other[column]), `${year} ${column}`);
      const after16 = (100 * Number(all.l2_em_by19_belowat16)) / (Number(all.number_in_ss_cohort) - Number(all.l2_em_by16));
      assert.ok(Math.abs(Number(all.l2_em_by19_belowat16_rate) - after16) < 1e-9);
    }
  });

  it('holds one cohort per year asked for, for England and the LA, each whole and by FSM', () => {
    assert.equal(rows.length, 5 * 2 * 3);
    assert.deepEqual([...new Set(rows.map((r) => r.cohort_19_in))], ['2012', '2013', '2014', '2015', '2016']);
  });
});
