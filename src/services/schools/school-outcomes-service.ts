import { londonDateOf } from '../../domain/periods/london-time.ts';
import { laOfficerDisclosure } from '../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { pupilsOnRollCode } from '../../domain/indicators/indicator.ts';
import { academicStartYearOf, academicYearCode, academicYearSpan, censusDateOf } from '../../domain/periods/period.ts';
import { floorIndicators, type Phase } from '../../domain/schools/floor-standards.ts';
import { judgementIndex, predecessorIndex } from '../../domain/schools/inspection-history.ts';
import { phaseBreakdownsOf } from '../../domain/schools/school-phase.ts';
import { teachingIndex, type TeachingJudgement } from '../../domain/schools/teaching-judgement.ts';
import { inspectionYearFigures, teachingFigure, teachingRule } from './ofsted-figures.ts';
import { aboveFloorShare, belowFloorCount, minimumCoverage, ofstedOutcome, type FloorCount, type JudgedSchool } from '../../domain/schools/school-outcomes.ts';
import type { Log } from '../../log.ts';
import type { DerivedFigure } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createFloorService, type FloorListing } from './floor-service.ts';
import { supportedSchoolsCode, supportedSchoolsFigures } from './supported-schools-figures.ts';
import { inComputeBatch } from '../indicators/roll-up-service.ts';
import type { AuditContext, AuditWho } from '../audit/audit-service.ts';

export const schoolOutcomeIndicators = [
  'schools-good-or-outstanding',
  'pupils-in-good-or-outstanding-schools',
  'schools-in-category-of-concern',
  'secondary-schools-above-floor',
  'primary-schools-below-floor',
  'inspections-good-or-outstanding',
  'schools-teaching-good-or-outstanding',
  'inspections-teaching-good-or-outstanding',
  supportedSchoolsCode,
] as const;

const ofstedRule = (asAt: string) =>
  `open state-funded schools on ${asAt} by their latest graded inspection on or before that day (a converter carries its predecessor's), of schools with a judgement; "x" where under ${100 * minimumCoverage}% of the place's schools have a judgement held`;

/**
 * Remake the place-level school outcomes (ADR 0008) from what `tx` holds: Ofsted outcomes as at 31 August of every
 * academic year from the first inspection held to the last complete year, for every LA, district, grouping, region
 * and England; floor-standard counts for every year with school results, for each LA with districts and its
 * districts and groupings. Stored with basis `computed`, each with its rule and the school counts behind it.
 */
export async function recomputeSchoolOutcomes(tx: Store, batchId: number, today: string, catalogue: () => readonly Indicator[]): Promise<{ written: number }> {
  const figures: DerivedFigure[] = [];
  const schools = (await tx.places.byKind('school')).filter((s) => s.attributes.stateFunded);
  const placeIds = new Map<string, number>();
  for (const kind of ['la', 'district', 'grouping', 'region', 'country'] as const)
    for (const [code, id] of await tx.places.idsByCode(kind)) placeIds.set(`${kind}:${code}`, id);

  // Ofsted outcomes.
  const inspections = await tx.inspections.forUrns(await tx.inspections.urns());
  if (inspections.length > 0) {
    const successions = await tx.register.allSuccessions();
    const judgementOf = judgementIndex(successions, inspections);
    const teachingOf = teachingIndex(successions, inspections);
    const first = academicStartYearOf(inspections.reduce((a, i) => (i.startedOn < a ? i.startedOn : a), '9999'));
    // To the last complete academic year, and no later than the year of the newest inspection held (after it, every
    // school's "latest judgement" would be only as new as the files).
    const newest = inspections.reduce((a, i) => (i.startedOn > a ? i.startedOn : a), '');
    const lastComplete = Math.min(academicStartYearOf(today) - 1, academicStartYearOf(newest));
    for (let start = first; start <= lastComplete; start++) {
      const period = academicYearCode(start);
      const asAt = academicYearSpan(period).to;
      const { schools: placements, laRegions } = await tx.places.placementsOn(asAt);
      const parentsOf = new Map<string, string[]>();
      for (const p of placements) {
        const list = parentsOf.get(p.urn);
        if (list === undefined) parentsOf.set(p.urn, [`${p.parentKind}:${p.parentCode}`]);
        else list.push(`${p.parentKind}:${p.parentCode}`);
      }
      // Regions and England only from a national register (the demo holds one county: its England is synthetic).
      const national = new Set(placements.filter((p) => p.parentKind === 'la').map((p) => p.parentCode)).size >= 100;
      const rolls = new Map(
        (await tx.observations.find({ indicatorCode: pupilsOnRollCode, period, breakdown: 'all', limit: 1_000_000 })).map((r) => [r.placeId, r.value]),
      );
      const members = new Map<string, Map<string, JudgedSchool[]>>();
      const teaching = new Map<string, TeachingJudgement | null>();
      for (const s of schools) {
        if ((s.openedOn !== null && s.openedOn > asAt) || (s.closedOn !== null && s.closedOn <= asAt)) continue;
        const parents = parentsOf.get(s.code) ?? [];
        const la = parents.find((p) => p.startsWith('la:'))?.slice(3);
        const region = la === undefined ? undefined : laRegions.get(la);
        const places = [
          ...parents,
          ...(national && region !== undefined ? [`region:${region}`] : []),
          ...(national && la !== undefined ? ['country:E92000001'] : []),
        ];
        const judged: JudgedSchool = { urn: s.code, judgement: judgementOf(s.code, asAt), pupils: rolls.get(s.id) ?? null };
        teaching.set(s.code, teachingOf(s.code, asAt));
        for (const place of places)
          for (const breakdown of ['all', ...phaseBreakdownsOf(s.attributes)]) {
            const byBreakdown = members.get(place) ?? new Map<string, JudgedSchool[]>();
            members.set(place, byBreakdown);
            const list = byBreakdown.get(breakdown);
            if (list === undefined) byBreakdown.set(breakdown, [judged]);
            else list.push(judged);
          }
      }
      for (const [place, byBreakdown] of members) {
        const placeId = placeIds.get(place);
        if (placeId === undefined) continue;
        for (const [breakdown, list] of byBreakdown) {
          const taught = teachingFigure(
            list.map((j) => teaching.get(j.urn) ?? null),
            { placeId, period, breakdown, rule: teachingRule(asAt) },
            asAt,
          );
          if (taught !== null) figures.push(taught);
          const o = ofstedOutcome(list);
          if (o.judged === 0) continue;
          const detail = { schools: o.schools, judged: o.judged, asAt };
          const base = { placeId, period, breakdown, rule: ofstedRule(asAt) };
          figures.push({
            ...base,
            indicatorCode: 'schools-good-or-outstanding',
            value: o.goodOrOutstanding,
            numerator: o.covered ? o.good : null,
            denominator: o.covered ? o.judged : null,
            symbol: o.covered ? null : 'x',
            detail,
          });
          figures.push({
            ...base,
            indicatorCode: 'schools-in-category-of-concern',
            value: o.covered ? o.category : null,
            numerator: null,
            denominator: null,
            symbol: o.covered ? null : 'x',
            detail,
          });
          if (o.pupilsGoodOrOutstanding !== null)
            figures.push({
              ...base,
              indicatorCode: 'pupils-in-good-or-outstanding-schools',
              value: o.pupilsGoodOrOutstanding,
              numerator: o.pupilsInGood,
              denominator: o.pupilsJudged,
              symbol: null,
              detail: { ...detail, pupils: o.pupilsJudged },
            });
        }
      }
    }
  }

  figures.push(...inspectionYearFigures(inspections, placeIds));

  // Floor-standard counts, for each LA with districts (the LA in focus) and its districts and groupings; and target
  // 14's figure from the same listings with the LA's partnerships.
  const chainOf = predecessorIndex(await tx.register.allSuccessions());
  for (const laCode of await tx.places.lasWithDistricts()) {
    const listings = await floorListingsOf(tx, catalogue, laCode);
    figures.push(...supportedSchoolsFigures(laCode, listings, await tx.leadership.partnerships(laCode), chainOf, placeIds));
    for (const listing of listings) {
      const { phase, period } = listing;
      if (listing.schools.length === 0 || !listing.inForce) continue;
      const census = censusDateOf(period);
      const groupsOf = new Map<string, string[]>();
      for (const p of (await tx.places.placementsOn(census)).schools)
        if (p.parentKind === 'grouping') groupsOf.set(p.urn, [...(groupsOf.get(p.urn) ?? []), `grouping:${p.parentCode}`]);
      const counts = new Map<string, { judged: number; below: number; undecided: number }>();
      for (const s of listing.schools) {
        const places = [`la:${laCode}`, ...(s.district === null ? [] : [`district:${s.district.code}`]), ...(groupsOf.get(s.urn) ?? [])];
        for (const place of places) {
          const c = counts.get(place) ?? { judged: 0, below: 0, undecided: 0 };
          c.judged++;
          if (s.result.applies && s.result.below === true) c.below++;
          if (s.result.applies && s.result.below === null) c.undecided++;
          counts.set(place, c);
        }
      }
      const rule = `schools judged by the ${listing.ruleYear} floor standard (${phase}); "x" where any school's floor cannot be decided from the figures held`;
      for (const [place, c] of counts) {
        const placeId = placeIds.get(place);
        if (placeId === undefined) continue;
        figures.push(floorFigure(phase, c, placeId, period, rule));
      }
    }
  }
  return { written: await tx.observations.replaceDerived(schoolOutcomeIndicators, figures, batchId) };
}

/** Every year's floor listing of an LA, both phases, as the LA's officers see them (true values). */
async function floorListingsOf(tx: Store, catalogue: () => readonly Indicator[], laCode: string): Promise<FloorListing[]> {
  const floors = createFloorService(tx, catalogue);
  const listings: FloorListing[] = [];
  for (const phase of ['primary', 'secondary'] as const satisfies readonly Phase[])
    for (const period of await tx.observations.periodsOf(floorIndicators[phase]))
      listings.push(await floors.floorStandards(laCode, phase, period, laOfficerDisclosure));
  return listings;
}

/** Remake target 14's figures alone (after a partnership is recorded), from the floor listings and partnerships held. */
export async function recomputeSupportedSchools(tx: Store, batchId: number, catalogue: () => readonly Indicator[]): Promise<{ written: number }> {
  const placeIds = new Map<string, number>();
  for (const kind of ['la', 'district'] as const) for (const [code, id] of await tx.places.idsByCode(kind)) placeIds.set(`${kind}:${code}`, id);
  const chainOf = predecessorIndex(await tx.register.allSuccessions());
  const figures: DerivedFigure[] = [];
  for (const laCode of await tx.places.lasWithDistricts())
    figures.push(...supportedSchoolsFigures(laCode, await floorListingsOf(tx, catalogue, laCode), await tx.leadership.partnerships(laCode), chainOf, placeIds));
  return { written: await tx.observations.replaceDerived([supportedSchoolsCode], figures, batchId) };
}

function floorFigure(phase: Phase, c: FloorCount, placeId: number, period: string, rule: string): DerivedFigure {
  const detail = { schools: c.judged, below: c.below, undecided: c.undecided };
  if (phase === 'secondary') {
    const share = aboveFloorShare(c);
    return {
      indicatorCode: 'secondary-schools-above-floor',
      placeId,
      period,
      breakdown: 'all',
      value: share,
      numerator: share === null ? null : c.judged - c.below,
      denominator: share === null ? null : c.judged,
      symbol: share === null ? 'x' : null,
      rule,
      detail,
    };
  }
  const count = belowFloorCount(c);
  return {
    indicatorCode: 'primary-schools-below-floor',
    placeId,
    period,
    breakdown: 'all',
    value: count,
    numerator: null,
    denominator: null,
    symbol: count === null ? 'x' : null,
    rule,
    detail,
  };
}

export const schoolOutcomesFormat = 'compute-school-outcomes';

/** `recompute` remakes the place-level school outcomes on demand (after a compute, or the demo build), as a compute batch. */
export function createSchoolOutcomesService(store: Store, clock: Clock, log: Log, catalogue: () => readonly Indicator[], audit: AuditContext) {
  return {
    recompute: (who: AuditWho = audit.who) =>
      inComputeBatch(
        store,
        log,
        { fileName: 'school outcomes (Ofsted, floor standards)', format: schoolOutcomesFormat },
        (tx, batchId) => recomputeSchoolOutcomes(tx, batchId, londonDateOf(clock()), catalogue),
        (r) => `${r.written} place-level Ofsted and floor-standard figures remade from the schools held`,
        { context: audit, who, action: 'school-outcomes.recompute' },
      ),
  };
}
