import { type RequestSteps } from '../../../domain/casework/ehc-clock.ts';
import { censusCountOf, inTimeCountOf, isEstablishmentType, timingsOf, type PlanLife } from '../../../domain/casework/ehc-figures.ts';
import type { PlaceSum } from '../../../domain/indicators/additivity.ts';
import { academicYearCode, censusDateOf } from '../../../domain/periods/period.ts';
import type { SenFigureRow } from '../../../store/sen-store.ts';
import type { Store } from '../../../store/store.ts';
import { replaceCaseworkFigures, type CaseworkFigure } from '../casework-figures.ts';

export const senIndicatorCodes = ['sen-plans-issued-in-time', 'pupils-with-statutory-plan', 'independent-special-placements'] as const;

const inTimeRule =
  'new plans issued in the calendar year within the time limit of their regulations (statements requested before 1 September 2014: 26 weeks, SEN Regulations 2001; EHC plans: 20 weeks, SEND Regulations 2014 reg 13(2)) of new plans issued in the year, excluding plans with an exception recorded (DfE SEN2; LAIT SEN_EHC_Excpt_20wks)';
const maintainedRule =
  'statements and EHC plans maintained by the LA on the January census date of the academic year (issued on or before it, not ceased by it)';
const independentRule = 'plans maintained on the January census date whose placement that day is an independent or non-maintained special school';

/** A figure row's steps as the clock reads them. */
export function stepsOf(r: SenFigureRow): RequestSteps {
  return {
    receivedOn: r.receivedOn,
    withdrawnOn: r.withdrawnOn,
    decision: r.decision === null ? null : { assess: r.decision === 'assess', on: r.decisionOn! },
    draftOn: null,
    outcome: r.outcome === null ? null : { plan: r.outcome === 'plan', on: r.outcomeOn! },
    // Only whether one was recorded matters to the measure.
    exceptions: r.exceptions > 0 ? [{ regulation: 'recorded', on: r.receivedOn }] : [],
  };
}

export function planLivesOf(rows: readonly SenFigureRow[]): PlanLife[] {
  return rows
    .filter((r) => r.outcome === 'plan' && r.withdrawnOn === null)
    .map((r) => ({
      issuedOn: r.outcomeOn!,
      ceasedOn: r.ceasedOn,
      placements: r.placements.flatMap((p) => (isEstablishmentType(p.type) ? [{ startsOn: p.startsOn, establishmentType: p.type }] : [])),
    }));
}

type Area = Readonly<{ placeId: number; placeKey: string; memberIds: ReadonlySet<number> | null }>;

/** The LA and district places the figures are made at: every district a child is placed in, and their LAs. */
async function areasOf(tx: Store, rows: readonly SenFigureRow[]): Promise<{ areas: Area[]; placeSums: PlaceSum[] }> {
  const districtIds = [...new Set(rows.map((r) => r.placeId))].sort((a, b) => a - b);
  const districts = await tx.places.byIds(districtIds);
  const byLa = new Map<number, { key: string; members: Set<number>; parts: string[] }>();
  const areas: Area[] = [];
  for (const d of districts) {
    const key = `${d.kind}:${d.code}`;
    areas.push({ placeId: d.id, placeKey: key, memberIds: new Set([d.id]) });
    for (const parent of await tx.places.parents(d.id)) {
      if (parent.kind !== 'la') continue;
      const la = byLa.get(parent.id) ?? { key: `la:${parent.code}`, members: new Set<number>(), parts: [] };
      la.members.add(d.id);
      la.parts.push(key);
      byLa.set(parent.id, la);
    }
  }
  for (const [id, la] of byLa) areas.push({ placeId: id, placeKey: la.key, memberIds: la.members });
  return { areas, placeSums: [...byLa.values()].map((la) => ({ total: la.key, parts: la.parts })) };
}

/**
 * Remake the three SEN figures from the case records for the given years (2012: plans issued in calendar 2012, and
 * plans maintained at January 2012, academic year 2011/12), at every district holding cases and its LA.
 */
export async function remakeSenFigures(tx: Store, years: readonly number[], batchId: number, today: string): Promise<number> {
  const rows = await tx.sen.figureRows();
  const { areas, placeSums } = await areasOf(tx, rows);
  const figures: CaseworkFigure[] = [];
  for (const area of areas) {
    const mine = area.memberIds === null ? rows : rows.filter((r) => area.memberIds!.has(r.placeId));
    const timings = timingsOf(mine.map(stepsOf));
    const lives = planLivesOf(mine);
    for (const year of years) {
      const x = inTimeCountOf(timings, year, 'excluding');
      const all = inTimeCountOf(timings, year, 'including');
      const place = { placeId: area.placeId, placeKey: area.placeKey, breakdown: 'all' };
      // A place with no plan issued in the year has no in-time figure (not 0%).
      if (x.percent !== null)
        figures.push({
          ...place,
          indicatorCode: 'sen-plans-issued-in-time',
          period: String(year),
          value: x.percent,
          numerator: x.inTime,
          denominator: x.issued,
          rule: inTimeRule,
          detail: { includingExceptions: { inTime: all.inTime, issued: all.issued }, exceptions: all.issued - x.issued },
        });
      const period = academicYearCode(year - 1);
      if (censusDateOf(period) > today) continue;
      const census = censusCountOf(lives, censusDateOf(period));
      figures.push({
        ...place,
        indicatorCode: 'pupils-with-statutory-plan',
        period,
        value: census.maintained,
        numerator: census.maintained,
        denominator: null,
        rule: maintainedRule,
        detail: { censusDate: censusDateOf(period) },
      });
      figures.push({
        ...place,
        indicatorCode: 'independent-special-placements',
        period,
        value: census.independent,
        numerator: census.independent,
        denominator: null,
        rule: independentRule,
        detail: { censusDate: censusDateOf(period), plansMaintained: census.maintained },
      });
    }
  }
  return replaceCaseworkFigures(tx, {
    indicatorCodes: senIndicatorCodes,
    figures,
    placeSums,
    dimensions: {},
    unitOf: (code) => (code === 'sen-plans-issued-in-time' ? 'percent' : 'count'),
    batchId,
    periods: years.flatMap((y) => [String(y), academicYearCode(y - 1)]),
  });
}

/**
 * The years a change dated `from` can move, up to `today`: the in-time figure of each calendar year from the change's,
 * and the plans maintained at each January census from then that has come (a census still ahead is not counted).
 */
export function yearsTouched(from: string, today: string): number[] {
  const first = Number(from.slice(0, 4));
  const last = Number(today.slice(0, 4));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
