import type {
  AccuracyRow,
  AreaMembership,
  BandPosition,
  ByYearGroup,
  CommissioningNeed,
  ForecastRatios,
  ForecastRun,
  HousingSite,
  PlannedChange,
  PlanningArea,
  PlanningPhase,
  ScapExportRow,
  SurplusSummary,
} from '../../domain/place-planning/place-planning.ts';

/**
 * What the place-planning pages show (issue 17.8), as the planning service returns it: plain data, every figure
 * unrounded (pages round once, at display). A period's `source` says whether its pupils are the census that happened
 * or a forecast.
 */

export type PlaceRef = Readonly<{ code: string; name: string }>;

/** Surplus for one phase and period, with where the rate sits against the band (null when there is no rate). */
export type SurplusYear = Readonly<{ period: string; source: 'census' | 'forecast'; surplus: SurplusSummary; band: BandPosition | null }>;

/** The DfE's published forecast accuracy for an LA (school places scorecards), per cent as published, null = not given. */
export type PublishedAccuracy = Readonly<{
  period: string;
  phase: PlanningPhase;
  place: PlaceRef;
  oneYear: number | null;
  threeYear: number | null;
}>;

export type AreaSummary = Readonly<{
  area: PlanningArea;
  district: PlaceRef | null;
  schools: number;
  /** The latest census period's surplus. */
  latest: SurplusYear | null;
  /** The furthest forecast period's surplus, from the latest forecast run. */
  furthest: SurplusYear | null;
  /** The largest forms of entry needed in any forecast period, and the first period places are needed (null if none). */
  formsOfEntryNeeded: number;
  firstPeriodShort: string | null;
}>;

export type PlanningOverview = Readonly<{
  la: PlaceRef;
  band: Readonly<{ min: number; max: number }>;
  latestCensus: string | null;
  run: ForecastRun | null;
  /** The LA's surplus by phase: census years held, then the latest run's forecast years. */
  byPhase: readonly Readonly<{ phase: PlanningPhase; years: readonly SurplusYear[] }>[];
  areas: readonly AreaSummary[];
  /** The latest run's LA-level backtest error by phase and years ahead: mean absolute and the latest scored. */
  accuracy: readonly Readonly<{ phase: PlanningPhase; yearsAhead: number; meanAbsolute: number | null; scored: number; latest: AccuracyRow | null }>[];
  published: readonly PublishedAccuracy[];
}>;

/** Children and places at the point of entry in an area's latest admission round (admissions records, issue 16). */
export type AdmissionsPressure = Readonly<{
  roundId: number;
  entryYear: number;
  phase: PlanningPhase;
  /** Published admission numbers of the area's schools in the round. */
  admissionNumber: number;
  /** Children naming one of the area's schools first, and at any preference. */
  firstPreferences: number;
  applicants: number;
  offered: number;
  vacancies: number;
  /** Offers the LA allocated into the area's schools because none of the child's preferences could be met. */
  allocatedInto: number;
  /** Children living in the area's district who were allocated a school they did not name, or none. */
  allocatedFromDistrict: number | null;
  /** Preferences naming schools in the area by children whose home LA is another (cross-border in), and children of the area's district naming schools in other LAs (cross-border out). */
  crossBorderIn: number;
  crossBorderOut: number | null;
  /** Whether the round has been allocated: before offer day the offer counts are 0 and the page says "not allocated yet". */
  allocated: boolean;
}>;

export type AreaSchool = Readonly<{
  urn: string;
  name: string;
  membership: AreaMembership;
  /** SCAP capacity (share applied) and admission number in the latest census period. */
  capacity: number | null;
  admissionNumber: number | null;
  pupils: number | null;
  unfilled: number | null;
  excess: number | null;
  /** The school's forecast entry cohort in the first forecast period (share applied). */
  forecastEntry: number | null;
}>;

export type AreaYear = SurplusYear &
  Readonly<{
    pupils: ByYearGroup;
    total: number;
    /** The range past forecasts of the method missed by this many years ahead, as actual pupils (forecast ÷ (1 + max over), forecast ÷ (1 + max under)), null for census years or without a backtest. */
    errorBand: Readonly<{ low: number; high: number }> | null;
  }>;

export type AreaView = Readonly<{
  area: PlanningArea;
  district: PlaceRef | null;
  la: PlaceRef;
  band: Readonly<{ min: number; max: number }>;
  run: ForecastRun | null;
  ratios: ForecastRatios | null;
  years: readonly AreaYear[];
  schools: readonly AreaSchool[];
  /** The changes to the area's schools (wherever recorded) and new schools planned in it; `placesAdded` is the change's effect in `effectPeriod`. */
  changes: readonly (PlannedChange & Readonly<{ placesAdded: number; effectPeriod: string }>)[];
  needs: readonly CommissioningNeed[];
  housing: readonly (HousingSite & Readonly<{ dwellings: number; pupilsYielded: number }>)[];
  admissions: AdmissionsPressure | null;
  /** The method's past error for this area (backtest), by years ahead. */
  accuracy: readonly AccuracyRow[];
}>;

export type CommissioningView = Readonly<{
  la: PlaceRef;
  band: Readonly<{ min: number; max: number }>;
  run: ForecastRun | null;
  needs: readonly (CommissioningNeed & Readonly<{ area: PlanningArea }>)[];
  changes: readonly (PlannedChange & Readonly<{ placesAdded: number; effectPeriod: string; area: PlanningArea }>)[];
}>;

export type AccuracyView = Readonly<{
  la: PlaceRef;
  /** Every backtest row, LA and area level, one and three years ahead. */
  rows: readonly AccuracyRow[];
  /** By phase and years ahead at LA level: mean absolute error, and how far outside ±2% (0 when within). */
  summary: readonly Readonly<{ phase: PlanningPhase; yearsAhead: number; meanAbsolute: number | null; worst: number | null; beyondTypical: number | null }>[];
  /** The DfE-published accuracy of every LA held (scorecards), for the distribution the page sets the method beside. */
  published: readonly PublishedAccuracy[];
}>;

export type ScapExport = Readonly<{ la: PlaceRef; run: ForecastRun | null; rows: readonly ScapExportRow[] }>;
