/**
 * Roles as data (issue 14): what each role may do, and on what kind of place it is granted. A role is granted on a
 * place and reaches that place and everything under it in the place tree; an LA-wide grant names no place. Casework adds
 * a `caseworker` role here (with its actions) and nothing else changes.
 */

/**
 * What a route or a service call needs. `view-public` is what anyone may do, signed in or not. `read-audit` reads the
 * audit trail (/audit and its CSV), which names users: an LA administrator's alone.
 */
export type Action =
  'view-public' | 'view-account' | 'view-unsuppressed' | 'edit-collaborations' | 'manage-users' | 'import-files' | 'manage-frameworks' | 'read-audit';

export type RoleName = 'school' | 'lead' | 'la_officer' | 'la_admin';

export type RoleDefinition = Readonly<{
  name: RoleName;
  label: string;
  /** `place`: granted on one place (a school, a district or grouping, the LA); `la-wide`: granted with no place. */
  scope: 'place' | 'la-wide';
  actions: readonly Action[];
}>;

/** The signed-in roles. `public` is not a role one holds: it is what anyone not signed in may do (`view-public`). */
export const roles: Readonly<Record<RoleName, RoleDefinition>> = {
  school: { name: 'school', label: 'School', scope: 'place', actions: ['view-account', 'view-unsuppressed'] },
  lead: { name: 'lead', label: 'District or grouping lead', scope: 'place', actions: ['view-account', 'view-unsuppressed'] },
  la_officer: { name: 'la_officer', label: 'LA officer', scope: 'place', actions: ['view-account', 'view-unsuppressed'] },
  la_admin: {
    name: 'la_admin',
    label: 'LA administrator',
    scope: 'la-wide',
    actions: ['view-account', 'view-unsuppressed', 'edit-collaborations', 'manage-users', 'import-files', 'manage-frameworks', 'read-audit'],
  },
};

export const roleNames = Object.keys(roles) as RoleName[];

export function isRoleName(value: string): value is RoleName {
  return Object.hasOwn(roles, value);
}

/** Actions that are about the whole LA (users, imports, frameworks, collaborations, the audit trail), not about one place. */
export function actionIsLaWide(action: Action): boolean {
  return (
    action === 'edit-collaborations' || action === 'manage-users' || action === 'import-files' || action === 'manage-frameworks' || action === 'read-audit'
  );
}
