import type { Criterion, GridPoint, LookedAfter, Preference, TieBreak } from './admissions.ts';

/**
 * What the admissions files give, line by line, once each field is read and checked on its own (src/imports/admissions/):
 * the service then checks each line against the round and the records held (the schools named, the postcode table,
 * the applications already held) before anything is written. Types only.
 */

/** One line of the common application file: one child's application with up to the round's number of preferences. */
export type ApplicationFileRow = Readonly<{
  line: number;
  reference: string;
  upn: string | null;
  givenName: string;
  familyName: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  /** Written with its space ('CT1 2AB'), or null. */
  homePostcode: string | null;
  /** The home point the file gives; null = look the postcode up (Code-Point Open). */
  home: GridPoint | null;
  online: boolean;
  /** 'YYYY-MM-DD' */
  receivedOn: string;
  lookedAfter: LookedAfter | null;
  ehcPlanSchool: string | null;
  assessedSuitable: boolean | null;
  currentSchool: string | null;
  preferences: readonly Preference[];
}>;

/** One line of an arrangements file: one school's arrangements for the round. */
export type ArrangementFileRow = Readonly<{
  line: number;
  urn: string;
  admissionNumber: number;
  admissionAuthority: 'la' | 'governing-body' | 'academy-trust';
  selective: boolean;
  criteria: readonly Criterion[];
  tieBreak: TieBreak;
  /** The school's point for distances; null = the school's postcode in Code-Point Open. */
  location: GridPoint | null;
}>;
