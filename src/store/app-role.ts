import { sql, type Kysely } from 'kysely';
import pg from 'pg';

/**
 * The application's database role (ADR 0011): a login that owns nothing and is no superuser, so what PostgreSQL
 * refuses it (changing audit_event, disabling its trigger, altering tables) no bug or injection in Waymark can do.
 * Migrations run as the owner; the application connects as this role.
 */
export const appRoleName = 'waymark_app';

/** Create the role on a cluster Waymark runs itself (the embedded one), or set its password: idempotent, serialised. */
export async function ensureAppRole(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const attributes = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${pg.escapeLiteral(password)}`;
  try {
    // One Waymark at a time: a server starting while a command joins it would otherwise race on the catalogue.
    await client.query('begin');
    await client.query("select pg_advisory_xact_lock(hashtext('waymark_app_role'))");
    const found = await client.query('select 1 from pg_roles where rolname = $1', [appRoleName]);
    await client.query(`${found.rowCount === 0 ? 'create' : 'alter'} role ${pg.escapeIdentifier(appRoleName)} ${attributes}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Grant the application's role what it needs in one database, after migrating (so tables later migrations add are
 * covered): read and write every table and sequence, take temporary tables, refresh statistics through
 * waymark_analyse; but only read and append audit_event. Run as the tables' owner.
 */
export async function grantAppRole<T>(db: Kysely<T>, role: string): Promise<void> {
  const r = sql.id(role);
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(trx);
    const database = sql.id(rows[0]!.name);
    await sql`select pg_advisory_xact_lock(hashtext('waymark_app_grants'))`.execute(trx);
    await sql`grant connect, temporary on database ${database} to ${r}`.execute(trx);
    await sql`grant usage on schema public to ${r}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(trx);
    await sql`grant usage, select on all sequences in schema public to ${r}`.execute(trx);
    await sql`revoke update, delete, truncate, references, trigger on audit_event from ${r}`.execute(trx);
    await sql`grant execute on function waymark_analyse(text[]) to ${r}`.execute(trx);
  });
}

/** The role a connection string logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
