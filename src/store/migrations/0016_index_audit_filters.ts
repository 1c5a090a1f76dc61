import { sql, type Kysely } from 'kysely';

// The /audit page's filters (issue 14.7): newest first by id within an action, a subject or a request, and the list of
// actions held read by skipping along the action index rather than reading the whole trail.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index audit_event_action_id on audit_event (action, id);
    create index audit_event_subject_id on audit_event (subject, id);
    create index audit_event_request on audit_event (request_id) where request_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index audit_event_request;
    drop index audit_event_subject_id;
    drop index audit_event_action_id;
  `.execute(db);
}
