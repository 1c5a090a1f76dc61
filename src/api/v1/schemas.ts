import { z } from 'zod';
import { collections } from '../../domain/pupils/pupil-record.ts';
import { riskBands, type RiskBand } from '../../domain/schools/risk.ts';
import { watchListSorts, watchListStatuses } from '../../domain/schools/watch-list.ts';
import type { PlaceChoice, TableQuery } from '../../domain/tables/built-table.ts';

/** The API's query and response shapes: one source for validation and for the OpenAPI document. */

export const observationQuery = z
  .object({
    indicator: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'an indicator code, e.g. ks2-expected-rwm')
      .optional(),
    place: z.string().min(1).max(20).optional().describe('A place code: E92000001 (England), an ONS region or district code, a DfE LA code (886), a URN'),
    placeKind: z.enum(['country', 'region', 'la', 'district', 'grouping', 'trust', 'federation', 'sponsor', 'neighbour_group', 'school']).optional(),
    period: z
      .string()
      .regex(/^\d{4}(\d{2})?$/, 'a DfE time_period: 201516 for 2015/16, 2016 for a calendar year')
      .optional(),
    breakdown: z
      .string()
      .max(60)
      .regex(/^[a-z0-9][a-z0-9:+._-]*$/, 'a breakdown code, e.g. all, fsm or gender:female')
      .optional(),
    dataVersion: z.enum(['provisional', 'revised', 'final']).optional(),
    basis: z
      .enum(['published', 'computed', 'roll-up'])
      .optional()
      .describe(
        'published (from a file), computed (here: from pupil records, from school facts such as Ofsted judgements, or as a sum of the areas a file gives, e.g. a county’s births from its districts; see detail.rule) or roll-up (school figures rolled up by location, never the published LA figure). Default: published and computed',
      ),
    population: z
      .enum(['state-funded', 'state-funded-mainstream', 'all-schools'])
      .optional()
      .describe('The schools a roll-up counts: state-funded (the default, as DfE LA figures), state-funded-mainstream or all-schools'),
    source: z
      .string()
      .regex(/^[a-z0-9:-]{1,80}$/, 'an import format, e.g. lait-data or mapped-csv:dfe-exclusions-by-la, or all')
      .optional()
      .describe(
        "The publication whose figures to give (an import format such as lait-data or mapped-csv:dfe-exclusions-by-la), or all. Default: each cell's figure by Waymark's precedence (published before computed, final before revised, the more precise publication, the later import), naming the others in otherSources",
      ),
    limit: z.coerce.number().int().min(1).max(5000).optional(),
  })
  .strict();

const disclosureKind = z
  .enum(['public', 'la-officer', 'in-scope'])
  .describe(
    "How the figures were disclosed: public (GSS suppression and rounding), la-officer (true values: an LA-wide role), in-scope (true values at the places the signed-in reader's roles reach, public figures elsewhere)",
  );
const symbol = z.enum(['c', 'x', 'z', 'low']).nullable().describe('DfE symbol: c suppressed, x not available, z not applicable, low rounds to zero');

export const observationRow = z.object({
  indicator: z.string(),
  place: z.object({ kind: z.string(), code: z.string(), name: z.string() }),
  period: z.string(),
  breakdown: z.string(),
  dataVersion: z.enum(['provisional', 'revised', 'final']),
  value: z.number().nullable().describe('Rounded as published; null when a symbol stands in its place'),
  symbol,
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  decimalPlaces: z.number().int(),
  suppression: z.enum(['source', 'primary', 'secondary']).nullable(),
  basis: z.enum(['published', 'computed', 'roll-up']),
  source: z.string().describe("The publication a published figure came from (its import format); '' for figures made here"),
  otherSources: z.array(z.string()).describe('Other publications that give the same cell (ask for one with source=)'),
  detail: z
    .union([
      z.object({
        schools: z.number().int(),
        pupils: z.number().optional(),
        schoolsWithoutFigure: z.number().int(),
        population: z.enum(['state-funded', 'state-funded-mainstream', 'all-schools']).optional(),
        method: z.string(),
      }),
      z.object({ rule: z.string(), pupilBatch: z.number().int(), pupils: z.number().int().optional() }),
      z.object({
        rule: z.string(),
        schools: z.number().int(),
        judged: z.number().int().optional(),
        asAt: z.string().optional(),
        below: z.number().int().optional(),
        undecided: z.number().int().optional(),
        pupils: z.number().optional(),
      }),
      z.object({ rule: z.string(), areas: z.number().int() }),
      z.object({ rule: z.string() }).catchall(z.union([z.number(), z.string(), z.array(z.string()), z.record(z.string(), z.number())])),
    ])
    .nullable()
    .describe(
      "A roll-up's coverage and method; a computed figure's rule for its year, pupil-file batch and pupils covered; for a figure computed from school facts (Ofsted outcomes, floor standards), its rule and the schools behind it; or, for a sum of areas a file gives (a county's births from its districts, England's from every area), its rule and the areas summed",
    ),
  provenance: z.object({ batchId: z.number().int(), file: z.string(), format: z.string(), line: z.number().int().nullable() }),
});

export const observationsResponse = z.object({ disclosure: disclosureKind, count: z.number().int(), observations: z.array(observationRow) });

export const indicatorRow = z.object({
  code: z.string(),
  title: z.string(),
  unit: z.enum(['percent', 'count', 'rate', 'average_score', 'points', 'band']),
  decimalPlaces: z.number().int(),
  polarity: z.enum(['higher_is_better', 'lower_is_better', 'none']),
  periodType: z.enum(['academic', 'financial', 'calendar']),
  source: z.string(),
  methodology: z.string(),
  successor: z.string().nullable(),
  lait: z.string().nullable(),
});

export const indicatorsResponse = z.object({ count: z.number().int(), indicators: z.array(indicatorRow) });

const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A pupil group nobody precomputed, answered live from the pupil records (any combination of conditions). */
export const pupilGroupQuery = z
  .object({
    collection: z.enum(collections).describe('The pupil records asked: eyfs, ks1, ks2, ks4, post16 (post-16 learners) or census (absence and exclusions)'),
    period: z.string().regex(/^\d{6}$/, 'an academic year time_period, e.g. 201112'),
    dataVersion: z.enum(['provisional', 'revised', 'final']).optional(),
    placeKind: z.enum(['country', 'region', 'la', 'district', 'grouping', 'school']),
    place: z.string().min(1).max(20),
    fsm: yesNo.optional(),
    disadvantaged: yesNo.optional(),
    sen: z.enum(['N', 'K', 'E']).optional().describe('N no SEN, K SEN support, E statement or EHC plan'),
    inCare: yesNo.optional(),
    gender: z.enum(['F', 'M']).optional(),
    ethnicity: z.enum(['white', 'mixed', 'asian', 'black', 'chinese', 'other', 'unclassified']).optional(),
    eal: yesNo.optional(),
  })
  .strict();

export const pupilGroupResponse = z.object({
  disclosure: disclosureKind,
  breakdown: z.string().describe("The group's label, e.g. fsm+sen-support+gender:female"),
  pupils: z.number().int().nullable().describe('Pupils in the group (null when the number is small enough to be hidden)'),
  figures: z.array(
    z.object({
      indicator: z.string(),
      title: z.string(),
      rule: z.string(),
      value: z.number().nullable(),
      symbol,
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      decimalPlaces: z.number().int(),
      suppression: z.enum(['source', 'primary', 'secondary']).nullable(),
    }),
  ),
});

const status = z.enum(['met', 'on_track', 'off_track', 'not_yet_due', 'no_data']);
/** A rule's status: a target's, or not comparable with the year's measure (a relative-only successor's year). */
const ruleStatus = z.enum([...status.options, 'not_comparable']);

export const frameworksResponse = z.object({
  frameworks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      la: z.string(),
      years: z.object({ from: z.number().int(), to: z.number().int() }),
      targets: z.number().int(),
    }),
  ),
});

export const evaluationQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).describe('The framework year: 2014 is the 2013/14 academic year'),
    place: z.string().min(1).max(20).optional().describe("The framework's LA (default) or one of its districts, by ONS code"),
  })
  .strict();

export const evaluationResponse = z.object({
  disclosure: disclosureKind,
  framework: z.string(),
  year: z.number().int(),
  place: z.object({ kind: z.string(), code: z.string(), name: z.string() }),
  counts: z.record(status, z.number().int()),
  targets: z.array(
    z.object({
      id: z.string(),
      number: z.number().int().nullable(),
      priority: z.string(),
      title: z.string(),
      indicator: z.string().nullable(),
      /** The indicator measuring the year (a successor where the DfE replaced the target's), null where none does. */
      measure: z.string().nullable(),
      breakdown: z.string(),
      status,
      reason: z.string(),
      value: z.number().nullable(),
      trajectory: z.number().nullable(),
      rules: z.array(z.object({ kind: z.string(), status: ruleStatus, reason: z.string() })),
      rationale: z.string().nullable(),
    }),
  ),
});

export const targetHistoryResponse = z.object({
  disclosure: disclosureKind,
  target: z.string(),
  versions: z.array(
    z.object({
      framework: z.string(),
      version: z.string(),
      title: z.string(),
      wording: z.string(),
      indicator: z.string().nullable(),
      baseline: z.object({ year: z.number().int(), value: z.number().nullable() }).nullable(),
      rationale: z.string().nullable(),
      years: z.array(z.object({ year: z.number().int(), status, reason: z.string(), value: z.number().nullable(), trajectory: z.number().nullable() })),
    }),
  ),
});

/** Who the API answers as: the owner of the token (or the session) the request came with, and their roles. */
export const meResponse = z.object({
  username: z.string(),
  displayName: z.string(),
  via: z.enum(['token', 'session']),
  roles: z.array(
    z.object({
      role: z.string(),
      place: z.object({ kind: z.string(), code: z.string(), name: z.string() }).nullable().describe('null: LA-wide'),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      inForce: z.boolean(),
    }),
  ),
});

const shown = z.object({ value: z.number().nullable(), symbol, decimalPlaces: z.number().int() });
const gap = z.object({ points: z.number().nullable(), behind: z.boolean().nullable(), description: z.string() });

/** A place's dashboard (issue 19.1): the LA, a district or a grouping, as its page shows it. */
export const dashboardResponse = z.object({
  disclosure: z.string(),
  place: z.object({ kind: z.enum(['la', 'district', 'grouping']), code: z.string(), name: z.string() }),
  la: z.object({ code: z.string(), name: z.string() }),
  framework: z
    .object({
      id: z.string(),
      name: z.string(),
      year: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
      offTrack: z.array(z.object({ id: z.string(), number: z.number().int().nullable(), title: z.string(), status: z.string(), reason: z.string() })),
    })
    .nullable()
    .describe("The LA's framework in the latest year with figures, evaluated for this place"),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      title: z.string(),
      unit: z.string(),
      period: z.string().describe('The latest period (academic or calendar year) the place has a figure for'),
      place: shown,
      previous: z.object({ period: z.string(), shown }).nullable(),
      change: z.object({ points: z.number(), direction: z.enum(['better', 'worse', 'same', 'changed']) }).nullable(),
      newMeasure: z.string().nullable(),
      series: z.array(z.object({ period: z.string(), value: z.number() })),
      overTime: z
        .array(
          z.object({
            period: z.string(),
            place: shown.nullable(),
            la: shown.nullable(),
            england: shown.nullable(),
            breakBefore: z.object({ period: z.string(), note: z.string() }).nullable(),
          }),
        )
        .describe(
          "Every year the place has a figure, with its LA's (a district or grouping) and England's, and the change in the measure since the year before",
        ),
      england: shown.nullable(),
      region: shown.nullable(),
      la: shown.nullable().describe("A district's or grouping's LA; null for the LA itself"),
      neighbours: z.number().nullable().describe("The LA's statistical neighbours' average (the LA only)"),
      rank: z.object({ rank: z.number().int(), of: z.number().int() }).nullable(),
      band: z.enum(['A', 'B', 'C', 'D']).nullable(),
    }),
  ),
  gaps: z.array(z.object({ indicator: z.string(), title: z.string(), period: z.string(), group: shown, within: gap, national: gap })),
  schools: z.object({
    count: z.number().int(),
    ofsted: z.object({
      byGrade: z.record(z.string(), z.number().int()),
      noGrade: z.number().int(),
      specialMeasures: z.number().int(),
      seriousWeaknesses: z.number().int(),
      total: z.number().int(),
      goodOrOutstanding: z.number().nullable(),
    }),
    belowFloor: z.array(z.object({ urn: z.string(), name: z.string(), label: z.string() })),
    floorJudged: z.number().int(),
    highestRisk: z.array(z.object({ urn: z.string(), name: z.string(), score: z.number() })),
    declining: z.array(z.object({ urn: z.string(), name: z.string(), title: z.string() })),
    asAt: z.string(),
  }),
});

/** '' is no value: a form's empty select or an address's `band=`. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/**
 * The watch list's filters, sort and page (issue 19 item 5), read the same by the page (`/watch-list`) and the API, so
 * both list the same schools. Bands come as `band=high&band=medium` (the form's checkboxes) or `band=high,medium`.
 */
export const watchListQuery = z.object({
  la: unsetIfEmpty(
    z
      .string()
      .regex(/^\d{3}$/, 'a DfE LA code of three digits, e.g. 886')
      .default('886'),
  ),
  district: unsetIfEmpty(
    z
      .string()
      .regex(/^[A-Z0-9]{3,12}$/, 'an ONS district code, e.g. E07000114')
      .optional(),
  ),
  phase: unsetIfEmpty(z.enum(['primary', 'secondary']).optional()),
  status: unsetIfEmpty(z.enum(watchListStatuses).optional()),
  band: z.preprocess(
    (v) =>
      v === undefined
        ? []
        : [v]
            .flat()
            .flatMap((b) => (typeof b === 'string' ? b.split(',') : [b]))
            .filter((b) => b !== ''),
    z
      .array(z.string())
      .refine((bands) => bands.every((b) => (riskBands as readonly string[]).includes(b)), `each one of ${riskBands.join(', ')}`)
      .transform((bands) => [...new Set(bands)] as RiskBand[]),
  ),
  sort: unsetIfEmpty(z.enum(watchListSorts).default('risk')),
  page: unsetIfEmpty(
    z
      .string()
      .regex(/^(all|[1-9]\d{0,5})$/, 'a page number from 1, or all')
      .default('1')
      .transform((p) => (p === 'all' ? ('all' as const) : Number(p))),
  ),
});

const watchListSchool = z.object({
  urn: z.string(),
  name: z.string(),
  phase: z.enum(['primary', 'secondary']),
  district: z.object({ code: z.string(), name: z.string() }).nullable().describe('null: not placed in a district of the LA'),
  riskScore: z.number().int().describe('The sum of the components’ points'),
  band: z.enum(riskBands).describe('high 40 or more, medium 20-39, low 1-19, none 0 (ADR 0008)'),
  components: z.array(z.object({ label: z.string(), points: z.number().int(), reason: z.string() })),
  declining: z.boolean().describe('Any headline trend significantly declining or rapidly declining'),
  ofsted: z
    .object({
      grade: z.number().int().min(1).max(4),
      label: z.string(),
      category: z.enum(['special-measures', 'serious-weaknesses', 'notice-to-improve']).nullable(),
      inspectedOn: z.string(),
      carried: z.boolean().describe("The predecessor school's judgement, carried until the school's own inspection"),
      concern: z.boolean().describe('Requires improvement (satisfactory before September 2012), inadequate or a category of concern'),
    })
    .nullable()
    .describe('The current judgement, null where no graded inspection is held'),
  floor: z
    .object({
      period: z.string(),
      label: z.string(),
      below: z.boolean().nullable().describe('null: cannot be decided from the figures held'),
      failed: z.array(z.string()),
    })
    .nullable()
    .describe('The floor standard in the latest year held, null where it does not apply or the school was not judged'),
  coasting: z
    .object({
      period: z.string(),
      label: z.string(),
      coasting: z.boolean().nullable().describe('null: cannot be decided from the figures held'),
      reason: z.string(),
    })
    .nullable()
    .describe(
      'The coasting definition of 2016-2018 (below the coasting level three years running) in the latest year held, null where that year is not one of 2016-2018 or the school was not judged',
    ),
});

/** The watch list as the page lists it: the schools meeting the filter, one page or all, with the total and the pages. */
export const watchListResponse = z.object({
  la: z.object({ code: z.string(), name: z.string() }),
  asAt: z.string().describe('The date the schools were assessed on'),
  filter: z.object({
    district: z.string().nullable(),
    phase: z.enum(['primary', 'secondary']).nullable(),
    status: z.enum(watchListStatuses).nullable(),
    bands: z.array(z.enum(riskBands)),
    sort: z.enum(watchListSorts),
  }),
  total: z.number().int().describe('Schools meeting the filter, on every page'),
  page: z.union([z.number().int(), z.literal('all')]),
  pages: z.number().int(),
  pageSize: z.number().int(),
  count: z.number().int().describe('Schools on this page'),
  schools: z.array(watchListSchool),
});

/** A repeatable parameter (`indicator=a&indicator=b`, or `indicator=a,b`) as a list of distinct values, in order. */
const repeated = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined
        ? []
        : [
            ...new Set(
              [v]
                .flat()
                .flatMap((x) => (typeof x === 'string' ? x.split(',') : [x]))
                .filter((x) => x !== ''),
            ),
          ],
    z.array(item),
  );

const periodCode = z.string().regex(/^\d{4}(\d{2})?$/, 'a year code such as 201415 (2014/15) or 2015');

/**
 * The table builder's choices (issue 19.2), the same for the page (step by step: each step adds its parameter) and the
 * API: `indicator`, `place` (kind:code, e.g. la:886), `from` and `to` (year codes), `group` (pupil group codes).
 */
export const tableChoicesQuery = z.object({
  indicator: repeated(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'an indicator code such as ks2-level4-rwm')),
  place: repeated(
    z
      .string()
      .regex(/^(country|region|la|district|grouping|school):[A-Za-z0-9]{1,12}$/, 'a place as kind:code, e.g. la:886')
      .transform((p) => p as PlaceChoice),
  ),
  from: unsetIfEmpty(periodCode.optional()),
  to: unsetIfEmpty(periodCode.optional()),
  group: repeated(z.string().regex(/^[a-z0-9][a-z0-9:+._-]{0,79}$/, 'a pupil group code such as all, fsm or gender:female')),
});

export type TableChoices = z.output<typeof tableChoicesQuery>;

/** Choices complete enough to build tables from: at least one of each, and both ends of the years. */
export function completeTableQuery(c: TableChoices): TableQuery | null {
  if (c.indicator.length === 0 || c.place.length === 0 || c.from === undefined || c.to === undefined || c.group.length === 0) return null;
  return { indicators: c.indicator, places: c.place, from: c.from, to: c.to, groups: c.group };
}
