/**
 * Pupil-level records as Waymark holds them: one row per pupil per collection and year, with the characteristics
 * every breakdown needs and the results of that collection, in the shape of the DfE's National Pupil Database
 * extracts (per-pupil derived flags where the NPD derives them, e.g. KS4's 5+ A*-C including English and maths).
 * Plain data: the compute layer writes these to Parquet and aggregates them there.
 */

export const collections = ['eyfs', 'ks1', 'ks2', 'ks4', 'post16', 'census'] as const;
export type Collection = (typeof collections)[number];

export const collectionTitles: Readonly<Record<Collection, string>> = {
  eyfs: 'Early years foundation stage profile (end of Reception)',
  ks1: 'Key stage 1 teacher assessment (end of Year 2)',
  ks2: 'Key stage 2 tests and teacher assessment (end of Year 6)',
  ks4: 'Key stage 4 results (end of Year 11)',
  post16: 'Post-16 learners at the end of 16-18 study (qualification levels at 16 and 19, A level results)',
  census: 'School census enrolments with absence and exclusions',
};

/** SEN provision: none, SEN support (School Action/Plus before 2014/15), statement or EHC plan. */
export type SenProvision = 'N' | 'K' | 'E';
/** The DfE's major ethnic groups (ethnicity_major in EES files). */
export const ethnicGroups = ['white', 'mixed', 'asian', 'black', 'chinese', 'other', 'unclassified'] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];

export type PupilCharacteristics = Readonly<{
  pupilId: string;
  urn: string;
  gender: 'F' | 'M';
  /** Known to be eligible for free school meals at the census. */
  fsm: boolean;
  /** Disadvantaged: FSM in the last six years (Ever 6) or looked after (the pupil premium definition). */
  disadvantaged: boolean;
  sen: SenProvision;
  inCare: boolean;
  ethnicity: EthnicGroup;
  eal: boolean;
}>;

/** EYFS profile: 2008 profile (to 2011/12) total points and the 6-points-in-PSED-and-CLL condition; 2012 profile goals. */
export type EyfsResult = Readonly<{
  eyfsPoints: number | null;
  eyfsPsedCll6: boolean | null;
  /** Of the 12 goals of a good level of development (prime areas, literacy, mathematics), those at expected or exceeding. */
  eyfsGldGoals: number | null;
}>;

/** KS1 teacher assessment per subject: levels W, 1, 2C, 2B, 2A, 3, 4 to 2015; BLW, PKF, WTS, EXS, GDS from 2016; A absent, D disapplied. */
export type Ks1Result = Readonly<{ ks1Reading: string; ks1Writing: string; ks1Maths: string }>;

/**
 * KS2: levels (B below, N no level, 2-6, A absent, D disapplied) to 2015, with English overall to 2012; from 2016 scaled
 * scores (80-120, null when not scaled) in reading and maths and writing teacher assessment. KS1 prior levels (whole
 * levels W, 1, 2, 3, 4) for expected progress.
 */
export type Ks2Result = Readonly<{
  ks2English: string | null;
  ks2Reading: string | null;
  ks2Writing: string | null;
  ks2Maths: string | null;
  ks2ReadingScaled: number | null;
  ks2MathsScaled: number | null;
  ks1EnglishLevel: string | null;
  ks1MathsLevel: string | null;
  /** KS1 reading and writing levels, for expected progress in reading and writing (2013-2015). */
  ks1ReadingLevel: string | null;
  ks1WritingLevel: string | null;
  /**
   * KS1-KS2 progress scores from 2016, as the NPD's KS2 file derives them for each pupil (READPROG, WRITPROG, MATPROG):
   * the pupil's KS2 scaled score (writing: the nominal score of the teacher assessment) minus the national mean of
   * pupils with the same KS1 prior attainment. Null without KS1 prior attainment or a KS2 outcome in the subject.
   */
  ks2ReadingProgress: number | null;
  ks2WritingProgress: number | null;
  ks2MathsProgress: number | null;
}>;

/** KS4 per-pupil results as the NPD KS4 file derives them. */
export type Ks4Result = Readonly<{
  ks4Level2Em: boolean;
  ks4EnglishMathsAc: boolean;
  ks4EnglishMathsGrade5: boolean | null;
  ks4ExpectedProgressEnglish: boolean | null;
  ks4ExpectedProgressMaths: boolean | null;
  ks4EbaccEntered: boolean;
  ks4EbaccAchieved: boolean;
  ks4Attainment8: number | null;
  ks4Progress8: number | null;
}>;

/**
 * A post-16 learner in the year their 16-18 study ended (normally two years after the end of KS4), as an LA holds them
 * from its post-16 learner data (the NPD's KS5 file and the learner records of colleges and providers): the highest
 * qualification level held at the end of KS4 and at the end of 16-19 study, as levels 0 (below level 1) to 4 (level 4
 * or above); whether they followed a course in 16-19; and their A levels (entries, passes at A*-E and points on the
 * DfE's scale of the year, domain/pupils/post16.ts). A learner with no A level entry has 0 entries and null points.
 */
export type Post16Record = Readonly<{
  levelAt16: number | null;
  levelAt19: number | null;
  inLearning: boolean;
  aLevelEntries: number;
  aLevelPasses: number;
  aLevelPoints: number | null;
}>;

/** One enrolment in the year's census: school phase, sessions possible and missed (the year's half-terms), exclusions. */
export type CensusRecord = Readonly<{
  phase: 'primary' | 'secondary' | 'special';
  possibleSessions: number;
  missedSessions: number;
  permanentExclusion: boolean;
  fixedPeriodExclusions: number;
}>;

export type PupilRecord<C extends Collection> = PupilCharacteristics &
  (C extends 'eyfs'
    ? EyfsResult
    : C extends 'ks1'
      ? Ks1Result
      : C extends 'ks2'
        ? Ks2Result
        : C extends 'ks4'
          ? Ks4Result
          : C extends 'post16'
            ? Post16Record
            : CensusRecord);

export type AnyPupilRecord = PupilCharacteristics & Partial<EyfsResult & Ks1Result & Ks2Result & Ks4Result & Post16Record & CensusRecord>;

export type ColumnType = 'VARCHAR' | 'BOOLEAN' | 'INTEGER' | 'DOUBLE';
/**
 * A pupil-record column; an `optional` one (added to a layout after files in it were in use) may be missing from a
 * file's header, and is then null for every pupil of the file.
 */
export type PupilColumn = Readonly<{ name: string; field: keyof AnyPupilRecord; type: ColumnType; optional?: true }>;

const characteristicColumns: readonly PupilColumn[] = [
  { name: 'pupil_id', field: 'pupilId', type: 'VARCHAR' },
  { name: 'urn', field: 'urn', type: 'VARCHAR' },
  { name: 'gender', field: 'gender', type: 'VARCHAR' },
  { name: 'fsm', field: 'fsm', type: 'BOOLEAN' },
  { name: 'disadvantaged', field: 'disadvantaged', type: 'BOOLEAN' },
  { name: 'sen', field: 'sen', type: 'VARCHAR' },
  { name: 'in_care', field: 'inCare', type: 'BOOLEAN' },
  { name: 'ethnicity', field: 'ethnicity', type: 'VARCHAR' },
  { name: 'eal', field: 'eal', type: 'BOOLEAN' },
];

const resultColumns: Readonly<Record<Collection, readonly PupilColumn[]>> = {
  eyfs: [
    { name: 'eyfs_points', field: 'eyfsPoints', type: 'INTEGER' },
    { name: 'eyfs_psed_cll_6', field: 'eyfsPsedCll6', type: 'BOOLEAN' },
    { name: 'eyfs_gld_goals', field: 'eyfsGldGoals', type: 'INTEGER' },
  ],
  ks1: [
    { name: 'ks1_reading', field: 'ks1Reading', type: 'VARCHAR' },
    { name: 'ks1_writing', field: 'ks1Writing', type: 'VARCHAR' },
    { name: 'ks1_maths', field: 'ks1Maths', type: 'VARCHAR' },
  ],
  ks2: [
    { name: 'ks2_english', field: 'ks2English', type: 'VARCHAR' },
    { name: 'ks2_reading', field: 'ks2Reading', type: 'VARCHAR' },
    { name: 'ks2_writing', field: 'ks2Writing', type: 'VARCHAR' },
    { name: 'ks2_maths', field: 'ks2Maths', type: 'VARCHAR' },
    { name: 'ks2_reading_scaled', field: 'ks2ReadingScaled', type: 'INTEGER' },
    { name: 'ks2_maths_scaled', field: 'ks2MathsScaled', type: 'INTEGER' },
    { name: 'ks1_english_level', field: 'ks1EnglishLevel', type: 'VARCHAR' },
    { name: 'ks1_maths_level', field: 'ks1MathsLevel', type: 'VARCHAR' },
    { name: 'ks1_reading_level', field: 'ks1ReadingLevel', type: 'VARCHAR', optional: true },
    { name: 'ks1_writing_level', field: 'ks1WritingLevel', type: 'VARCHAR', optional: true },
    { name: 'ks2_reading_progress', field: 'ks2ReadingProgress', type: 'DOUBLE', optional: true },
    { name: 'ks2_writing_progress', field: 'ks2WritingProgress', type: 'DOUBLE', optional: true },
    { name: 'ks2_maths_progress', field: 'ks2MathsProgress', type: 'DOUBLE', optional: true },
  ],
  ks4: [
    { name: 'ks4_level2_em', field: 'ks4Level2Em', type: 'BOOLEAN' },
    { name: 'ks4_em_ac', field: 'ks4EnglishMathsAc', type: 'BOOLEAN' },
    { name: 'ks4_em_grade5', field: 'ks4EnglishMathsGrade5', type: 'BOOLEAN' },
    { name: 'ks4_ep_english', field: 'ks4ExpectedProgressEnglish', type: 'BOOLEAN' },
    { name: 'ks4_ep_maths', field: 'ks4ExpectedProgressMaths', type: 'BOOLEAN' },
    { name: 'ks4_ebacc_entered', field: 'ks4EbaccEntered', type: 'BOOLEAN' },
    { name: 'ks4_ebacc_achieved', field: 'ks4EbaccAchieved', type: 'BOOLEAN' },
    { name: 'ks4_att8', field: 'ks4Attainment8', type: 'DOUBLE' },
    { name: 'ks4_p8', field: 'ks4Progress8', type: 'DOUBLE' },
  ],
  post16: [
    { name: 'level_at_16', field: 'levelAt16', type: 'INTEGER' },
    { name: 'level_at_19', field: 'levelAt19', type: 'INTEGER' },
    { name: 'in_learning', field: 'inLearning', type: 'BOOLEAN' },
    { name: 'alevel_entries', field: 'aLevelEntries', type: 'INTEGER' },
    { name: 'alevel_passes', field: 'aLevelPasses', type: 'INTEGER' },
    { name: 'alevel_points', field: 'aLevelPoints', type: 'DOUBLE' },
  ],
  census: [
    { name: 'phase', field: 'phase', type: 'VARCHAR' },
    { name: 'possible_sessions', field: 'possibleSessions', type: 'INTEGER' },
    { name: 'missed_sessions', field: 'missedSessions', type: 'INTEGER' },
    { name: 'permanent_exclusion', field: 'permanentExclusion', type: 'BOOLEAN' },
    { name: 'fixed_period_exclusions', field: 'fixedPeriodExclusions', type: 'INTEGER' },
  ],
};

/** The Parquet columns of a collection's file, in order: characteristics, then results. */
export function pupilColumns(collection: Collection): readonly PupilColumn[] {
  return [...characteristicColumns, ...resultColumns[collection]];
}

export function isCollection(name: string): name is Collection {
  return (collections as readonly string[]).includes(name);
}

/**
 * A pupil file that names schools the register does not hold is accepted (the register can lag a collection, and a
 * pupil's figures still count where the school is placed once it is), but never silently (issue 12, item 7): the
 * note says how many URNs and shows the first five, sorted. URNs are schools' ids, not personal data.
 */
export function unknownSchoolsNote(urns: Iterable<string>, isKnown: (urn: string) => boolean): string | null {
  const unknown = [...new Set(urns)].filter((u) => !isKnown(u)).sort();
  if (unknown.length === 0) return null;
  const shown = unknown.slice(0, 5).join(', ');
  return `${unknown.length} URN${unknown.length > 1 ? 's' : ''} not in the register (${shown}${unknown.length > 5 ? ', …' : ''}): their pupils stay unplaced (in no school, district or LA) until the register holds ${unknown.length > 1 ? 'those schools' : 'that school'}`;
}
