import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Trend } from './trends.ts';
import { trendSummaryOf, watchListOf } from './watch-list.ts';

// docs/adr/0008-school-improvement.md: the watch list ranks schools by risk score; school trends list rapidly improving
// schools with what they share against the LA's share, and declining schools by risk.
const classified = (c: 'rapidly-improving' | 'improving' | 'stable' | 'declining' | 'rapidly-declining') => ({
  trend: { classified: true, class: c } as Trend,
});
const school = (name: string, score: number, over: Record<string, unknown> = {}) => ({
  name,
  phase: 'primary' as const,
  district: { code: 'E07000113', name: 'Swale' } as { code: string; name: string } | null,
  groupings: [] as { code: string; name: string }[],
  disadvantagedBand: null as string | null,
  trends: [] as { trend: Trend }[],
  risk: { score, components: [] },
  ...over,
});

describe('the watch list', () => {
  it('ranks by risk score, highest first, ties by name, and filters by district and phase', () => {
    const schools = [
      school('Beech', 3),
      school('Ash', 3),
      school('Cedar', 9, { district: { code: 'E07000110', name: 'Maidstone' } }),
      school('Damson', 5, { phase: 'secondary' }),
    ];
    assert.deepEqual(
      watchListOf(schools).schools.map((s) => s.name),
      ['Cedar', 'Damson', 'Ash', 'Beech'],
    );
    assert.deepEqual(
      watchListOf(schools, { district: 'E07000113', phase: 'primary' }).schools.map((s) => s.name),
      ['Ash', 'Beech'],
    );
    assert.deepEqual(
      watchListOf(schools).districts.map((d) => d.name),
      ['Maidstone', 'Swale'],
    );
  });
});

describe('school trends', () => {
  it('counts what rapidly improving schools share against the LA’s share', () => {
    // Two of four schools rapidly improve, both in Swale; Swale holds three of the four schools (75%).
    const schools = [
      school('Ash', 1, { trends: [classified('rapidly-improving')] }),
      school('Beech', 2, { trends: [classified('rapidly-improving'), classified('stable')] }),
      school('Cedar', 8, { trends: [classified('declining')] }),
      school('Damson', 4, { district: { code: 'E07000110', name: 'Maidstone' }, trends: [{ trend: { classified: false } as Trend }] }),
    ];
    const summary = trendSummaryOf(schools);
    assert.deepEqual(
      summary.improving.map((s) => s.name),
      ['Ash', 'Beech'],
    );
    assert.deepEqual(
      summary.declining.map((s) => s.name),
      ['Cedar'],
    );
    assert.deepEqual(summary.counts, { 'rapidly-improving': 2, improving: 0, stable: 1, declining: 1, 'rapidly-declining': 0 });
    assert.equal(summary.unclassified, 1);
    assert.deepEqual(summary.inCommon.find((f) => f.label === 'District')!.values, [{ value: 'Swale', among: 2, share: 100, laShare: 75 }]);
  });
});
