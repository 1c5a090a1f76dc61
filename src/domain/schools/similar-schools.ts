/**
 * Similar schools (docs/adr/0008-school-improvement.md). Each school is described by its context: prior attainment
 * of its cohort, % disadvantaged, % with SEN, % with English as an additional language, and size. The distance
 * between two schools is the Euclidean distance of their standardised features (each feature minus the pool's mean,
 * divided by the pool's standard deviation; size as log pupils, so a school twice the size is as far at any scale).
 * A feature either school lacks is left out and the sum scaled up by (all features ÷ features used); a pair sharing
 * fewer than three features has no distance. The 20 nearest schools of the pool (national or county) are its
 * similar schools; ties are broken by URN so the list is stable.
 */

export const contextFeatures = ['priorAttainment', 'disadvantaged', 'sen', 'eal', 'size'] as const;
export type ContextFeature = (typeof contextFeatures)[number];

export type SchoolContext = Readonly<{ urn: string } & Record<ContextFeature, number | null>>;

export type Scale = Readonly<Record<ContextFeature, Readonly<{ mean: number; sd: number }> | null>>;

const transformed = (feature: ContextFeature, value: number): number => (feature === 'size' ? Math.log(Math.max(value, 1)) : value);

/** The mean and standard deviation of each feature over a pool (null where fewer than two schools have it or all are equal). */
export function scaleOf(pool: readonly SchoolContext[]): Scale {
  const entries = contextFeatures.map((f) => {
    const values = pool.flatMap((s) => (s[f] === null ? [] : [transformed(f, s[f])]));
    if (values.length < 2) return [f, null] as const;
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    return [f, sd === 0 ? null : { mean, sd }] as const;
  });
  return Object.fromEntries(entries) as Scale;
}

export function contextDistance(a: SchoolContext, b: SchoolContext, scale: Scale): number | null {
  let sum = 0;
  let used = 0;
  for (const f of contextFeatures) {
    const s = scale[f];
    const x = a[f];
    const y = b[f];
    if (s === null || x === null || y === null) continue;
    sum += ((transformed(f, x) - transformed(f, y)) / s.sd) ** 2;
    used++;
  }
  if (used < 3) return null;
  return Math.sqrt((sum * contextFeatures.length) / used);
}

export type Neighbour = Readonly<{ urn: string; distance: number }>;

/** The `count` schools of the pool nearest to `school` (itself excluded), nearest first. */
export function similarSchools(school: SchoolContext, pool: readonly SchoolContext[], count = 20, scale = scaleOf(pool)): Neighbour[] {
  const out: Neighbour[] = [];
  for (const other of pool) {
    if (other.urn === school.urn) continue;
    const distance = contextDistance(school, other, scale);
    if (distance !== null) out.push({ urn: other.urn, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || a.urn.localeCompare(b.urn)).slice(0, count);
}

/**
 * A school's rank on an indicator among itself and its similar schools (1 = best by polarity; ties share the best
 * rank), counting only schools with a value. Null when the school has no value.
 */
export function rankAmong(
  urn: string,
  values: ReadonlyMap<string, number | null>,
  polarity: 'higher_is_better' | 'lower_is_better',
): { rank: number; of: number } | null {
  const own = values.get(urn);
  if (own === null || own === undefined) return null;
  const known = [...values.values()].filter((v): v is number => v !== null);
  const better = known.filter((v) => (polarity === 'higher_is_better' ? v > own : v < own)).length;
  return { rank: better + 1, of: known.length };
}
