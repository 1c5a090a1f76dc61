import { csvField } from '../domain/csv-field.ts';
import { england as englandPlace, kentDistricts, regions } from '../domain/geography/reference-places.ts';
import { ssaTier1 } from '../domain/indicators/skills-shortage-starts.ts';
import { academicYearCode, academicYearLabel } from '../domain/periods/period.ts';
import {
  claimantSeason,
  districtResidentsThousands,
  englandClaimantPercent18to24,
  apprenticeshipLevelShares,
  educationAndTrainingLevelShares,
  hotspotRatios,
  kentApprentices,
  kentClaimants18to24,
  kentSupportedEmployment,
  kentVocationalStarts,
  otherAreaWeights,
  residentsAged18to24Share,
  schoolsWithApprenticeshipPercent,
  shortageAreaWeights,
} from './calibration.ts';
import { seededRandom } from './generate-county.ts';

/**
 * The demo county's youth employment, skills and apprenticeship files (targets 35-39 and 47), in the layouts their
 * importers read (src/imports/employment/): the claimant count as Nomis downloads NM_162_1, the LA's HR return of
 * apprentices taken on, its survey of schools' apprenticeships, the DfE's FE and apprenticeship starts by SSA in the
 * Explore Education Statistics layout and the LA's supported employment return. Figures from calibration.ts.
 */

/** The columns of a Nomis `data.csv` download of NM_162_1 (the numeric id columns are written as Nomis's codes are not known here: left blank). */
export const nomisHeader = [
  'DATE', 'DATE_NAME', 'DATE_CODE', 'DATE_TYPE', 'DATE_TYPECODE', 'DATE_SORTORDER',
  'GEOGRAPHY', 'GEOGRAPHY_NAME', 'GEOGRAPHY_CODE', 'GEOGRAPHY_TYPE', 'GEOGRAPHY_TYPECODE', 'GEOGRAPHY_SORTORDER',
  'GENDER', 'GENDER_NAME', 'GENDER_CODE', 'GENDER_TYPE', 'GENDER_TYPECODE', 'GENDER_SORTORDER',
  'AGE', 'AGE_NAME', 'AGE_CODE', 'AGE_TYPE', 'AGE_TYPECODE', 'AGE_SORTORDER',
  'MEASURE', 'MEASURE_NAME', 'MEASURE_CODE', 'MEASURE_TYPE', 'MEASURE_TYPECODE', 'MEASURE_SORTORDER',
  'MEASURES', 'MEASURES_NAME', 'OBS_VALUE', 'OBS_STATUS', 'OBS_STATUS_NAME', 'OBS_CONF', 'OBS_CONF_NAME',
  'URN', 'RECORD_OFFSET', 'RECORD_COUNT',
] as const; // prettier-ignore

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const countMeasure = 'Claimant count';
const proportionMeasure = 'Claimants as a proportion of residents of the same age';

type Area = Readonly<{ code: string; name: string; type: string; residents: number }>;

/** A hotspot's ratio to England in `year`: linear from 2012 to 2016, held at the ends outside them. */
const ratioIn = (ratios: readonly [number, number], year: number) => {
  const t = Math.min(1, Math.max(0, (year - 2012) / 4));
  return ratios[0] + (ratios[1] - ratios[0]) * t;
};

/** Each area's annual 18-24 claimant count and proportion in `year`: hotspots by their ratio, the rest sharing Kent's remainder. */
function annualFigures(year: number, laGss: string, laName: string): { area: Area; count: number; percent: number }[] | null {
  const kentCount = kentClaimants18to24[year];
  const england = englandClaimantPercent18to24[year];
  if (kentCount === undefined || england === undefined) return null;
  const residents = (code: string) => districtResidentsThousands[code]! * 1000 * residentsAged18to24Share;
  const districtArea = (d: (typeof kentDistricts)[number]): Area => ({
    code: d.code,
    name: d.name,
    type: 'local authorities: district / unitary (as of April 2021)',
    residents: residents(d.code),
  });
  const hot = kentDistricts.filter((d) => hotspotRatios[d.code] !== undefined);
  const rest = kentDistricts.filter((d) => hotspotRatios[d.code] === undefined);
  const hotFigures = hot.map((d) => {
    const percent = england * ratioIn(hotspotRatios[d.code]!, year);
    return { area: districtArea(d), count: (residents(d.code) * percent) / 100, percent };
  });
  const restResidents = rest.reduce((a, d) => a + residents(d.code), 0);
  const restPercent = (100 * (kentCount - hotFigures.reduce((a, f) => a + f.count, 0))) / restResidents;
  const kentResidents = kentDistricts.reduce((a, d) => a + residents(d.code), 0);
  // England's residents aged 18-24 (about 5 million) only scale its count; the figure read is the proportion.
  const englandResidents = 5_000_000;
  return [
    {
      area: { ...englandPlace, type: 'countries', residents: englandResidents },
      count: (englandResidents * england) / 100,
      percent: england,
    },
    {
      area: { code: laGss, name: laName, type: 'local authorities: county / unitary (as of April 2021)', residents: kentResidents },
      count: kentCount,
      percent: (100 * kentCount) / kentResidents,
    },
    ...hotFigures,
    ...rest.map((d) => ({ area: districtArea(d), count: (residents(d.code) * restPercent) / 100, percent: restPercent })),
  ];
}

/** The claimant count file for calendar years `from` to `to`: monthly counts (rounded to 5, as Nomis does) and proportions (1 decimal). */
export function claimantCountFile(laGss: string, laName: string, from: number, to: number): string {
  const rows: string[][] = [];
  for (let year = from; year <= to; year++) {
    const figures = annualFigures(year, laGss, laName);
    if (figures === null) continue;
    claimantSeason.forEach((factor, i) => {
      const date = `${year}-${String(i + 1).padStart(2, '0')}`;
      for (const { area, count, percent } of figures)
        for (const [measure, value] of [
          [countMeasure, String(5 * Math.round((count * factor) / 5))],
          [proportionMeasure, (percent * factor).toFixed(1)],
        ] as const)
          rows.push([
            date, `${monthNames[i]} ${year}`, date, 'date', '0', '0',
            '', area.name, area.code, area.type, '', '0',
            '0', 'Total', '0', 'gender', '0', '0',
            '', 'Aged 18-24', '', 'age', '0', '0',
            measure === countMeasure ? '1' : '2', measure, measure === countMeasure ? '1' : '2', 'measure', '0', measure === countMeasure ? '0' : '1',
            '20100', 'Value', value, 'A', 'Normal Value', 'F', 'Free (free for publication)',
          ]); // prettier-ignore
    });
  }
  const lines = rows.map((r, i) => [...r, '', String(i), String(rows.length)].map(csvField).join(','));
  return `${[nomisHeader.join(','), ...lines].join('\n')}\n`;
}

/** The LA's HR return for the financial years starting in `years` (2012 is 2012-13). */
export function apprenticeReturnFile(laCode: string, years: readonly number[]): string {
  const lines = ['financial_year,la_code,apprentices_taken_on,completions'];
  for (const year of years) {
    const held = kentApprentices[year];
    if (held !== undefined) lines.push(`${year}-${String((year + 1) % 100).padStart(2, '0')},${laCode},${held.takenOn},${held.completions}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The LA's school survey for the academic years starting in `years`: every school with pupils on roll that year
 * answers, and exactly the calibrated share (rounded) answer Y, chosen by a shuffle seeded by the build's seed and year.
 */
export function schoolSurveyFile(
  laCode: string,
  years: readonly number[],
  schoolsByYear: (period: string) => readonly { urn: string; name: string }[],
  seed: number,
): string {
  const lines = ['academic_year,la_code,urn,school_name,apprenticeship_taken_up'];
  for (const year of years) {
    const percent = schoolsWithApprenticeshipPercent[year];
    if (percent === undefined) continue;
    const period = academicYearCode(year);
    const schools = [...schoolsByYear(period)].sort((a, b) => a.urn.localeCompare(b.urn));
    const random = seededRandom(seed * 31 + year);
    const order = schools.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const yes = new Set(order.slice(0, Math.round((percent * schools.length) / 100)));
    schools.forEach((s, i) => lines.push([academicYearLabel(period), laCode, s.urn, s.name, yes.has(i) ? 'Y' : 'N'].map(csvField).join(',')));
  }
  return `${lines.join('\n')}\n`;
}

/** The columns of the DfE's FE and apprenticeship starts file as the demo writes it (src/imports/employment/fe-skills-starts.ts). */
export const feStartsHeader = [
  'time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name', 'region_code', 'region_name',
  'new_la_code', 'old_la_code', 'la_name', 'provision_type', 'ssa_t1_desc', 'level_or_type', 'age_group', 'starts',
] as const; // prettier-ignore

/** A count as the DfE writes it: rounded to the nearest 10 (half up), "low" for fewer than 5 but not none. */
const dfeCount = (raw: number) => (raw > 0 && raw < 5 ? 'low' : String(10 * Math.round(raw / 10)));

/**
 * The LA's FE and apprenticeship starts for the academic years starting in `years`: for each sector subject area (tier
 * 1), apprenticeships by level and age (Under 19, 19-24, 25+ and their Total) and adult education and training by level
 * and age (19-24, 25+, Total), each cell the calibrated starts × the area's share × the level's share, rounded as the
 * DfE rounds. The LA's own rows only (no England or region rows: target 35 is judged on the LA's change alone).
 */
export function feStartsFile(la: Readonly<{ code: string; onsCode: string; name: string; regionCode: string }>, years: readonly number[]): string {
  const lines: string[] = [feStartsHeader.join(',')];
  const shortageTotal = Object.values(shortageAreaWeights).reduce((a, b) => a + b, 0);
  const otherTotal = Object.values(otherAreaWeights).reduce((a, b) => a + b, 0);
  for (const year of years) {
    const starts = kentVocationalStarts[year];
    if (starts === undefined) continue;
    const areaShare = (area: string) =>
      area in shortageAreaWeights
        ? (starts.shortageShare * shortageAreaWeights[area]!) / shortageTotal
        : ((1 - starts.shortageShare) * (otherAreaWeights[area] ?? 0)) / otherTotal;
    const place = [
      academicYearCode(year),
      'Academic year',
      'Local authority',
      englandPlace.code,
      'England',
      la.regionCode,
      regions.find((r) => r.code === la.regionCode)?.name ?? '',
      la.onsCode,
      la.code,
      la.name,
    ];
    const provisions = [
      [
        'Apprenticeships',
        apprenticeshipLevelShares,
        [
          ['Under 19', starts.apprenticeships[0]],
          ['19-24', starts.apprenticeships[1]],
          ['25+', starts.apprenticeships[2]],
        ],
      ],
      [
        'Education and training',
        educationAndTrainingLevelShares,
        [
          ['19-24', starts.educationAndTraining[0]],
          ['25+', starts.educationAndTraining[1]],
        ],
      ],
    ] as const;
    for (const [provision, levelShares, ages] of provisions)
      for (const area of ssaTier1)
        for (const [level, levelShare] of Object.entries(levelShares)) {
          const cells = ages.map(([age, total]) => [age, total * areaShare(area) * levelShare] as const);
          for (const [age, raw] of [...cells, ['Total', cells.reduce((a, [, n]) => a + n, 0)] as const])
            lines.push([...place, provision, area, level, age, dfeCount(raw)].map(csvField).join(','));
        }
  }
  return `${lines.join('\n')}\n`;
}

/** The LA's supported employment return for the academic years starting in `years`: one row per type it counted that year. */
export function supportedEmploymentFile(laCode: string, years: readonly number[]): string {
  const lines = ['academic_year,la_code,opportunity_type,taken_up'];
  for (const year of years)
    for (const [type, count] of Object.entries(kentSupportedEmployment[year] ?? {}))
      lines.push([academicYearLabel(academicYearCode(year)), laCode, type, String(count)].join(','));
  return `${lines.join('\n')}\n`;
}
