import { apAchievement } from '../../../domain/casework/alternative-provision-rules.ts';
import { cohortDateOf, continuouslyLookedAfter } from '../../../domain/casework/children-in-care-rules.ts';
import { permanentExclusionCounts } from '../../../domain/casework/exclusion-rules.ts';
import type { PlaceSum } from '../../../domain/indicators/additivity.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import { academicYearLabel, censusDateOf } from '../../../domain/periods/period.ts';
import type { Store } from '../../../store/store.ts';
import { replaceCaseworkFigures, type CaseworkFigure } from '../casework-figures.ts';

export const claExclusionsCode = 'cla-permanent-exclusions';
export const apAchievementCode = 'alternative-curriculum-achievement';

const claRule =
  'children looked after continuously for at least 12 months at 31 March (SSDA903 episodes, short breaks V3/V4 left out) whose UPN has a permanent exclusion decided in the academic year that was not overturned (LA exclusion records, decision-date basis)';
const apRule =
  'pupils with a Year 11 placement on an alternative curriculum programme (PRU or commissioned provision) in the academic year who achieved a level 1 or level 2 qualification by the end of KS4, of those whose results are recorded';

/** Where each school sat on the year's census date: its district and LA codes. */
async function schoolPlaces(tx: Store, period: string): Promise<Map<string, { district: string | null; la: string | null }>> {
  const { schools } = await tx.places.placementsOn(censusDateOf(period));
  const byUrn = new Map<string, { district: string | null; la: string | null }>();
  for (const s of schools) {
    const entry = byUrn.get(s.urn) ?? { district: null, la: null };
    if (s.parentKind === 'district') entry.district = s.parentCode;
    if (s.parentKind === 'la') entry.la = s.parentCode;
    byUrn.set(s.urn, entry);
  }
  return byUrn;
}

/**
 * Remake the figures the inclusion records feed for some academic years: children in care permanently excluded (target
 * 22, LA level: the cohort is the LA's) and alternative curriculum achievement (target 24, LA and districts).
 */
export async function remakeInclusionFigures(tx: Store, periods: readonly string[], batchId: number, catalogue: () => readonly Indicator[]): Promise<number> {
  const laIds = await tx.places.idsByCode('la');
  const districtIds = await tx.places.idsByCode('district');
  const laCodeOf = new Map([...laIds].map(([code, id]) => [id, code]));
  const children = await tx.inclusion.careChildren({ places: null });
  const figures: CaseworkFigure[] = [];
  const placeSums: PlaceSum[] = [];
  for (const period of periods) {
    const at = cohortDateOf(period);
    // Children in care permanently excluded: by the LA looking after them.
    const excludedUpns = new Set(
      (await tx.inclusion.exclusions({ places: null, period, kind: 'permanent' }))
        .filter((e) => e.upn !== null && permanentExclusionCounts(e))
        .map((e) => e.upn!),
    );
    const byLa = new Map<number, { cohort: number; excluded: number }>();
    for (const c of children) {
      if (!continuouslyLookedAfter(c.episodes, at)) continue;
      const cell = byLa.get(c.placeId) ?? { cohort: 0, excluded: 0 };
      cell.cohort++;
      if (c.upn !== null && excludedUpns.has(c.upn)) cell.excluded++;
      byLa.set(c.placeId, cell);
    }
    for (const [placeId, cell] of byLa) {
      const code = laCodeOf.get(placeId);
      if (code === undefined) continue;
      figures.push({
        indicatorCode: claExclusionsCode,
        period,
        breakdown: 'all',
        placeId,
        placeKey: `la:${code}`,
        value: cell.excluded,
        numerator: cell.excluded,
        denominator: cell.cohort,
        rule: claRule,
        detail: { cohortDate: at, cohort: cell.cohort, basis: `exclusions decided in ${academicYearLabel(period)}` },
      });
    }

    // Alternative curriculum achievement: by the district and LA of the pupil's home school (a PRU is its own).
    const placed = await schoolPlaces(tx, period);
    const placements = await tx.inclusion.apPlacements({ places: null, period });
    const groups = new Map<string, typeof placements>();
    for (const p of placements) {
      const where = placed.get(p.homeSchoolUrn ?? p.providerUrn ?? '');
      for (const key of [where?.la === null || where?.la === undefined ? null : `la:${where.la}`, where?.district ? `district:${where.district}` : null]) {
        if (key === null) continue;
        groups.set(key, [...(groups.get(key) ?? []), p]);
      }
    }
    const sums = new Map<string, Set<string>>();
    for (const [key, list] of groups) {
      const [kind, code] = key.split(':') as ['la' | 'district', string];
      const placeId = (kind === 'la' ? laIds : districtIds).get(code);
      if (placeId === undefined) continue;
      const result = apAchievement(
        list.map((p) => ({ pupil: p.upn ?? `placement:${p.id}`, yearGroup: p.yearGroup, start: p.start, end: p.end, outcome: p.outcome })),
      );
      if (result.pupils === 0) continue;
      figures.push({
        indicatorCode: apAchievementCode,
        period,
        breakdown: 'all',
        placeId,
        placeKey: key,
        value: (100 * result.achieved) / result.pupils,
        numerator: result.achieved,
        denominator: result.pupils,
        rule: apRule,
        detail: { awaitingResults: result.awaiting },
      });
      if (kind === 'district') {
        const la = [...placed.values()].find((s) => s.district === code)?.la;
        if (la) sums.set(`la:${la}`, (sums.get(`la:${la}`) ?? new Set()).add(key));
      }
    }
    for (const [total, parts] of sums) placeSums.push({ total, parts: [...parts].sort() });
  }
  const unitOf = (code: string) => catalogue().find((i) => i.code === code)?.unit ?? 'count';
  return replaceCaseworkFigures(tx, {
    indicatorCodes: [claExclusionsCode, apAchievementCode],
    figures,
    placeSums: dedupe(placeSums),
    dimensions: {},
    unitOf,
    batchId,
    periods,
  });
}

function dedupe(sums: readonly PlaceSum[]): PlaceSum[] {
  const merged = new Map<string, Set<string>>();
  for (const s of sums) for (const p of s.parts) merged.set(s.total, (merged.get(s.total) ?? new Set()).add(p));
  return [...merged].map(([total, parts]) => ({ total, parts: [...parts].sort() }));
}
