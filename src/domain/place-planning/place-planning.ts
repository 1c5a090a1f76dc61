/**
 * School place planning (issue 17; domain.md §12): the records an LA plans places from, and the shapes of what its
 * rules produce, as plain data. The method is the one the DfE's SCAP guidance describes (Guide to forecasting pupil
 * numbers in school place planning, 2014): check past accuracy; Reception from births by an intake ratio; Year 7 from
 * Year 6 by a transfer ratio; every other year group by cohort survival ratios averaged over recent years; then pupils
 * from new housing by phase and tenure, phased by build-out. Forecasts run five years ahead for primary and seven for
 * secondary, by planning area (LA-defined groups of schools), school and LA. Surplus (unfilled) places are counted
 * school by school and summed only where positive; pupils over capacity are counted apart and never offset another
 * school's surplus.
 *
 * Periods are academic-year codes ('201314' = 2013/14). A census period's rolls are the January census of that year;
 * its capacity is the SCAP capacity (net capacity as at 1 May of that academic year). Births are ONS mid-year figures
 * (`year` = births in the twelve months to 30 June of that year), the births of the cohort that starts Reception in
 * September four years later (births to mid-2009 start Reception in September 2013, period '201314').
 */

export type PlanningPhase = 'primary' | 'secondary';

/** National curriculum year groups a phase's places are planned for (SCAP: primary Reception-Year 6, secondary Year 7-13). */
export type YearGroup = 'R' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12' | '13';

export const phaseYearGroups: Readonly<Record<PlanningPhase, readonly YearGroup[]>> = {
  primary: ['R', '1', '2', '3', '4', '5', '6'],
  secondary: ['7', '8', '9', '10', '11', '12', '13'],
};

/** The year group a phase admits into (the point of entry): Reception or Year 7. */
export const entryYearGroup: Readonly<Record<PlanningPhase, YearGroup>> = { primary: 'R', secondary: '7' };

/** Years ahead a forecast runs (SCAP: five for primary, seven for secondary). */
export const forecastHorizon: Readonly<Record<PlanningPhase, number>> = { primary: 5, secondary: 7 };

/** One form of entry: 30 places a year group (the infant class size limit; the planning convention). */
export const placesPerFormOfEntry = 30;

/** Pupils (or places) by year group; a missing year group is none. Values may be fractional in forecasts. */
export type ByYearGroup = Readonly<Partial<Record<YearGroup, number>>>;

/**
 * A planning area: an LA-defined group of schools of one phase, dated. A primary area names the secondary area its
 * Year 6 pupils mostly transfer to (`feedsArea`), which the Year 7 forecast reads.
 */
export type PlanningArea = Readonly<{
  code: string;
  name: string;
  laCode: string;
  phase: PlanningPhase;
  /** The ONS code of the district the area lies in (its births, and target 29 by district), null if it spans districts. */
  districtCode: string | null;
  /** Primary areas only: the secondary planning area its Year 6 pupils feed. */
  feedsArea: string | null;
  /** 'YYYY-MM-DD', null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
}>;

/**
 * A school in a planning area, dated. `share` is the fraction of the school's places and pupils on this site: 1 for a
 * school on one site; a split-site school is in two areas with shares summing to 1 (SCAP, since 2022).
 */
export type AreaMembership = Readonly<{ areaCode: string; urn: string; share: number; validFrom: string | null; validTo: string | null }>;

/** A school's SCAP capacity for one academic year: net capacity by year group and its published admission number. */
export type CapacityRecord = Readonly<{
  urn: string;
  period: string;
  phase: PlanningPhase;
  /** Places by year group (net capacity, DfES 2002 method); their sum is the school's net capacity for the phase. */
  places: ByYearGroup;
  /** Published admission number at the point of entry, null if not given. */
  admissionNumber: number | null;
}>;

export type PlannedChangeKind =
  /** A permanent expansion: the admission number rises by `entryPlaces` from `fromPeriod`. */
  | 'expansion'
  /** A one-off bulge class of `entryPlaces` extra places in the entry year group of `fromPeriod`, which moves up the school. */
  | 'bulge'
  /** A new school opening in `fromPeriod` with an admission number of `entryPlaces`. */
  | 'new-school'
  /** A permanent reduction of the admission number by `entryPlaces` (a positive number) from `fromPeriod`. */
  | 'reduction'
  /** The school closes at the end of the academic year before `fromPeriod`: its places go. */
  | 'closure';

/**
 * A planned change to places, dated by the academic year it first applies to. `phasing` says how a permanent change
 * reaches the school's other year groups: `whole-school` (the building's capacity changes at once: every year group
 * of the phase by `entryPlaces`) or `year-by-year` (only the entry year group at first, then one more year group each
 * year as the larger cohort moves up, as a school that expands or opens from Reception fills).
 */
export type PlannedChange = Readonly<{
  code: string;
  laCode: string;
  areaCode: string;
  /** The school changed; null for a new school not yet on the register. */
  urn: string | null;
  schoolName: string;
  phase: PlanningPhase;
  kind: PlannedChangeKind;
  entryPlaces: number;
  phasing: 'whole-school' | 'year-by-year';
  fromPeriod: string;
  status: 'proposed' | 'approved' | 'delivered' | 'withdrawn';
  description: string;
}>;

export type Tenure = 'market' | 'affordable';

/** Dwellings completed on a housing site in one academic year (the year the families move in), by tenure. */
export type Completions = Readonly<{ period: string; market: number; affordable: number }>;

/** A housing site with its build-out, in one planning area of each phase it yields pupils for. */
export type HousingSite = Readonly<{
  code: string;
  name: string;
  laCode: string;
  /** The primary and the secondary planning area the site's pupils would attend. */
  primaryArea: string | null;
  secondaryArea: string | null;
  completions: readonly Completions[];
}>;

/** Pupils per new dwelling, by phase and tenure (the LA's published yields), spread evenly over the phase's year groups. */
export type PupilYields = Readonly<Record<PlanningPhase, Readonly<Record<Tenure, number>>>>;

/** Births by ONS mid-year (births in the twelve months to 30 June of the year), for one district. */
export type BirthsByYear = Readonly<Record<number, number>>;

/** The choices a forecast is made with, kept with it and shown on the page. */
export type ForecastMethod = Readonly<{
  /** Survival, intake and transfer ratios are the mean of the last this-many years' ratios (SCAP guide example: 3). */
  yearsAveraged: number;
  /** Births after the last year held are taken to stay at that year's figure. */
  birthsBeyondHeld: 'hold-last';
  yields: PupilYields;
  /** The surplus band places are planned to (Kent: 5-7%); places needed keep at least `min` per cent spare. */
  surplusBand: Readonly<{ min: number; max: number }>;
}>;

/**
 * What one planning area's forecast is made from: its rolls by year group for the census periods held up to the base
 * period (a split-site school's pupils counted by its share), and for a primary area the births of its district; for a
 * secondary area the Year 6 rolls of the primary areas that feed it (summed).
 */
export type AreaForecastInput = Readonly<{
  area: PlanningArea;
  /** The latest census period the forecast starts from ('201516'): its rolls are the last actual figures. */
  basePeriod: string;
  /** Area rolls by census period ('201213' → by year group), including the base period. */
  rolls: Readonly<Record<string, ByYearGroup>>;
  /** Primary: births of the area's district by mid-year. */
  births: BirthsByYear | null;
  /** Secondary: the Year 6 roll of the primary areas feeding this area, by census period. */
  feederYear6: Readonly<Record<string, number>> | null;
  /** Housing sites yielding pupils for this area (by the area's phase). */
  housing: readonly HousingSite[];
}>;

/** The ratios a forecast used, each the mean over `yearsAveraged` years (null where there was not one year to average). */
export type ForecastRatios = Readonly<{
  /** Primary: Reception on roll ÷ births of the cohort's mid-year (four years before the September it starts). */
  intake: number | null;
  /** Secondary: Year 7 on roll ÷ the feeding areas' Year 6 the year before. */
  transfer: number | null;
  /** Year group g+1 in period p ÷ year group g in period p-1, keyed by the year group moved into. */
  survival: ByYearGroup;
  /** The census periods the ratios were averaged over. */
  periods: readonly string[];
}>;

/** One forecast figure: pupils (unrounded) in a year group of a future period, of which `fromHousing` came from new dwellings. */
export type ForecastCell = Readonly<{ period: string; yearGroup: YearGroup; pupils: number; fromHousing: number }>;

export type AreaForecast = Readonly<{ areaCode: string; phase: PlanningPhase; basePeriod: string; ratios: ForecastRatios; cells: readonly ForecastCell[] }>;

/** A school's share of its area's forecast, year group by year group. */
export type SchoolForecastCell = ForecastCell & Readonly<{ urn: string }>;

/** A forecast as kept: when it was made, by whom, from which census, with which method. */
export type ForecastRun = Readonly<{
  id: number;
  laCode: string;
  /** 'YYYY-MM-DD' the forecast was made (for a backtest: the day it was re-run). */
  madeOn: string;
  madeBy: string;
  basePeriod: string;
  /** `forecast`: the LA's forecast; `backtest`: the method re-run as if in an earlier year, to score it. */
  kind: 'forecast' | 'backtest';
  method: ForecastMethod;
}>;

/** One school's places and pupils for a year (SCAP capacity and the census roll, or a forecast). */
export type SchoolPlaces = Readonly<{ urn: string; capacity: number; pupils: number }>;

/**
 * Surplus as the DfE counts it: `unfilled` = Σ max(0, capacity − pupils) school by school; `excess` = Σ max(0, pupils −
 * capacity), "pupils in places that exceed their school's capacity"; `rate` = unfilled ÷ capacity × 100 (unrounded),
 * null when capacity is 0; `atOrOver` = schools with pupils ≥ capacity.
 */
export type SurplusSummary = Readonly<{
  capacity: number;
  pupils: number;
  unfilled: number;
  excess: number;
  rate: number | null;
  schools: number;
  atOrOver: number;
}>;

export type BandPosition = 'below' | 'within' | 'above';

/**
 * Where and when places are needed: for one area and future period, the forecast entry cohort against the entry places
 * (admission numbers with every planned change in force by then), places needed to keep the band's minimum spare,
 * and forms of entry (rounded up to whole forms).
 */
export type CommissioningNeed = Readonly<{
  areaCode: string;
  period: string;
  forecastEntry: number;
  entryPlaces: number;
  /** Entry places without the planned changes, to show each change's effect. */
  entryPlacesWithoutChanges: number;
  /** Entry places needed beyond those held to keep `surplusBand.min` per cent spare (0 when none). */
  placesNeeded: number;
  formsOfEntryNeeded: number;
  /** Surplus in the whole phase for the area in that period (forecast pupils against capacity with changes). */
  surplus: SurplusSummary;
}>;

/**
 * A forecast scored against the census that followed, by the scorecards' formula: accuracy % = (forecast − actual) ÷
 * actual × 100 (positive = over-forecast), one or three years ahead.
 */
export type AccuracyRow = Readonly<{
  level: 'la' | 'area';
  /** The planning area's code, or the LA's code at LA level. */
  code: string;
  phase: PlanningPhase;
  basePeriod: string;
  period: string;
  yearsAhead: number;
  forecast: number;
  actual: number;
  /** Unrounded per cent; null when actual is 0. */
  accuracy: number | null;
}>;

/** One row of the SCAP-shaped export: a school's capacity and forecast for a period, in its planning area. */
export type ScapExportRow = Readonly<{
  laCode: string;
  areaCode: string;
  areaName: string;
  phase: PlanningPhase;
  urn: string | null;
  schoolName: string;
  /** SCAP capacity in the base period (for a school; the area total on area rows). */
  capacity: number | null;
  admissionNumber: number | null;
  period: string;
  /** Forecast pupils by year group (rounded to whole pupils only when written to the file). */
  pupils: ByYearGroup;
}>;
