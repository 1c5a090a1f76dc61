/**
 * The LA's allocation for a child none of whose preferences could be offered (the coordinated scheme's rule; domain.md
 * §13): the nearest school with a place left, of the round's phase, in the home LA, by straight line from home; a grammar
 * school only for a child assessed suitable. Children are taken on-time applications first, then by application
 * reference, so the result does not depend on the order the applications arrive in.
 */
import type { Arrangement, RoundInput } from './admissions.ts';
import { straightLineMetres } from './distance.ts';

export type Allocation = Readonly<{ child: number; school: number; metres: number | null }>;

/** `left` (places left per school) is decremented as places are allocated. `school` is -1 where none has a place. */
export function allocateNearest(round: RoundInput, schools: readonly Arrangement[], left: Int32Array, unplaced: readonly number[]): Allocation[] {
  const apps = round.applications;
  const byLa = new Map<string, number[]>();
  schools.forEach((a, s) => {
    if (a.phase !== round.phase || a.location === null || left[s]! <= 0) return;
    const list = byLa.get(a.laCode) ?? [];
    list.push(s);
    byLa.set(a.laCode, list);
  });
  const order = [...unplaced].sort((x, y) => {
    const ax = apps[x]!;
    const ay = apps[y]!;
    if (ax.late !== ay.late) return ax.late ? 1 : -1;
    return ax.id < ay.id ? -1 : ax.id > ay.id ? 1 : 0;
  });
  return order.map((child) => {
    const app = apps[child]!;
    const candidates = byLa.get(app.homeLaCode);
    if (app.home === null || candidates === undefined) return { child, school: -1, metres: null };
    let best = -1;
    let bestAt = -1;
    let bestMetres = Infinity;
    for (let k = 0; k < candidates.length; k++) {
      const s = candidates[k]!;
      const a = schools[s]!;
      if (a.selective && app.assessedSuitable !== true) continue;
      const m = straightLineMetres(app.home, a.location!);
      if (m < bestMetres || (m === bestMetres && best >= 0 && a.urn < schools[best]!.urn)) {
        best = s;
        bestAt = k;
        bestMetres = m;
      }
    }
    if (best < 0) return { child, school: -1, metres: null };
    if (--left[best]! === 0) {
      candidates[bestAt] = candidates[candidates.length - 1]!;
      candidates.pop();
    }
    return { child, school: best, metres: bestMetres };
  });
}
