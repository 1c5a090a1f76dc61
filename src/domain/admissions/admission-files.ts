import type { ApplicantIdentity, Application, Arrangement, GridPoint } from './admissions.ts';

/**
 * What the admissions files give, line by line, once each field is read and checked on its own (src/imports/admissions/):
 * the service then checks each line against the round and the records held (the schools named, the postcode table,
 * the applications already held) before anything is written. Types only.
 */

/** One line of the common application file: one child's application with up to the round's number of preferences. */
export type ApplicationFileRow = ApplicantIdentity &
  Pick<Application, 'homePostcode' | 'online' | 'lookedAfter' | 'ehcPlanSchool' | 'assessedSuitable' | 'currentSchool' | 'preferences'> &
  Readonly<{
    line: number;
    reference: string;
    /** The home point the file gives; null = look the postcode up (Code-Point Open). */
    home: GridPoint | null;
    /** 'YYYY-MM-DD' */
    receivedOn: string;
  }>;

/** One line of an arrangements file: one school's arrangements for the round. */
export type ArrangementFileRow = Pick<Arrangement, 'urn' | 'admissionNumber' | 'admissionAuthority' | 'selective' | 'criteria' | 'tieBreak'> &
  Readonly<{
    line: number;
    /** The school's point for distances; null = the school's postcode in Code-Point Open. */
    location: GridPoint | null;
  }>;
