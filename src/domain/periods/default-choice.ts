/**
 * What a page opens on when it is not told (issue 11 point 15): the LA Waymark serves and the latest year the store
 * holds, never a year with nothing in it or the first LA in alphabetical order.
 */

/** The newest of the periods a page offers that the store holds figures for; with none held, the newest offered. */
export function latestHeld(offered: readonly string[], held: readonly string[]): string | null {
  const holding = new Set(held);
  const newestFirst = [...offered].sort((a, b) => b.localeCompare(a));
  return newestFirst.find((p) => holding.has(p)) ?? newestFirst[0] ?? null;
}

/** Of (LA, period) pairs held, the served LA's newest; where it has none, the newest of any LA (then by code). */
export function servedLaFirst<T extends Readonly<{ laCode: string; period: string }>>(held: readonly T[], servedLa: string | null): T | undefined {
  const newest = (rows: readonly T[]) => [...rows].sort((a, b) => b.period.localeCompare(a.period) || a.laCode.localeCompare(b.laCode))[0];
  return newest(held.filter((h) => h.laCode === servedLa)) ?? newest(held);
}
