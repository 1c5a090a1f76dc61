import type { PlanningPhase, SchoolPlaces } from '../../domain/place-planning/place-planning.ts';
import { surplusOf } from '../../domain/place-planning/surplus.ts';
import type { DerivedFigure } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { membersAt, sitePlaces, type PlanningData } from './planning-data.ts';

/** The indicator target 29 reads (indicators/admissions-and-places.yaml). */
export const surplusIndicatorCode = 'surplus-places';

const rule =
  'unfilled places of the phase (SCAP net capacity minus January census pupils on roll, counted school by school and summed only where positive; pupils over capacity counted apart), of the capacity; a split-site school counted by its share on each site';

/**
 * The surplus figures of every census period held with rolls and capacity (target 29), by phase: at each planning area
 * (its members' sites by share), each district and the LA (whole schools: a split-site school's shares added back,
 * so its unfilled places are counted once, school by school). Value = the rate, numerator = unfilled places,
 * denominator = capacity. Replaces the figures place planning made before at these places; published figures stay.
 */
export async function remakeSurplusFigures(tx: Store, data: PlanningData, batchId: number): Promise<number> {
  const la = await tx.places.find('la', data.laCode);
  if (la === undefined) return 0;
  const urns = [...new Set(data.members.map((m) => m.urn))];
  const districtOf = await tx.planning.schoolDistricts(urns);
  const districtIds = await tx.places.idsByCode('district');
  const figures: DerivedFigure[] = [];
  const add = (placeId: number, period: string, phase: PlanningPhase, schools: readonly SchoolPlaces[], scope: string) => {
    if (schools.length === 0) return;
    const s = surplusOf(schools);
    figures.push({
      indicatorCode: surplusIndicatorCode,
      placeId,
      period,
      breakdown: `phase:${phase}`,
      value: s.rate,
      numerator: s.unfilled,
      denominator: s.capacity,
      symbol: null,
      rule,
      detail: { scope, schools: s.schools, pupils: s.pupils, excess: s.excess, atOrOver: s.atOrOver },
    });
  };
  for (const period of data.censusPeriods)
    for (const phase of ['primary', 'secondary'] as const) {
      const whole = new Map<string, number>();
      for (const area of data.areas.filter((a) => a.phase === phase)) {
        const members = membersAt(data, area.code, period);
        add(
          area.placeId,
          period,
          phase,
          members.flatMap((m) => sitePlaces(data, m.urn, period, phase, m.share) ?? []),
          'planning area',
        );
        for (const m of members) whole.set(m.urn, (whole.get(m.urn) ?? 0) + m.share);
      }
      const schools = [...whole].flatMap(([urn, share]) => sitePlaces(data, urn, period, phase, Math.min(1, share)) ?? []);
      add(la.id, period, phase, schools, 'local authority');
      const byDistrict = new Map<string, SchoolPlaces[]>();
      for (const s of schools) {
        const code = districtOf.get(s.urn);
        if (code !== undefined) byDistrict.set(code, [...(byDistrict.get(code) ?? []), s]);
      }
      for (const [code, inDistrict] of byDistrict) {
        const id = districtIds.get(code);
        if (id !== undefined) add(id, period, phase, inDistrict, 'district');
      }
    }
  const placeIds = [la.id, ...data.areas.map((a) => a.placeId), ...[...new Set(districtOf.values())].flatMap((c) => districtIds.get(c) ?? [])];
  return tx.planning.replaceFigures(surplusIndicatorCode, placeIds, figures, batchId);
}
