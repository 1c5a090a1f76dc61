import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables created by migrations/. Dates travel as 'YYYY-MM-DD' text. */

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ImportBatchTable {
  id: Generated<number>;
  file_name: string;
  file_hash: string;
  format: string;
  data_version: ColumnType<string, string | undefined, string>;
  row_count: number;
  inserted: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  closed: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  skipped: ColumnType<number, number | undefined, number>;
  notes: Json;
  imported_at: Timestamp;
  reader: ColumnType<string | null, string | null | undefined, string | null>;
  version_after: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
}

export interface PlaceTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name: string;
  status: ColumnType<string, string | undefined, string>;
  opened_on: string | null;
  closed_on: string | null;
  attributes: Json;
  batch_id: number | null;
}

export interface PlaceLinkTable {
  id: Generated<number>;
  place_id: number;
  parent_id: number;
  valid_from: string | null;
  valid_to: string | null;
  basis: string;
  batch_id: number | null;
}

export interface SchoolSuccessionTable {
  predecessor_urn: string;
  successor_urn: string;
  reason: string;
  link_type: string;
  linked_on: string | null;
  batch_id: number | null;
}

export interface PostcodeTable {
  postcode: string;
  county_code: string;
  district_code: string;
  ward_code: string | null;
  easting: number | null;
  northing: number | null;
  batch_id: number | null;
}

export interface IndicatorTable {
  code: string;
  title: string;
  unit: string;
  decimal_places: number;
  polarity: string;
  period_type: string;
  source: string;
  methodology: string;
  numerator: string | null;
  denominator: string | null;
  first_period: string | null;
  last_period: string | null;
  successor_code: string | null;
  year_rule: string | null;
  breaks: Json;
  feed: string;
  lait_code: string | null;
  framework_targets: Json;
}

type Numeric = ColumnType<string | null, number | string | null, number | string | null>;

export interface ObservationTable {
  id: Generated<number>;
  indicator_code: string;
  place_id: number;
  period: string;
  breakdown: ColumnType<string, string | undefined, string>;
  value: Numeric;
  numerator: Numeric;
  denominator: Numeric;
  symbol: string | null;
  data_version: string;
  batch_id: number;
  decimal_places: number | null;
  source_line: number | null;
  basis: ColumnType<string, string | undefined, string>;
  detail: ColumnType<unknown, string | null | undefined, string | null>;
  /** Computed from pupil records: hidden from the public ('primary', 'secondary'), or not yet decided ('pending'). */
  public_suppression: ColumnType<string | null, string | null | undefined, string | null>;
  /** A roll-up's school population ('state-funded', 'state-funded-mainstream', 'all-schools'); '' for other figures. */
  population: ColumnType<string, string | undefined, string>;
  /** A published figure's publication (its import format); '' for figures made here. */
  source: ColumnType<string, string | undefined, string>;
}

export interface InspectionTable {
  id: Generated<number>;
  urn: string;
  la_code: string | null;
  school_name: string | null;
  phase: string | null;
  postcode: string | null;
  inspection_number: string | null;
  started_on: string;
  ended_on: string | null;
  inspection_type: string | null;
  overall_grade: number | null;
  grade_note: string | null;
  category: string | null;
  judgements: Json;
  provenance: string;
  source_line: number | null;
  batch_id: number;
}

/** ONS births rows as the file gave them (one per area, sex and year to 30 June), kept until the areas can be placed. */
export interface BirthsRecordTable {
  area_code: string;
  sex: string;
  year: string;
  births: number;
  batch_id: number;
  source_line: number;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** Null for an account that signs in only through the OpenID provider (migration 0014). */
  password_hash: string | null;
  /** Lower-case; what a first single sign-on matches when the provider says it is verified. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  totp_secret: string | null;
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

/** Which account an OpenID provider's user (issuer, subject) signs in as (migration 0014). */
export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: number;
  linked_at: Date;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  place_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
  created_at: Timestamp;
}

export interface WebSessionTable {
  id_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  totp_pending: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface Database {
  app_user: AppUserTable;
  user_identity: UserIdentityTable;
  role_grant: RoleGrantTable;
  web_session: WebSessionTable;
  api_token: ApiTokenTable;
  import_batch: ImportBatchTable;
  place: PlaceTable;
  place_link: PlaceLinkTable;
  school_succession: SchoolSuccessionTable;
  postcode: PostcodeTable;
  indicator: IndicatorTable;
  observation: ObservationTable;
  inspection: InspectionTable;
  audit_event: AuditEventTable;
  births_record: BirthsRecordTable;
  admission_round: AdmissionRoundTable;
  admission_arrangement: AdmissionArrangementTable;
  admission_application: AdmissionApplicationTable;
  admission_preference: AdmissionPreferenceTable;
  admission_offer: AdmissionOfferTable;
  admission_profile: AdmissionProfileTable;
  planning_area: PlanningAreaTable;
  planning_area_member: PlanningAreaMemberTable;
  school_capacity: SchoolCapacityTable;
  school_admission_number: SchoolAdmissionNumberTable;
  planned_place_change: PlannedPlaceChangeTable;
  housing_site: HousingSiteTable;
  housing_completion: HousingCompletionTable;
  forecast_run: ForecastRunTable;
  forecast_cell: ForecastCellTable;
  target_delivery: TargetDeliveryTable;
  release: ReleaseTable;
  release_table: ReleaseTableTable;
  release_pre_release: ReleasePreReleaseTable;
  release_correction: ReleaseCorrectionTable;
  table_permalink: TablePermalinkTable;
  system_leader: SystemLeaderTable;
  support_partnership: SupportPartnershipTable;
}

/** A table builder permalink (migration 0026): the built tables kept whole, with the latest import when they were built. */
export interface TablePermalinkTable {
  id: string;
  created_at: Date;
  query: Json;
  data_version: number | null;
  data_version_at: Date | null;
  tables: Json;
}

/** A release (migration 0027): its plain-text content, where the administrators left it, who did each step and when. */
export interface ReleaseTable {
  id: Generated<number>;
  stage: string;
  title: string;
  summary: string;
  commentary: string;
  methodology: string;
  footnotes: string;
  created_by: number;
  created_at: Timestamp;
  edited_by: number;
  edited_at: Timestamp;
  approved_by: number | null;
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  publish_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  slug: string | null;
  sent_back_by: number | null;
  sent_back_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A release's tables (migration 0027): table builder permalinks, in order (position from 1). */
export interface ReleaseTableTable {
  release_id: number;
  position: number;
  permalink_id: string;
}

/** Who may read a release before it is published (migration 0027). */
export interface ReleasePreReleaseTable {
  release_id: number;
  user_id: number;
  added_by: number;
  added_at: Timestamp;
}

/** A published release's correction note (migration 0027): appended, never changed. */
export interface ReleaseCorrectionTable {
  id: Generated<number>;
  release_id: number;
  note: string;
  recorded_by: number;
  recorded_at: Timestamp;
}

/** A framework target's delivery record (migration 0025): delivered on a date, or a year judged; withdrawn, never deleted. */
export interface TargetDeliveryTable {
  id: Generated<number>;
  framework_id: string;
  target_id: string;
  kind: string;
  on_date: string;
  year: number | null;
  status: string | null;
  evidence: string;
  link: string | null;
  recorded_by: number;
  recorded_at: Date;
  withdrawn_by: number | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}

/** Place planning (migration 0024): a planning area, also a place of kind `grouping` (place_id). */
export interface PlanningAreaTable {
  code: string;
  name: string;
  la_code: string;
  phase: string;
  district_code: string | null;
  feeds_area: string | null;
  valid_from: string | null;
  valid_to: string | null;
  place_id: number;
}

/** A school in a planning area, with the share of its places and pupils on the area's site. `share` is numeric: read as a string. */
export interface PlanningAreaMemberTable {
  area_code: string;
  urn: string;
  share: ColumnType<string, number, number>;
  valid_from: string | null;
  valid_to: string | null;
  batch_id: number | null;
}

export interface SchoolCapacityTable {
  urn: string;
  period: string;
  phase: string;
  year_group: string;
  places: number;
}

export interface SchoolAdmissionNumberTable {
  urn: string;
  period: string;
  phase: string;
  admission_number: number;
}

export interface PlannedPlaceChangeTable {
  code: string;
  la_code: string;
  area_code: string;
  urn: string | null;
  school_name: string;
  phase: string;
  kind: string;
  entry_places: number;
  phasing: string;
  from_period: string;
  status: string;
  description: string;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface HousingSiteTable {
  code: string;
  la_code: string;
  name: string;
  primary_area: string | null;
  secondary_area: string | null;
}

export interface HousingCompletionTable {
  la_code: string;
  site_code: string;
  period: string;
  market: number;
  affordable: number;
}

/** A forecast as kept (the method and each area's ratios as JSON); its cells are in forecast_cell. */
export interface ForecastRunTable {
  id: Generated<number>;
  la_code: string;
  made_on: string;
  made_at: Timestamp;
  made_by: string;
  base_period: string;
  kind: string;
  method: Json;
  ratios: ColumnType<unknown, string | undefined, string>;
}

/** One forecast figure: an area total (urn null) or a school's, pupils unrounded. */
export interface ForecastCellTable {
  run_id: number;
  area_code: string;
  urn: string | null;
  period: string;
  year_group: string;
  pupils: number;
  from_housing: number;
}

/** Coordinated admissions (migration 0022): one round per LA, phase and year of entry. */
export interface AdmissionRoundTable {
  id: Generated<number>;
  la_code: string;
  phase: string;
  entry_year: number;
  preferences_allowed: number;
  closing_date: string;
  offer_day: string;
  allocated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  allocated_by: string | null;
}

/** A school's arrangements for a round, one row per version (the current one is the highest). */
export interface AdmissionArrangementTable {
  id: Generated<number>;
  round_id: number;
  school_place_id: number | null;
  urn: string;
  version: number;
  school_name: string;
  la_code: string;
  admission_number: number;
  admission_authority: string;
  selective: boolean;
  criteria: Json;
  tie_break: Json;
  distance_method: ColumnType<string, string | undefined, string>;
  easting: number | null;
  northing: number | null;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface AdmissionApplicationTable {
  id: Generated<number>;
  round_id: number;
  reference: string;
  given_name: string;
  family_name: string;
  /** Null once anonymised (migration 0023; the year is kept in birth_year). */
  date_of_birth: string | null;
  upn: string | null;
  home_postcode: string | null;
  home_easting: number | null;
  home_northing: number | null;
  home_place_id: number | null;
  online: boolean;
  received_on: string;
  looked_after: string | null;
  ehc_plan_urn: string | null;
  assessed_suitable: boolean | null;
  current_school_urn: string | null;
  batch_id: number | null;
  /** Migration 0023: the year of birth kept when the application is anonymised (retention), and the day it was. */
  birth_year: ColumnType<number | null, number | null | undefined, number | null>;
  anonymised_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AdmissionPreferenceTable {
  application_id: number;
  rank: number;
  urn: string;
  sibling: boolean;
  medical_social: boolean;
  faith: boolean;
  staff: boolean;
}

/** The offer made to one application, its explanation (a PreferenceOutcome per preference) and the family's response. */
export interface AdmissionOfferTable {
  application_id: number;
  kind: string;
  urn: string | null;
  preference_rank: number | null;
  distance_metres: number | null;
  explanation: Json;
  response: string | null;
  responded_on: string | null;
}

export interface AdmissionProfileTable {
  round_id: number;
  urn: string;
  arrangement_version: number;
  profile: Json;
}

/** Append-only (migration 0012): rows are inserted by the audit store and never changed. */
export interface AuditEventTable {
  id: number;
  at: Date;
  actor: string;
  action: string;
  place_id: number | null;
  subject: string;
  request_id: string | null;
  detail: Json;
  prev_hash: string;
  hash: string;
}

/** A system leader of an LA (migration 0032): leading from a school, with its phases, specialisms and capacity. */
export interface SystemLeaderTable {
  id: Generated<number>;
  la_code: string;
  kind: string;
  urn: string;
  name: string;
  phases: string[];
  specialisms: string[];
  capacity: number;
  designated_on: string;
  ended_on: string | null;
  recorded_by: number;
  recorded_at: Date;
}

/** A support partnership led by a system leader (migration 0032), dated. */
export interface SupportPartnershipTable {
  id: Generated<number>;
  leader_id: number;
  urn: string;
  kind: string;
  started_on: string;
  ended_on: string | null;
  need: string;
  recorded_by: number;
  recorded_at: Date;
}
