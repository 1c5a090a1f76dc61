import type { InspectionRecord } from '../domain/schools/inspection.ts';
import type { Category, OverallGrade } from '../domain/schools/ofsted-judgements.ts';
import type { DemoCounty } from './generate-county.ts';
import { seededRandom } from './generate-county.ts';
import { gaussian, schoolEffects } from './generate-pupils.ts';
import { teachingColumns } from '../domain/schools/teaching-judgement.ts';
import { specialSchoolGradeShares, teachingAboveOverall } from './calibration.ts';

/**
 * The demo county's Ofsted inspections, September 2005 to July 2017. Each state-funded school is inspected on a
 * cycle that depends on its last grade (outstanding: exempt from routine inspection from 2012; good: every 4 years;
 * satisfactory or requires improvement: 2 years; inadequate: 18 months). Grades follow the school's attainment effect
 * (the one its pupils' results are drawn from) plus noise, cut each year at the shares of judgements that move
 * Kent from 62% good or outstanding in 2012 (the seed) towards 85%. An academy starts without an inspection and
 * carries its predecessor's grade until its first. Inadequate schools are placed in special measures or (serious
 * weaknesses, a notice to improve before September 2012); so the demo has schools in a category of concern.
 * Special schools are graded among themselves at their own shares (calibration.ts specialSchoolGradeShares: the seed's
 * 80% good or outstanding in 2012). Each inspection judges the quality of teaching as Ofsted's files record it (to
 * August 2015 "Quality of teaching", then "Quality of teaching, learning and assessment"): the overall grade, or now
 * and then one grade better (calibration.ts teachingAboveOverall), never worse; drawn from a stream of its own so
 * the inspections' dates and grades do not depend on it.
 */

/** Shares of each grade among the year's inspections (outstanding, good, satisfactory/RI; the rest inadequate). */
const shares: Readonly<Record<number, readonly [number, number, number]>> = {
  2005: [0.08, 0.34, 0.5],
  2011: [0.07, 0.35, 0.5],
  2012: [0.08, 0.5, 0.36],
  2013: [0.09, 0.62, 0.25],
  2014: [0.1, 0.7, 0.16],
  2015: [0.1, 0.74, 0.13],
  2016: [0.1, 0.77, 0.11],
};
const shareFor = (table: Readonly<Record<number, readonly [number, number, number]>>, startYear: number) =>
  table[
    Math.max(
      ...Object.keys(table)
        .map(Number)
        .filter((y) => y <= startYear),
    )
  ]!;

/** The quality-of-teaching judgement an inspection of a given overall grade records, under its date's column name. */
function teachingJudgement(grade: OverallGrade, date: string, random: () => number): Record<string, OverallGrade> {
  const teaching = grade > 1 && random() < teachingAboveOverall[grade] ? ((grade - 1) as OverallGrade) : grade;
  const [to2015, from2015] = teachingColumns;
  return { [date < '2015-09-01' ? to2015 : from2015]: teaching };
}

type Event = { urn: string; date: string; startYear: number; latent: number; academyFirst: boolean; after: OverallGrade | null };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addMonths = (date: string, months: number, random: () => number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(1 + Math.floor(random() * 27));
  // Inspections happen in term time: skip August.
  if (d.getUTCMonth() === 7) d.setUTCMonth(8);
  return iso(d);
};
const startYearOfDate = (date: string) => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 9 ? 1 : 0);

export function generateInspections(county: DemoCounty, seed = 2013, end = '2017-07-20'): InspectionRecord[] {
  const effects = schoolEffects(county, seed);
  const random = seededRandom(seed * 7919 + 17);
  const teachingRandom = seededRandom(seed * 7919 + 29);
  const normal = gaussian(random);
  const inspected = county.schools.filter((s) => s.attributes.stateFunded);
  const successors = new Set(county.successions.map((s) => s.successorUrn));
  // Pass 1: when each school is inspected, on a cycle that will depend on the grade; grades are settled year by year.
  const records: InspectionRecord[] = [];
  const next = new Map<string, string>();
  for (const s of inspected) {
    const opened = s.openedOn ?? '2000-09-01';
    const first = successors.has(s.urn)
      ? addMonths(opened, 20 + Math.floor(random() * 24), random)
      : addMonths('2005-09-01', Math.floor(random() * 48), random);
    next.set(s.urn, first < opened ? addMonths(opened, 12, random) : first);
  }
  const schoolsByUrn = new Map(inspected.map((s) => [s.urn, s]));
  for (let year = 2005; year <= 2016; year++) {
    const events: Event[] = [];
    for (const [urn, date] of next) {
      if (startYearOfDate(date) !== year || date > end) continue;
      const school = schoolsByUrn.get(urn)!;
      if (school.closedOn !== null && date >= school.closedOn) continue;
      const effect = effects.get(urn)?.effect(year) ?? 0;
      const previous = records.findLast((r) => r.urn === urn)?.grade ?? null;
      events.push({ urn, date, startYear: year, latent: effect + 0.35 * normal(), academyFirst: successors.has(urn) && previous === null, after: previous });
    }
    // Grades by rank within the year, at the year's shares: special schools among themselves at theirs.
    const isSpecial = (e: Event) => schoolsByUrn.get(e.urn)!.attributes.sector === 'special';
    const graded = [
      ...gradeByRank(
        events.filter((e) => !isSpecial(e)),
        shareFor(shares, year),
      ),
      ...gradeByRank(events.filter(isSpecial), shareFor(specialSchoolGradeShares, year)),
    ];
    graded.forEach(({ event: e, grade }) => {
      const school = schoolsByUrn.get(e.urn)!;
      const category: Category = grade !== 4 ? null : random() < 0.55 ? 'special-measures' : e.date < '2012-09-01' ? 'notice-to-improve' : 'serious-weaknesses';
      const type = e.academyFirst
        ? 'Academy First Section 5'
        : e.after === 4
          ? 'Special Measures S5 ReInspection'
          : e.after === 3 && e.date >= '2012-09-01'
            ? 'S5 Requires Improvement 1st Re-Inspection'
            : 'S5 Inspection';
      records.push({
        line: records.length + 1,
        urn: e.urn,
        laCode: school.attributes.laCode,
        schoolName: school.name,
        phase: school.attributes.sector,
        postcode: school.attributes.address.postcode,
        inspectionNumber: String(300000 + records.length),
        startedOn: e.date,
        endedOn: e.date,
        inspectionType: type,
        grade,
        gradeNote: null,
        category,
        judgements: teachingJudgement(grade, e.date, teachingRandom),
        provenance: 'official',
      });
      // The next inspection: outstanding schools were exempt from routine inspection from 2012.
      const months = grade === 1 ? (e.date >= '2012-01-01' ? 999 : 60) : grade === 2 ? 44 + Math.floor(random() * 10) : grade === 3 ? 22 : 17;
      next.set(e.urn, addMonths(e.date, months, random));
    });
  }
  return records.sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.urn.localeCompare(b.urn)).map((r, i) => ({ ...r, line: i + 1 }));
}

/** Events ranked best first by their latent score, each graded by where its rank falls among the shares. */
function gradeByRank(events: readonly Event[], [o, g, r]: readonly [number, number, number]): { event: Event; grade: OverallGrade }[] {
  return [...events]
    .sort((a, b) => b.latent - a.latent)
    .map((event, i, ranked) => {
      const q = (i + 0.5) / ranked.length;
      return { event, grade: q < o ? 1 : q < o + g ? 2 : q < o + g + r ? 3 : 4 };
    });
}

export type DemoCollaboration = Readonly<{
  code: string;
  name: string;
  members: readonly Readonly<{ urn: string; validFrom: string; validTo: string | null }>[];
}>;

/**
 * Three collaborations of the kind Kent's seed describes (school-to-school support): a Dover primary alliance formed
 * in 2013 around schools that went on to improve fast, a Swale primary collaboration, and a Thanet hub in which one
 * school left in 2015 (dated membership).
 */
export function generateCollaborations(county: DemoCounty, seed = 2013): DemoCollaboration[] {
  const profiles = schoolEffects(county, seed);
  const open2013 = (s: DemoCounty['schools'][number]) => (s.openedOn === null || s.openedOn <= '2013-09-01') && s.closedOn === null && s.attributes.stateFunded;
  const inDistrict = (code: string, sector: string) =>
    county.schools.filter((s) => s.districtCode === code && s.attributes.sector === sector && open2013(s)).sort((a, b) => a.urn.localeCompare(b.urn));
  const dover = inDistrict('E07000108', 'primary');
  const improving = dover.filter((s) => profiles.get(s.urn)?.trend === 'rapidly improving');
  const doverMembers = [...improving.slice(0, 5), ...dover.filter((s) => !improving.includes(s)).slice(0, 10 - Math.min(improving.length, 5))];
  const swale = inDistrict('E07000113', 'primary').slice(0, 8);
  const thanet = [...inDistrict('E07000114', 'secondary').slice(0, 2), ...inDistrict('E07000114', 'primary').slice(0, 5)];
  return [
    {
      code: 'DOVER-ALLIANCE',
      name: 'Dover Primary Teaching Alliance',
      members: doverMembers.map((s) => ({ urn: s.urn, validFrom: '2013-09-01', validTo: null })),
    },
    { code: 'SWALE-COLLAB', name: 'Swale Primary Collaboration', members: swale.map((s) => ({ urn: s.urn, validFrom: '2014-09-01', validTo: null })) },
    {
      code: 'THANET-HUB',
      name: 'Thanet Coastal Hub',
      members: thanet.map((s, i) => ({ urn: s.urn, validFrom: '2012-09-01', validTo: i === thanet.length - 1 ? '2015-08-31' : null })),
    },
  ];
}
