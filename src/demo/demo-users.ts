/**
 * The demo county's users, one per role, with a password the sign-in page shows when (and only when) the database is
 * the demo county. No other database gets a user it did not add itself: nothing else has a default password.
 */
export const demoPassword = 'waymark-demo-county';

import type { RoleName } from '../domain/access/roles.ts';

export type DemoUser = Readonly<{
  username: string;
  displayName: string;
  role: RoleName;
  /** The place the role is granted on (kind and code), or null for an LA-wide role. */
  place: Readonly<{ kind: 'school' | 'district' | 'la'; code: string }> | null;
}>;

export const demoUsers: readonly DemoUser[] = [
  { username: 'demo-admin', displayName: 'Demo LA administrator', role: 'la_admin', place: null },
  // A second administrator: a release is approved by an administrator other than the one who last changed it (issue 19.7).
  { username: 'demo-admin-2', displayName: 'Demo second LA administrator', role: 'la_admin', place: null },
  { username: 'demo-officer', displayName: 'Demo LA officer', role: 'la_officer', place: { kind: 'la', code: '886' } },
  { username: 'demo-lead', displayName: 'Demo Swale district lead', role: 'lead', place: { kind: 'district', code: 'E07000113' } },
  // The first school the demo county generates (URNs start at 900001).
  { username: 'demo-school', displayName: 'Demo school user', role: 'school', place: { kind: 'school', code: '900001' } },
  // Casework (issue 15): one user per team; two CME officers on neighbouring districts, each seeing only their own cases.
  { username: 'demo-cme', displayName: 'Demo Swale CME officer', role: 'cme_officer', place: { kind: 'district', code: 'E07000113' } },
  { username: 'demo-cme-thanet', displayName: 'Demo Thanet CME officer', role: 'cme_officer', place: { kind: 'district', code: 'E07000114' } },
  { username: 'demo-sen', displayName: 'Demo SEN casework officer', role: 'sen_caseworker', place: { kind: 'la', code: '886' } },
  { username: 'demo-participation', displayName: 'Demo participation adviser', role: 'participation_adviser', place: { kind: 'la', code: '886' } },
  { username: 'demo-inclusion', displayName: 'Demo inclusion officer', role: 'inclusion_officer', place: { kind: 'la', code: '886' } },
  // Coordinated admissions (issue 16): the LA's admissions officer; the demo school user reads its own applicants.
  { username: 'demo-admissions', displayName: 'Demo admissions officer', role: 'admissions_officer', place: { kind: 'la', code: '886' } },
  // School place planning (issue 17): LA-wide, records planning data and runs forecasts.
  { username: 'demo-planner', displayName: 'Demo place planning officer', role: 'place_planner', place: null },
];
