import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FloorResult } from './floor-standards.ts';
import type { CurrentJudgement } from './inspection-history.ts';
import type { Trend } from './trends.ts';
import { trendSummaryOf, watchListOf } from './watch-list.ts';

// docs/adr/0008-school-improvement.md: the watch list ranks schools by risk score, in bands (risk.ts), filtered by
// district, phase, band and status (issue 19 item 5); school trends list rapidly improving schools with what they share
// against the LA's share, and declining schools by risk.
const classified = (c: 'rapidly-improving' | 'improving' | 'stable' | 'declining' | 'rapidly-declining') => ({
  trend: { classified: true, class: c } as Trend,
});
let urns = 100000;
const school = (name: string, score: number, over: Record<string, unknown> = {}) => ({
  urn: String(urns++),
  name,
  phase: 'primary' as const,
  district: { code: 'E07000113', name: 'Swale' } as { code: string; name: string } | null,
  groupings: [] as { code: string; name: string }[],
  disadvantagedBand: null as string | null,
  trends: [] as { trend: Trend }[],
  ofsted: null as CurrentJudgement | null,
  floor: null as { period: string; label: string; result: FloorResult } | null,
  risk: { score, components: [] },
  ...over,
});
const judged = (grade: 1 | 2 | 3 | 4, category: CurrentJudgement['category'] = null): CurrentJudgement => ({
  grade,
  label: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'][grade - 1]!,
  inspectedOn: '2015-03-01',
  urn: '100000',
  carried: false,
  category,
});
const floor = (result: FloorResult) => ({ period: '201617', label: '2016/17', result });
const names = (list: { schools: readonly { name: string }[] }) => list.schools.map((s) => s.name);

describe('the watch list', () => {
  it('ranks by risk score, highest first, ties by name, and filters by district and phase', () => {
    const schools = [
      school('Beech', 3),
      school('Ash', 3),
      school('Cedar', 9, { district: { code: 'E07000110', name: 'Maidstone' } }),
      school('Damson', 5, { phase: 'secondary' }),
    ];
    assert.deepEqual(names(watchListOf(schools)), ['Cedar', 'Damson', 'Ash', 'Beech']);
    assert.deepEqual(names(watchListOf(schools, { district: 'E07000113', phase: 'primary' })), ['Ash', 'Beech']);
    assert.deepEqual(
      watchListOf(schools, { district: 'E07000110' }).districts.map((d) => d.name),
      ['Maidstone', 'Swale'],
      'every district to choose from, whatever the filter',
    );
  });

  it('bands each school by its score and filters by one band or more', () => {
    const schools = [school('High', 40), school('Medium', 39), school('Low', 1), school('None', 0)];
    assert.deepEqual(
      watchListOf(schools).schools.map((s) => [s.name, s.band]),
      [
        ['High', 'high'],
        ['Medium', 'medium'],
        ['Low', 'low'],
        ['None', 'none'],
      ],
    );
    assert.deepEqual(names(watchListOf(schools, { bands: ['high', 'low'] })), ['High', 'Low']);
    assert.deepEqual(names(watchListOf(schools, { bands: [] })), ['High', 'Medium', 'Low', 'None'], 'no band chosen is no band filter');
  });

  it('reads "declining" as any headline trend significantly declining, never a stable or unclassified one', () => {
    const schools = [
      school('Falling', 8, { trends: [classified('stable'), classified('declining')] }),
      school('Plunging', 15, { trends: [classified('rapidly-declining')] }),
      school('Steady', 0, { trends: [classified('stable'), classified('improving')] }),
      school('Small', 0, { trends: [{ trend: { classified: false, reason: 'fewer than 10 pupils', from: null, to: null, change: null } as Trend }] }),
    ];
    assert.deepEqual(names(watchListOf(schools, { status: 'declining' })), ['Plunging', 'Falling']);
  });

  it('reads "below the floor" as decided below in the latest year held, not "possibly below"', () => {
    const rule = 'primary floor 2016/17';
    const schools = [
      school('Below', 30, { floor: floor({ applies: true, below: true, failed: ['52% (under 65%)'], met: [], rule }) }),
      school('Possibly', 10, { floor: floor({ applies: true, below: null, reason: 'no progress scores', rule, failed: ['52% (under 65%)'] }) }),
      school('Above', 0, { floor: floor({ applies: true, below: false, failed: [], met: ['70%'], rule }) }),
      school('Not judged', 0, { floor: floor({ applies: false, reason: 'headline figure not published' }) }),
    ];
    assert.deepEqual(names(watchListOf(schools, { status: 'below-floor' })), ['Below']);
    assert.deepEqual(
      watchListOf(schools).schools.map((s) => s.belowFloor),
      [true, false, false, false],
    );
  });

  it('reads "Ofsted concern" as requires improvement (or satisfactory), inadequate or a category of concern', () => {
    const schools = [
      school('Special measures', 40, { ofsted: judged(4, 'special-measures') }),
      school('Inadequate', 30, { ofsted: judged(4) }),
      school('Requires improvement', 20, { ofsted: judged(3) }),
      school('Good', 0, { ofsted: judged(2) }),
      school('Never inspected', 0),
    ];
    assert.deepEqual(names(watchListOf(schools, { status: 'ofsted-concern' })), ['Special measures', 'Inadequate', 'Requires improvement']);
  });

  it('reads "declining or at risk" as declining, or in the high or medium band: a low band only when declining', () => {
    const schools = [
      school('High', 45),
      school('Medium', 20),
      school('Low and declining', 8, { trends: [classified('declining')] }),
      school('Low, a poor rank', 10),
      school('None', 0),
    ];
    assert.deepEqual(names(watchListOf(schools, { status: 'declining-or-at-risk' })), ['High', 'Medium', 'Low and declining']);
    // Every filter at once: the district, the phase, the band and the status must all be met.
    assert.deepEqual(names(watchListOf(schools, { status: 'declining-or-at-risk', bands: ['low'], district: 'E07000113', phase: 'primary' })), [
      'Low and declining',
    ]);
    assert.deepEqual(names(watchListOf(schools, { status: 'declining-or-at-risk', phase: 'secondary' })), []);
  });

  it('sorts by name, or by district (schools not placed last) then risk; the URN breaks a tie', () => {
    const schools = [
      school('Oak', 5, { urn: '200005', district: { code: 'E07000114', name: 'Thanet' } }),
      school('Ash', 30, { urn: '200004', district: { code: 'E07000114', name: 'Thanet' } }),
      school('Elm', 50, { urn: '200003', district: null }),
      school('Birch', 1, { urn: '200002' }),
      school('Birch', 1, { urn: '200001' }),
    ];
    assert.deepEqual(
      watchListOf(schools, { sort: 'name' }).schools.map((s) => `${s.name} ${s.urn}`),
      ['Ash 200004', 'Birch 200001', 'Birch 200002', 'Elm 200003', 'Oak 200005'],
    );
    assert.deepEqual(names(watchListOf(schools, { sort: 'district' })), ['Birch', 'Birch', 'Ash', 'Oak', 'Elm']);
    assert.deepEqual(names(watchListOf(schools, { sort: 'risk' })), ['Elm', 'Ash', 'Oak', 'Birch', 'Birch']);
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
