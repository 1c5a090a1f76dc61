import type { Action } from '../../domain/access/roles.ts';
import type { ChildIdentity, ExtractCell } from '../../domain/casework/pseudonymise.ts';
import type { Store } from '../../store/store.ts';

/**
 * What every casework team's records offer the whole (issue 15.7): their retention rule applied on a day, everything
 * held on one child for a subject access request, and its cases one row each for a pseudonymised extract. Each team (children missing education, SEN, participation,
 * inclusion) implements this once; `waymark retention run` and the subject access export call every team's.
 */

/** The child a subject access request is about: by UPN where the requester gives one, else by name and date of birth. */
export type ChildQuery = Readonly<{ upn: string | null; givenName: string; familyName: string; dateOfBirth: string }>;

/** One record held on the child, every field as stored (dates as 'YYYY-MM-DD'), with its history in date order. */
export type HeldRecord = Readonly<{
  kind: string;
  id: string;
  fields: Readonly<Record<string, string | number | boolean | null>>;
  history: readonly Readonly<{ on: string; what: string; by: string | null }>[];
}>;

export type SubjectAccessSection = Readonly<{ team: string; records: readonly HeldRecord[] }>;

/** What a retention run did to one team's records: the rule in words, and how many records it anonymised or deleted. */
export type RetentionOutcome = Readonly<{ team: string; rule: string; anonymised: number; deleted: number }>;

/**
 * One case for a pseudonymised extract (ADR 0018): who the child is, which never reaches the row (it is hashed into the
 * pseudonym and cut to a year and month of birth), and the team's own columns, which must name no one: codes, dates
 * of events, district and school codes, never free text.
 */
export type ExtractCase = Readonly<{ child: ChildIdentity; cells: Readonly<Record<string, ExtractCell>> }>;

/** A team's cases for an extract: its columns in order (after the pseudonym and month of birth), one case a row. */
export type TeamExtract = Readonly<{ columns: readonly string[]; cases: readonly ExtractCase[] }>;

export type CaseworkModule = Readonly<{
  /** The team's name as people say it, e.g. 'Children missing education'. */
  team: string;
  /** The team's short name on the command line and in file names: cme, sen, participation, inclusion. */
  key: string;
  /** The action its pages and records need (roles.ts). */
  action: Action;
  /** Apply the team's retention rule on `today` ('YYYY-MM-DD'), inside the caller's transaction. */
  retain: (tx: Store, today: string) => Promise<RetentionOutcome>;
  /** Everything the team holds on the child, inside the caller's transaction (the caller audits the request). */
  subjectAccess: (tx: Store, child: ChildQuery) => Promise<SubjectAccessSection>;
  /** Every case the team holds LA-wide, one row each, for a pseudonymised extract (the caller pseudonymises and audits). */
  extract: (tx: Store) => Promise<TeamExtract>;
}>;
