import type { Category, OverallGrade } from './ofsted-judgements.ts';
import type { TrendClass } from './trends.ts';

/**
 * The watch list's risk score (docs/adr/0008-school-improvement.md): a sum of named components, each shown with its
 * points and reason, so an officer can see why a school is where it is and argue with any part of it.
 *
 * | component                                   | points |
 * | ------------------------------------------- | ------ |
 * | Ofsted: in a category of concern            | 40     |
 * | Ofsted: inadequate, no category recorded    | 30     |
 * | Ofsted: requires improvement                | 20     |
 * | Below the floor standard (latest year held) | 30     |
 * | Floor cannot be decided, failing attainment | 10     |
 * | A headline indicator rapidly declining      | 15 each|
 * | A headline indicator declining              | 8 each |
 * | Bottom quarter of its similar schools       | 10 each|
 */
export const riskPoints = {
  category: 40,
  inadequate: 30,
  requiresImprovement: 20,
  belowFloor: 30,
  floorUndecided: 10,
  rapidlyDeclining: 15,
  declining: 8,
  bottomOfSimilar: 10,
} as const;

export type RiskInput = Readonly<{
  ofsted: Readonly<{ grade: OverallGrade; label: string; category: Category; inspectedOn: string; carried: boolean }> | null;
  floor: Readonly<{ below: boolean | null; period: string; failed: readonly string[] }> | null;
  trends: readonly Readonly<{ indicator: string; class: TrendClass | null }>[];
  similarRanks: readonly Readonly<{ indicator: string; rank: number; of: number }>[];
}>;

export type RiskComponent = Readonly<{ label: string; points: number; reason: string }>;

export function riskScore(input: RiskInput): { score: number; components: RiskComponent[] } {
  const components: RiskComponent[] = [];
  const o = input.ofsted;
  if (o !== null) {
    const when = `inspection of ${o.inspectedOn}${o.carried ? ' (the predecessor school)' : ''}`;
    if (o.category !== null)
      components.push({ label: 'Ofsted category of concern', points: riskPoints.category, reason: `${o.category.replace(/-/g, ' ')}, ${when}` });
    else if (o.grade === 4) components.push({ label: 'Ofsted inadequate', points: riskPoints.inadequate, reason: when });
    else if (o.grade === 3) components.push({ label: `Ofsted ${o.label.toLowerCase()}`, points: riskPoints.requiresImprovement, reason: when });
  }
  const f = input.floor;
  if (f !== null && f.below === true)
    components.push({ label: 'Below the floor standard', points: riskPoints.belowFloor, reason: `${f.period}: ${f.failed.join('; ')}` });
  if (f !== null && f.below === null && f.failed.length > 0)
    components.push({
      label: 'Possibly below the floor',
      points: riskPoints.floorUndecided,
      reason: `${f.period}: ${f.failed.join('; ')} (not decidable from the figures held)`,
    });
  for (const t of input.trends) {
    if (t.class === 'rapidly-declining')
      components.push({ label: `${t.indicator}: rapidly declining`, points: riskPoints.rapidlyDeclining, reason: 'significant fall over three years' });
    if (t.class === 'declining')
      components.push({ label: `${t.indicator}: declining`, points: riskPoints.declining, reason: 'significant fall over three years' });
  }
  for (const r of input.similarRanks)
    if (r.of >= 4 && r.rank > (3 * r.of) / 4)
      components.push({
        label: `${r.indicator}: bottom quarter of similar schools`,
        points: riskPoints.bottomOfSimilar,
        reason: `ranked ${r.rank} of ${r.of}`,
      });
  return { score: components.reduce((a, c) => a + c.points, 0), components };
}
