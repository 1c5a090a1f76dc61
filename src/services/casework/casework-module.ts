import type { Action } from '../../domain/access/roles.ts';
import type { Store } from '../../store/store.ts';

/**
 * What every casework team's records offer the whole (issue 15.7): their retention rule applied on a day, and everything
 * held on one child for a subject access request. Each team (children missing education, SEN, participation,
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

export type CaseworkModule = Readonly<{
  /** The team's name as people say it, e.g. 'Children missing education'. */
  team: string;
  /** The action its pages and records need (roles.ts). */
  action: Action;
  /** Apply the team's retention rule on `today` ('YYYY-MM-DD'), inside the caller's transaction. */
  retain: (tx: Store, today: string) => Promise<RetentionOutcome>;
  /** Everything the team holds on the child, inside the caller's transaction (the caller audits the request). */
  subjectAccess: (tx: Store, child: ChildQuery) => Promise<SubjectAccessSection>;
}>;
