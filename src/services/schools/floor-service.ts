import { NotFoundError } from '../../domain/errors.ts';
import { academicYearLabel, censusDateOf, endYearOf, periodOfYear } from '../../domain/periods/period.ts';
import { coasting, coastingYears, type CoastingResult } from '../../domain/schools/coasting.ts';
import {
  floorFiguresOf,
  floorIndicators,
  floorRuleYear,
  floorYear,
  primaryFloor,
  secondaryFloor,
  type FloorFigures,
  type FloorResult,
  type Phase,
} from '../../domain/schools/floor-standards.ts';
import { isStateFundedMainstream } from '../../domain/schools/school-phase.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { ObservationRow } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';

/** A school of the LA with its floor figures for a year. */
export type SchoolFigures = Readonly<{
  urn: string;
  name: string;
  district: Readonly<{ code: string; name: string }> | null;
  figures: FloorFigures;
  /** The files the figures came from (batch and line), for tracing each one back. */
  sources: readonly Readonly<{ indicator: string; file: string; line: number | null }>[];
}>;

export type FloorSchool = SchoolFigures & Readonly<{ result: FloorResult }>;

export type CoastingSchool = SchoolFigures & Readonly<{ result: Extract<CoastingResult, { applies: true }> }>;

export type CoastingListing = Readonly<{
  la: Readonly<{ code: string; name: string }>;
  phase: Phase;
  period: string;
  label: string;
  /** Whether the year is one the coasting definition was applied to (2016-2018); no school is judged in others. */
  inForce: boolean;
  schools: readonly CoastingSchool[];
  coasting: readonly CoastingSchool[];
  undecided: readonly CoastingSchool[];
}>;

export type FloorListing = Readonly<{
  la: Readonly<{ code: string; name: string }>;
  phase: Phase;
  period: string;
  label: string;
  /** The rule the schools were judged by, and whether it was in force that year or is applied as a named rule. */
  ruleYear: number;
  inForce: boolean;
  schools: readonly FloorSchool[];
  below: readonly FloorSchool[];
  undecided: readonly FloorSchool[];
  byDistrict: readonly Readonly<{ code: string; name: string; judged: number; below: number; undecided: number }>[];
}>;

/**
 * Floor standards from the school-level observations held: every state-funded mainstream school the register places
 * in the LA at the year's January census, judged by the rule of its year (domain/schools/floor-standards.ts). After
 * 2018 no floor was in force; a later year can be judged by the 2018 rule as a named rule, and the listing says so.
 */
export function createFloorService(store: Store, catalogue: () => readonly Indicator[]) {
  return {
    /** Of the periods offered, those for which a figure the phase's floor reads is held for one of the LA's schools. */
    async periodsHeld(laCode: string, phase: Phase, offered: readonly string[]): Promise<string[]> {
      const la = await store.places.find('la', laCode);
      if (la === undefined) return [];
      const placeIds = (await store.places.members(la.id, 'school')).map((s) => s.id);
      if (placeIds.length === 0) return [];
      const held: string[] = [];
      for (const period of offered) {
        const rows = await store.observations.find({
          indicatorCodes: floorIndicators[phase],
          placeIds,
          period,
          breakdown: 'all',
          basis: ['published', 'computed'],
          limit: 1,
        });
        if (rows.length > 0) held.push(period);
      }
      return held;
    },

    /**
     * Each school of an LA judged against the floor of a year, on its figures as this reader may see them (a figure
     * hidden from the public is not published, so a public reader's list does not judge a school on it; the counts
     * written as figures are judged on true values, as the DfE judges).
     */
    async floorStandards(laCode: string, phase: Phase, period: string, policy: DisclosurePolicy, onlyUrns?: readonly string[]): Promise<FloorListing> {
      const { la, schools: held } = await schoolFigures(laCode, phase, period, policy, onlyUrns);
      const inForce = floorYear(period) !== null;
      const ruleYear = floorRuleYear(period);
      const judged: FloorSchool[] = [];
      for (const school of held) {
        const result = phase === 'primary' ? primaryFloor(ruleYear, school.figures) : secondaryFloor(ruleYear, school.figures);
        if (result.applies) judged.push({ ...school, result });
      }
      const below = judged.filter((s) => s.result.applies && s.result.below === true);
      const undecided = judged.filter((s) => s.result.applies && s.result.below === null);
      const districts = [...new Set(judged.flatMap((s) => (s.district === null ? [] : [s.district.code])))];
      return {
        la,
        phase,
        period,
        label: academicYearLabel(period),
        ruleYear,
        inForce,
        schools: judged,
        below,
        undecided,
        byDistrict: districts
          .map((code) => ({
            code,
            name: held.find((h) => h.district?.code === code)!.district!.name,
            judged: judged.filter((s) => s.district?.code === code).length,
            below: below.filter((s) => s.district?.code === code).length,
            undecided: undecided.filter((s) => s.district?.code === code).length,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    },

    /**
     * Each school of an LA judged coasting or not in a year of the 2016-2018 definition (domain/schools/coasting.ts),
     * on its figures in that year and the two before as this reader may see them, by URN (a school that reopened under
     * another URN has no earlier years held, and is undecided unless a year held decides it). Other years: no schools.
     */
    async coasting(laCode: string, phase: Phase, period: string, policy: DisclosurePolicy): Promise<CoastingListing> {
      const summer = endYearOf(period);
      const inForce = (coastingYears as readonly number[]).includes(summer);
      if (!inForce) {
        const la = await store.places.find('la', laCode);
        if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
        const none: CoastingSchool[] = [];
        return {
          la: { code: la.code, name: la.name },
          phase,
          period,
          label: academicYearLabel(period),
          inForce,
          schools: none,
          coasting: none,
          undecided: none,
        };
      }
      const latest = await schoolFigures(laCode, phase, period, policy);
      const earlier = new Map<number, Map<string, FloorFigures>>();
      for (const year of [summer - 2, summer - 1]) {
        const held = await schoolFigures(
          laCode,
          phase,
          periodOfYear(year, 'academic'),
          policy,
          latest.schools.map((s) => s.urn),
        );
        earlier.set(year, new Map(held.schools.map((s) => [s.urn, s.figures])));
      }
      const judged: CoastingSchool[] = [];
      for (const school of latest.schools) {
        const result = coasting(phase, summer, (year) => (year === summer ? school.figures : earlier.get(year)?.get(school.urn)));
        if (result.applies) judged.push({ ...school, result });
      }
      return {
        la: latest.la,
        phase,
        period,
        label: academicYearLabel(period),
        inForce,
        schools: judged,
        coasting: judged.filter((s) => s.result.coasting === true),
        undecided: judged.filter((s) => s.result.coasting === null),
      };
    },
  };

  /**
   * The state-funded mainstream schools the register places in the LA at the year's January census, open then, each
   * with its floor figures for the year as this reader may see them (a school with none held is left out).
   */
  async function schoolFigures(laCode: string, phase: Phase, period: string, policy: DisclosurePolicy, onlyUrns?: readonly string[]) {
    const la = await store.places.find('la', laCode);
    if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
    const census = censusDateOf(period);
    const placements = (await store.places.placementsOn(census)).schools;
    const inLa = new Set(placements.filter((p) => p.parentKind === 'la' && p.parentCode === laCode).map((p) => p.urn));
    const districtOf = new Map(placements.filter((p) => p.parentKind === 'district' && inLa.has(p.urn)).map((p) => [p.urn, p.parentCode]));
    const districtNames = new Map((await store.places.byKind('district')).map((d) => [d.code, d.name]));
    const wanted = onlyUrns === undefined ? [...inLa] : onlyUrns.filter((u) => inLa.has(u));
    const schools = (await store.places.findMany('school', wanted)).filter((s) => {
      const open = (s.openedOn === null || s.openedOn <= census) && (s.closedOn === null || s.closedOn >= census);
      return open && isStateFundedMainstream(s.attributes);
    });
    const rows = await store.observations.find({
      indicatorCodes: floorIndicators[phase],
      placeIds: schools.map((s) => s.id),
      period,
      breakdown: 'all',
      basis: ['published', 'computed'],
      limit: 1_000_000,
    });
    // A school's published figure, or the figure computed from its pupil records where none was published.
    const byPlace = new Map<number, ObservationRow[]>();
    const own = ownFigures(rows);
    const shown = discloseRows(own, (code) => catalogue().find((i) => i.code === code)!, policy);
    own.forEach((r, i) => {
      const seen = { ...r, value: shown[i]!.value, numerator: shown[i]!.numerator, denominator: shown[i]!.denominator };
      byPlace.set(r.placeId, [...(byPlace.get(r.placeId) ?? []), seen]);
    });
    const withFigures: SchoolFigures[] = [];
    for (const s of schools) {
      const held = byPlace.get(s.id);
      if (held === undefined) continue;
      // Judged on the figures as published: a computed figure is first rounded as the indicator publishes it.
      const figures = floorFiguresOf(phase, held, (code) => catalogue().find((i) => i.code === code)?.decimalPlaces ?? null);
      const district = districtOf.get(s.code);
      withFigures.push({
        urn: s.code,
        name: s.name,
        district: district === undefined ? null : { code: district, name: districtNames.get(district) ?? district },
        figures,
        sources: held.map((r) => ({
          indicator: r.indicatorCode,
          file: r.basis === 'computed' ? `${r.provenance.file} (computed)` : r.provenance.file,
          line: r.provenance.line,
        })),
      });
    }
    withFigures.sort((a, b) => (a.district?.name ?? '~').localeCompare(b.district?.name ?? '~') || a.name.localeCompare(b.name));
    return { la: { code: la.code, name: la.name }, schools: withFigures };
  }
}
