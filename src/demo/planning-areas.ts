import type { AreaMembership, PlanningArea, PlanningPhase, YearGroup } from '../domain/place-planning/place-planning.ts';
import { kent, kentDistricts } from '../domain/geography/reference-places.ts';
import type { DemoCounty, DemoSchool } from './generate-county.ts';

/**
 * The demo county's planning areas and the schools in them. A school is followed across its URNs (a maintained school
 * converting to an academy gets a new URN; its places and pupils carry on), as one `SchoolLine`. Only state-funded
 * mainstream primary and secondary schools are planned for here (SCAP counts special schools and PRUs apart).
 */

/** One school across its URNs: the URN open at each census, its rolls by period and year group, and its area. */
export type SchoolLine = Readonly<{
  key: string;
  name: string;
  phase: PlanningPhase;
  districtCode: string;
  town: string;
  areaCode: string;
  /** Opened after the first census the demo holds, not by conversion: its places come from a new-school change. */
  isNew: boolean;
  sixthForm: boolean;
  urnByPeriod: ReadonlyMap<string, string>;
  rolls: ReadonlyMap<string, ReadonlyMap<YearGroup, number>>;
}>;

// Short district codes for area codes (886-P-ASH-TENTERDEN, 886-S-ASH).
const districtShort: Readonly<Record<string, string>> = {
  E07000105: 'ASH',
  E07000106: 'CAN',
  E07000107: 'DAR',
  E07000108: 'DOV',
  E07000109: 'GRA',
  E07000110: 'MAI',
  E07000111: 'SEV',
  E07000112: 'SHE',
  E07000113: 'SWA',
  E07000114: 'THA',
  E07000115: 'TMA',
  E07000116: 'TUN',
};

export const districtName = (code: string): string => kentDistricts.find((d) => d.code === code)?.name ?? code;
export const secondaryAreaCode = (districtCode: string): string => `${kent.code}-S-${districtShort[districtCode]}`;
export const primaryAreaCode = (districtCode: string, town: string): string =>
  `${kent.code}-P-${districtShort[districtCode]}-${town.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}`;

const areasFrom = '2010-09-01';

/** Follow each planned school from its first URN through its successors, with its rolls by census period. */
export function schoolLines(county: DemoCounty): SchoolLine[] {
  const successorOf = new Map(county.successions.map((s) => [s.predecessorUrn, s.successorUrn]));
  const successors = new Set(successorOf.values());
  const rollsByUrn = new Map<string, Map<string, Map<YearGroup, number>>>();
  for (const r of county.rolls) {
    const periods = rollsByUrn.get(r.urn) ?? new Map<string, Map<YearGroup, number>>();
    rollsByUrn.set(r.urn, periods);
    const groups = periods.get(r.period) ?? new Map<YearGroup, number>();
    periods.set(r.period, groups);
    groups.set(r.yearGroup as YearGroup, r.pupils);
  }
  const firstPeriod = [...new Set(county.rolls.map((r) => r.period))].sort()[0];
  const lines: SchoolLine[] = [];
  for (const school of county.schools) {
    const phase = phaseOf(school);
    if (phase === null || successors.has(school.urn)) continue;
    const urnByPeriod = new Map<string, string>();
    const rolls = new Map<string, ReadonlyMap<YearGroup, number>>();
    for (let urn: string | undefined = school.urn; urn !== undefined; urn = successorOf.get(urn))
      for (const [period, groups] of rollsByUrn.get(urn) ?? []) {
        urnByPeriod.set(period, urn);
        rolls.set(period, groups);
      }
    if (rolls.size === 0) continue;
    const town = school.attributes.address.town ?? districtName(school.districtCode);
    lines.push({
      key: school.urn,
      name: school.name,
      phase,
      districtCode: school.districtCode,
      town,
      areaCode: phase === 'primary' ? primaryAreaCode(school.districtCode, town) : secondaryAreaCode(school.districtCode),
      isNew: school.openedOn !== null && !rolls.has(firstPeriod ?? ''),
      sixthForm: school.attributes.phaseFlags.post16,
      urnByPeriod,
      rolls,
    });
  }
  return lines.sort((a, b) => a.key.localeCompare(b.key));
}

function phaseOf(school: DemoSchool): PlanningPhase | null {
  const a = school.attributes;
  if (!a.stateFunded) return null;
  return a.sector === 'primary' ? 'primary' : a.sector === 'secondary' ? 'secondary' : null;
}

/** A primary area for each district and town with a primary school, feeding its district's secondary area. */
export function planningAreas(lines: readonly SchoolLine[]): PlanningArea[] {
  const areas = new Map<string, PlanningArea>();
  for (const d of kentDistricts) {
    const code = secondaryAreaCode(d.code);
    areas.set(code, {
      code,
      name: `${d.name} secondary`,
      laCode: kent.code,
      phase: 'secondary',
      districtCode: d.code,
      feedsArea: null,
      validFrom: areasFrom,
      validTo: null,
    });
  }
  for (const l of lines.filter((x) => x.phase === 'primary'))
    areas.set(l.areaCode, {
      code: l.areaCode,
      // "Ashford town", not "Ashford (Ashford)": the district's name is said once.
      name: l.town === districtName(l.districtCode) ? `${l.town} town` : `${l.town} (${districtName(l.districtCode)})`,
      laCode: kent.code,
      phase: 'primary',
      districtCode: l.districtCode,
      feedsArea: secondaryAreaCode(l.districtCode),
      validFrom: areasFrom,
      validTo: null,
    });
  return [...areas.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Every URN of every planned school in its area, dated by the URN's opening and closing; `splitSite` schools (by line
 * key) are 0.6 in their own area and 0.4 in `splitSite`'s other area.
 */
export function areaMemberships(county: DemoCounty, lines: readonly SchoolLine[], splitSite: ReadonlyMap<string, string>): AreaMembership[] {
  const byUrn = new Map(county.schools.map((s) => [s.urn, s]));
  return lines.flatMap((l) =>
    [...new Set(l.urnByPeriod.values())].flatMap((urn) => {
      const s = byUrn.get(urn)!;
      const dated = { urn, validFrom: s.openedOn, validTo: s.closedOn };
      const other = splitSite.get(l.key);
      return other === undefined
        ? [{ areaCode: l.areaCode, share: 1, ...dated }]
        : [
            { areaCode: l.areaCode, share: 0.6, ...dated },
            { areaCode: other, share: 0.4, ...dated },
          ];
    }),
  );
}

/** Two primaries on one URN throughout, each in a district with another primary area: the split-site schools. */
export function chooseSplitSites(lines: readonly SchoolLine[], areas: readonly PlanningArea[], random: () => number): Map<string, string> {
  const chosen = new Map<string, string>();
  const periods = Math.max(...lines.map((l) => l.rolls.size));
  const candidates = lines.filter((l) => l.phase === 'primary' && new Set(l.urnByPeriod.values()).size === 1 && l.rolls.size === periods);
  while (chosen.size < 2 && candidates.length > 0) {
    const l = candidates.splice(Math.floor(random() * candidates.length), 1)[0]!;
    const neighbours = areas.filter((a) => a.phase === 'primary' && a.districtCode === l.districtCode && a.code !== l.areaCode);
    if (neighbours.length === 0) continue;
    chosen.set(l.key, neighbours[Math.floor(random() * neighbours.length)]!.code);
  }
  return chosen;
}
