import { childrenNotOnRoll, cmePhaseOf, cmePlacedWithin30Days, type CmeEpisode } from '../../../domain/casework/cme-clock.ts';
import type { Unit } from '../../../domain/indicators/indicator.ts';
import { academicYearCode, academicYearSpan, frameworkYearOf } from '../../../domain/periods/period.ts';
import type { EpisodeFact } from '../../../store/cme-store.ts';
import type { Store } from '../../../store/store.ts';
import { replaceCaseworkFigures, type CaseworkFigure } from '../casework-figures.ts';

export const cmeIndicatorCodes = ['cme-placed-within-30-days', 'children-not-on-roll'] as const;

const placedRule =
  'episodes of children missing education that became known in the academic year, placed in suitable education (school, academy or PRU roll, ' +
  'LA-arranged alternative provision, suitable elective home education) within 30 calendar days of becoming known, of those placed, closed unplaced, ' +
  'or still open more than 30 days; episodes closed as left the LA, found abroad, found on a roll or past compulsory school age are counted separately ' +
  'and left out (a local definition: the DfE defines no placement clock; a reopened case is a new episode)';

const notOnRollRule =
  'children of compulsory school age (Education Act 1996 s.8) with a children missing education episode open at the end of the academic year ' +
  '(31 August), or today for the year in progress';

const episodeOf = (e: EpisodeFact): CmeEpisode & { dateOfBirth: string } => ({
  knownOn: e.knownOn,
  outcome: e.outcome,
  outcomeOn: e.outcomeOn,
  dateOfBirth: e.dateOfBirth,
});

/**
 * Remake target 28's and target 20's figures for the academic years ending in `years` (2012 = 2011/12) at every
 * district holding CME cases and their LA, from every episode held, on `today`. Results are decided with everything
 * known today (a child known on 20 August and placed on 5 September was placed within 30 days); the year-end count is
 * taken on 31 August, or today for the year in progress. Figures of other years are kept.
 */
export async function remakeCmeFigures(tx: Store, unitOf: (code: string) => Unit, today: string, years: readonly number[], batchId: number): Promise<number> {
  const districts = await tx.cme.districtsWithLa();
  const episodes = await tx.cme.episodes(null);
  const byDistrict = new Map<number, EpisodeFact[]>();
  for (const e of episodes) {
    const list = byDistrict.get(e.districtId) ?? [];
    list.push(e);
    byDistrict.set(e.districtId, list);
  }
  const heldDistricts = districts.filter((d) => byDistrict.has(d.id));
  const las = new Map<number, { code: string; districts: typeof districts }>();
  for (const d of heldDistricts) las.set(d.laId, { code: d.laCode, districts: districts.filter((x) => x.laId === d.laId) });
  const places = [
    ...[...las].map(([id, la]) => ({ id, key: `la:${la.code}`, episodes: la.districts.flatMap((d) => byDistrict.get(d.id) ?? []) })),
    ...[...las.values()].flatMap((la) => la.districts.map((d) => ({ id: d.id, key: `district:${d.code}`, episodes: byDistrict.get(d.id) ?? [] }))),
  ];
  const figures: CaseworkFigure[] = [];
  const periods: string[] = [];
  for (const year of years) {
    const period = academicYearCode(year - 1);
    const span = academicYearSpan(period);
    if (span.from > today) continue;
    periods.push(period);
    const yearEnd = span.to < today ? span.to : today;
    for (const place of places) {
      const known = place.episodes.filter((e) => e.knownOn >= span.from && e.knownOn <= span.to);
      for (const [breakdown, group] of [
        ['all', known],
        ['gender:female', known.filter((e) => e.sex === 'F')],
        ['gender:male', known.filter((e) => e.sex === 'M')],
        ['phase:primary', known.filter((e) => cmePhaseOf(e.dateOfBirth, e.knownOn) === 'phase:primary')],
        ['phase:secondary', known.filter((e) => cmePhaseOf(e.dateOfBirth, e.knownOn) === 'phase:secondary')],
      ] as const) {
        const rate = cmePlacedWithin30Days(group.map(episodeOf), today);
        if (rate.value === null) continue;
        figures.push({
          indicatorCode: 'cme-placed-within-30-days',
          period,
          breakdown,
          placeId: place.id,
          placeKey: place.key,
          value: rate.value,
          numerator: rate.within,
          denominator: rate.within + rate.notWithin,
          rule: placedRule,
          detail: { within: rate.within, notWithin: rate.notWithin, reportedSeparately: rate.separate, stillWithin30Days: rate.pending, asAt: today },
        });
      }
      const count = childrenNotOnRoll(place.episodes.map(episodeOf), yearEnd);
      figures.push({
        indicatorCode: 'children-not-on-roll',
        period,
        breakdown: 'all',
        placeId: place.id,
        placeKey: place.key,
        value: count,
        numerator: count,
        denominator: null,
        rule: notOnRollRule,
        detail: { on: yearEnd },
      });
    }
  }
  if (periods.length === 0) return 0;
  return replaceCaseworkFigures(tx, {
    indicatorCodes: cmeIndicatorCodes,
    figures,
    placeSums: [...las.values()].map((la) => ({ total: `la:${la.code}`, parts: la.districts.map((d) => `district:${d.code}`) })),
    dimensions: { gender: ['gender:female', 'gender:male'], phase: ['phase:primary', 'phase:secondary'] },
    unitOf,
    batchId,
    periods,
  });
}

/** The academic years (end years) from the one `from` falls in to the one `today` falls in: those a change to an episode known on `from` can move. */
export function yearsFrom(from: string, today: string): number[] {
  const years: number[] = [];
  for (let y = frameworkYearOf(from); y <= frameworkYearOf(today); y++) years.push(y);
  return years;
}
