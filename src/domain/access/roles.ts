/**
 * Roles as data (issue 14): what each role may do, and on what kind of place it is granted. A role is granted on a
 * place and reaches that place and everything under it in the place tree; an LA-wide grant names no place. Casework
 * (issue 15) has one role per team, as LAs organise it: a team sees its own cases in its own places and nothing of
 * another team's (privacy by design: a CME officer has no reason to read EHC needs assessments).
 */

/**
 * What a route or a service call needs. `view-public` is what anyone may do, signed in or not. `read-audit` reads the
 * audit trail (/audit and its CSV), which names users: an LA administrator's alone.
 */
export type Action =
  | 'view-public'
  | 'view-account'
  | 'view-unsuppressed'
  | 'edit-collaborations'
  | 'manage-users'
  | 'import-files'
  | 'manage-frameworks'
  | 'read-audit'
  /**
   * Answer a subject access request: export everything casework holds on one child, across every team (UK GDPR art. 15).
   * LA-wide, and an LA administrator's alone (the information governance role in a real LA).
   */
  | 'answer-subject-access'
  /** Read and record children missing education cases in the places the role reaches. */
  | 'work-cme-cases'
  /** Read and record EHC needs assessments, plans and placements. */
  | 'work-sen-cases'
  /** Read and record 16-18 participation tracking (NCCIS activity). */
  | 'work-participation-cases'
  /** Read and record exclusions, alternative provision and the Virtual School's children in care. */
  | 'work-inclusion-cases'
  /**
   * Take a team's pseudonymised extract of every case for analysis (issue 15.7, ADR 0018). Holding it opens the route;
   * the extract of a team is then given only to a reader whose reach covers every case of it LA-wide: a team role
   * granted on the LA (who can already read each of those cases, identified), or the LA administrator (LA-wide, who
   * already answers subject access requests across every team, and who releases data to analysts as the information
   * governance lead). A caseworker granted on a district is refused: the extract is LA-wide.
   */
  | 'take-pseudonymised-extract'
  /**
   * Run the coordinated admissions scheme (issue 16): arrangements, applications, allocation rounds and offers. Read
   * an application only where the role reaches the child's home district.
   */
  | 'work-admissions'
  /**
   * Read the applicants who named the school the role is granted on, with their explanation at that school (a school
   * sees its own applicants, never another school's, and not where the child ranked it: equal preference).
   */
  | 'read-school-applicants'
  /**
   * Plan school places (issue 17): record planning areas, capacity, planned changes and housing sites, and run and keep
   * forecasts. LA-wide: a forecast is of the whole LA. Reading the planning pages needs `view-unsuppressed` only (the
   * figures are aggregate, as the LA's published commissioning plan shows them).
   */
  | 'plan-school-places'
  /**
   * Record a framework's delivery milestone as delivered, or judge a year of a qualitative target (issue 18.6), and
   * withdraw such a record made in error. A place action: the grant must reach the framework's LA (an LA officer or
   * administrator; a district lead does not judge the LA's targets).
   */
  | 'record-delivery'
  /**
   * Record the LA's system leaders and the support partnerships they lead, and end a partnership (issue 18.7). A place
   * action reaching the LA, as recording delivery is: the LA officers who broker school-to-school support.
   */
  | 'record-system-leadership'
  /**
   * Prepare, approve, send back and correct the LA's statistical releases, and name who has pre-release access (issue
   * 19.7). LA-wide. Approval needs a second holder (four eyes, domain/releases/release-lifecycle.ts).
   */
  | 'manage-releases';

/** The casework actions: each is a place action (a case is read only where the role reaches the case's place). */
export const caseworkActions = ['work-cme-cases', 'work-sen-cases', 'work-participation-cases', 'work-inclusion-cases'] as const satisfies readonly Action[];

export type RoleName =
  | 'school'
  | 'lead'
  | 'la_officer'
  | 'la_admin'
  | 'cme_officer'
  | 'sen_caseworker'
  | 'participation_adviser'
  | 'inclusion_officer'
  | 'admissions_officer'
  | 'place_planner';

export type RoleDefinition = Readonly<{
  name: RoleName;
  label: string;
  /** `place`: granted on one place (a school, a district or grouping, the LA); `la-wide`: granted with no place. */
  scope: 'place' | 'la-wide';
  actions: readonly Action[];
}>;

/** The signed-in roles. `public` is not a role one holds: it is what anyone not signed in may do (`view-public`). */
export const roles: Readonly<Record<RoleName, RoleDefinition>> = {
  school: { name: 'school', label: 'School', scope: 'place', actions: ['view-account', 'view-unsuppressed', 'read-school-applicants'] },
  lead: { name: 'lead', label: 'District or grouping lead', scope: 'place', actions: ['view-account', 'view-unsuppressed'] },
  la_officer: {
    name: 'la_officer',
    label: 'LA officer',
    scope: 'place',
    actions: ['view-account', 'view-unsuppressed', 'record-delivery', 'record-system-leadership'],
  },
  la_admin: {
    name: 'la_admin',
    label: 'LA administrator',
    scope: 'la-wide',
    actions: [
      'view-account',
      'view-unsuppressed',
      'edit-collaborations',
      'manage-users',
      'import-files',
      'manage-frameworks',
      'read-audit',
      'answer-subject-access',
      'take-pseudonymised-extract',
      'plan-school-places',
      'record-delivery',
      'record-system-leadership',
      'manage-releases',
    ],
  },
  cme_officer: {
    name: 'cme_officer',
    label: 'Children missing education officer',
    scope: 'place',
    actions: ['view-account', 'work-cme-cases', 'take-pseudonymised-extract'],
  },
  sen_caseworker: {
    name: 'sen_caseworker',
    label: 'SEN casework officer',
    scope: 'place',
    actions: ['view-account', 'work-sen-cases', 'take-pseudonymised-extract'],
  },
  participation_adviser: {
    name: 'participation_adviser',
    label: 'Participation and tracking adviser',
    scope: 'place',
    actions: ['view-account', 'work-participation-cases', 'take-pseudonymised-extract'],
  },
  inclusion_officer: {
    name: 'inclusion_officer',
    label: 'Inclusion and Virtual School officer',
    scope: 'place',
    actions: ['view-account', 'work-inclusion-cases', 'take-pseudonymised-extract'],
  },
  admissions_officer: {
    name: 'admissions_officer',
    label: 'Admissions officer',
    scope: 'place',
    actions: ['view-account', 'work-admissions', 'take-pseudonymised-extract'],
  },
  place_planner: {
    name: 'place_planner',
    label: 'School place planning officer',
    scope: 'la-wide',
    actions: ['view-account', 'view-unsuppressed', 'plan-school-places'],
  },
};

export const roleNames = Object.keys(roles) as RoleName[];

export function isRoleName(value: string): value is RoleName {
  return Object.hasOwn(roles, value);
}

/** Actions that are about the whole LA (users, imports, frameworks, collaborations, the audit trail), not about one place. */
export function actionIsLaWide(action: Action): boolean {
  return (
    action === 'edit-collaborations' ||
    action === 'manage-users' ||
    action === 'import-files' ||
    action === 'manage-frameworks' ||
    action === 'read-audit' ||
    action === 'answer-subject-access' ||
    action === 'plan-school-places' ||
    action === 'manage-releases'
  );
}
