import { NotFoundError } from '../../domain/errors.ts';
import { academicYearLabel, censusDateOf } from '../../domain/periods/period.ts';
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

export type FloorSchool = Readonly<{
  urn: string;
  name: string;
  district: Readonly<{ code: string; name: string }> | null;
  figures: FloorFigures;
  result: FloorResult;
  /** The files the figures came from (batch and line), for tracing each one back. */
  sources: readonly Readonly<{ indicator: string; file: string; line: number | null }>[];
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
      const la = await store.places.find('la', laCode);
      if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
      const inForce = floorYear(period) !== null;
      const ruleYear = floorRuleYear(period);
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
      const judged: FloorSchool[] = [];
      for (const s of schools) {
        const held = byPlace.get(s.id);
        if (held === undefined) continue;
        // Judged on the figures as published: a computed figure is first rounded as the indicator publishes it.
        const figures = floorFiguresOf(phase, held, (code) => catalogue().find((i) => i.code === code)?.decimalPlaces ?? null);
        const result = phase === 'primary' ? primaryFloor(ruleYear, figures) : secondaryFloor(ruleYear, figures);
        if (!result.applies) continue;
        const district = districtOf.get(s.code);
        judged.push({
          urn: s.code,
          name: s.name,
          district: district === undefined ? null : { code: district, name: districtNames.get(district) ?? district },
          figures,
          result,
          sources: held.map((r) => ({
            indicator: r.indicatorCode,
            file: r.basis === 'computed' ? `${r.provenance.file} (computed)` : r.provenance.file,
            line: r.provenance.line,
          })),
        });
      }
      judged.sort((a, b) => (a.district?.name ?? '~').localeCompare(b.district?.name ?? '~') || a.name.localeCompare(b.name));
      const below = judged.filter((s) => s.result.applies && s.result.below === true);
      const undecided = judged.filter((s) => s.result.applies && s.result.below === null);
      const districts = [...new Set(judged.flatMap((s) => (s.district === null ? [] : [s.district.code])))];
      return {
        la: { code: la.code, name: la.name },
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
            name: districtNames.get(code) ?? code,
            judged: judged.filter((s) => s.district?.code === code).length,
            below: below.filter((s) => s.district?.code === code).length,
            undecided: undecided.filter((s) => s.district?.code === code).length,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    },
  };
}
