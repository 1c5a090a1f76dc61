import { createHash } from 'node:crypto';

/**
 * The audit trail's hash chain (issue 14.6, ADR 0011). Each entry's hash is SHA-256 over a canonical serialisation of
 * the previous entry's hash and its own fields, so changing, removing or reordering any entry breaks the chain at that
 * entry: PostgreSQL stops the application's role from rewriting the table, the chain shows what a superuser rewrote.
 */

/** Who acted: `user:17`, `token:3`, `cli:<OS user>`, `system` or `anonymous` (never a person's name), and in which request. */
export type AuditWho = Readonly<{ actor: string; requestId: string | null }>;

/** Detail holds ids and counts, never personal data. */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null | readonly (string | number)[]>>;

/** What a caller records: the store adds id, time and hashes. */
export type AuditRecord = Readonly<{
  /** e.g. `import.file`, `collaboration.create`, `pupils.compute`. */
  action: string;
  /** What was touched, as an id: `batch:42`, `grouping:SWALE-HUB`. */
  subject: string;
  placeId?: number | null;
  detail?: AuditDetail;
}>;

/** One stored entry. `at` is kept to the millisecond (the table refuses finer). */
export type AuditEntry = Readonly<{
  id: number;
  at: Date;
  actor: string;
  action: string;
  placeId: number | null;
  subject: string;
  requestId: string | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}>;

/** The previous hash of the first entry. */
export const genesisHash = '0'.repeat(64);

const actorPattern = /^(user:\d+|token:\d+|cli:\S+|system|anonymous)$/;

/** An actor is an id, never a name: refused here before the table's own check refuses it. */
export function isActor(actor: string): boolean {
  return actorPattern.test(actor);
}

/** JSON with object keys sorted at every depth: the same value always gives the same text, whatever jsonb did to key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v)).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
}

/** The hash of an entry from its fields and the previous entry's hash. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [entry.prevHash, entry.id, entry.at.toISOString(), entry.actor, entry.action, entry.placeId, entry.subject, entry.requestId, entry.detail];
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/** Where the chain first breaks, and why. */
export type ChainBreak = Readonly<{
  id: number;
  /**
   * changed: its fields no longer give its hash; removed: it does not follow the entry before it (one or more entries
   * between them are gone); reordered: its id is not after the one before it, or it follows an earlier entry than the
   * one before it.
   */
  reason: 'changed' | 'removed' | 'reordered';
  message: string;
}>;

export type ChainVerifier = {
  /** Check the next entry in id order; the first break is kept and returned from then on. */
  next: (entry: AuditEntry) => ChainBreak | null;
  /** Entries found whole so far. */
  readonly checked: number;
  readonly broken: ChainBreak | null;
};

/** How many recent hashes are remembered to tell a reordered entry from one whose predecessor was removed. */
const recentWindow = 10_000;

/** A verifier for a stream of entries in id order, holding only a window of recent hashes (the trail may be large). */
export function createChainVerifier(): ChainVerifier {
  let previous: AuditEntry | null = null;
  let found: ChainBreak | null = null;
  let checked = 0;
  const recent = new Set<string>();
  const recentOrder: string[] = [];
  return {
    next(entry) {
      if (found !== null) return found;
      found = breakAt(entry, previous, recent);
      if (found !== null) return found;
      checked++;
      previous = entry;
      recent.add(entry.hash);
      recentOrder.push(entry.hash);
      if (recentOrder.length > recentWindow) recent.delete(recentOrder.shift()!);
      return null;
    },
    get checked() {
      return checked;
    },
    get broken() {
      return found;
    },
  };
}

function breakAt(entry: AuditEntry, previous: AuditEntry | null, recent: ReadonlySet<string>): ChainBreak | null {
  if (previous !== null && entry.id <= previous.id) return { id: entry.id, reason: 'reordered', message: `entry ${entry.id} comes after entry ${previous.id}` };
  if (hashEntry(entry) !== entry.hash) return { id: entry.id, reason: 'changed', message: `entry ${entry.id} was changed: its fields no longer give its hash` };
  const expected = previous?.hash ?? genesisHash;
  if (entry.prevHash === expected) return null;
  if (recent.has(entry.prevHash))
    return { id: entry.id, reason: 'reordered', message: `entry ${entry.id} follows an earlier entry than entry ${previous?.id}` };
  return {
    id: entry.id,
    reason: 'removed',
    message:
      previous === null
        ? `entry ${entry.id} is the first held but does not start the chain: the entries before it were removed`
        : `entry ${entry.id} does not follow entry ${previous.id}: the entries between them were removed`,
  };
}

/** The next entry of the chain after `previousHash`. */
export function chainEntry(fields: Omit<AuditEntry, 'hash' | 'prevHash'>, previousHash: string): AuditEntry {
  const unhashed = { ...fields, prevHash: previousHash };
  return { ...unhashed, hash: hashEntry(unhashed) };
}
