/**
 * How the account and session services record their writes: one hook, which create-services.ts points at the audit
 * trail (audit-service.ts, `audit_event`, migration 0012). Events carry ids, never names.
 */
export type AuditEvent = Readonly<{
  /** What was done, e.g. 'user.add', 'user.disable', 'session.sign-in', 'collaboration.save'. */
  action: string;
  /** The signed-in user who did it, or null for the CLI and for someone not (yet) signed in. */
  actorUserId: number | null;
  /** What it was done to, as an id: a user id, a grouping code, a batch id. */
  subject: string;
  /** The place the write is about, when there is one. */
  placeId?: number | null;
  /** Extra ids (a role name, an outcome such as 'refused' or 'locked'); never a password, a name or a secret. */
  detail?: Readonly<Record<string, string | number | boolean | null>>;
}>;

export type RecordAudit = (event: AuditEvent) => Promise<void>;
