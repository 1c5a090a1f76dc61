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

/**
 * The watch list's risk bands, read from the score alone, so a band is as transparent as the score it comes from. The
 * edges are points of `riskPoints`, not numbers of their own, and move with the table above:
 *
 * - **high**, 40 or more (`riskPoints.category`): a category of concern on its own; two serious components (below the
 *   floor with requires improvement or inadequate, 50-60); or one with more results evidence (inadequate or below the
 *   floor with a rapid decline or a bottom-quarter rank, 40-45; requires improvement with a rapid decline and a decline
 *   in another concern, 43).
 * - **medium**, 20 to 39 (`riskPoints.requiresImprovement`): one serious component on its own (requires improvement 20,
 *   inadequate with no category recorded 30, below the floor 30; the last two with one decline, 38), or results
 *   evidence adding up to it (a rapid decline with a bottom-quarter rank 25, two rapid declines 30).
 * - **low**, 1 to 19: results evidence short of that: one decline (8 or 15), one bottom-quarter rank (10), possibly
 *   below the floor (10), a decline with a bottom-quarter rank (18).
 * - **none**, 0: no component.
 *
 * So the least serious Ofsted concern is medium on its own and a category of concern high on its own, while results
 * alone reach medium only as more than one fall, or a rapid fall with a poor rank among similar schools.
 */
export const riskBands = ['high', 'medium', 'low', 'none'] as const; // highest first, as the page and the API list them
export type RiskBand = (typeof riskBands)[number];

/** The lowest score of each band but none. */
export const riskBandFrom = { high: riskPoints.category, medium: riskPoints.requiresImprovement, low: 1 } as const;

export const riskBandLabels: Readonly<Record<RiskBand, string>> = { high: 'High', medium: 'Medium', low: 'Low', none: 'None' };

/** A score's band (the edges above `riskBands`). */
export function riskBandOf(score: number): RiskBand {
  if (score >= riskBandFrom.high) return 'high';
  if (score >= riskBandFrom.medium) return 'medium';
  return score >= riskBandFrom.low ? 'low' : 'none';
}

export type RiskInput = Readonly<{
  ofsted: Readonly<{ grade: OverallGrade; label: string; category: Category; inspectedOn: string; carried: boolean }> | null;
  floor: Readonly<{ below: boolean | null; period: string; failed: readonly string[] }> | null;
  /** `concern`: what the indicator measures (concernOf); overlapping measures of one concern score once. */
  trends: readonly Readonly<{ indicator: string; concern?: string; class: TrendClass | null }>[];
  similarRanks: readonly Readonly<{ indicator: string; concern?: string; rank: number; of: number }>[];
}>;

/**
 * The concern a headline indicator measures. KS4 has five overlapping headline measures (Attainment 8, grade 5 and
 * A*-C in English and maths, 5+ A*-C) against KS2's few, so scoring each measure made secondaries dominate the watch
 * list; each concern is scored once, on its worst measure (issue 11 point 14).
 */
export const headlineConcerns: Readonly<Record<string, string>> = {
  'ks2-expected-rwm': 'KS2 attainment',
  'ks2-level4-rwm': 'KS2 attainment',
  'ks2-level4-english-maths': 'KS2 attainment',
  'ks2-expected-progress-english': 'KS2 progress',
  'ks2-expected-progress-maths': 'KS2 progress',
  'ks4-progress8': 'KS4 progress',
  'ks4-attainment8': 'KS4 attainment',
  'ks4-grade5-english-maths': 'KS4 attainment',
  'ks4-a-c-english-maths': 'KS4 attainment',
  'ks4-5ac-em': 'KS4 attainment',
};

export function concernOf(indicatorCode: string): string | undefined {
  return headlineConcerns[indicatorCode];
}

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
  // Each concern once, on its worst measure: rapidly declining over declining; the measures behind it named.
  for (const [concern, trends] of byConcern(input.trends)) {
    const rapid = trends.filter((t) => t.class === 'rapidly-declining');
    const falling = trends.filter((t) => t.class === 'declining');
    const worst = rapid.length > 0 ? rapid : falling;
    if (worst.length === 0) continue;
    const measures = worst.map((t) => t.indicator).join('; ');
    components.push({
      label: `${concern}: ${rapid.length > 0 ? 'rapidly declining' : 'declining'}`,
      points: rapid.length > 0 ? riskPoints.rapidlyDeclining : riskPoints.declining,
      reason: `significant fall over three years${measures === concern ? '' : ` (${measures})`}`,
    });
  }
  for (const [concern, ranks] of byConcern(input.similarRanks)) {
    const bottom = ranks.filter((r) => r.of >= 4 && r.rank > (3 * r.of) / 4);
    if (bottom.length === 0) continue;
    components.push({
      label: `${concern}: bottom quarter of similar schools`,
      points: riskPoints.bottomOfSimilar,
      reason: bottom.map((r) => `${r.indicator === concern ? '' : `${r.indicator}: `}ranked ${r.rank} of ${r.of}`).join('; '),
    });
  }
  return { score: components.reduce((a, c) => a + c.points, 0), components };
}

/** Items grouped by their concern (an item without one is its own concern), in first-seen order. */
function byConcern<T extends Readonly<{ indicator: string; concern?: string }>>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.concern ?? item.indicator;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
