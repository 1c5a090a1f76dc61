import { londonDateOf } from '../../domain/periods/london-time.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { PlaceInTree, Principal } from '../../domain/access/decide-access.ts';
import { reachOf, type CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import { laOfficerDisclosure, publicDisclosure, type DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import { sessionExpiry, sessionLive, sessionNeedsTouch } from '../../domain/access/sign-in-rules.ts';
import type { Store } from '../../store/store.ts';
import { principalOf as principalOfUser } from './principal-of.ts';
import type { RecordAudit } from '../audit/audit-hook.ts';
import type { KeptReads } from '../kept-reads.ts';
import type { Clock } from '../clock.ts';

/** What a session cookie leads to: a signed-in principal, or a sign-in waiting for its TOTP code. */
export type SessionState = Readonly<{ kind: 'signed-in'; principal: Principal }> | Readonly<{ kind: 'totp-pending'; userId: number }>;

/** The database keeps only this hash of a session id: a copy of the table cannot be used as cookies. */
function hashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/**
 * Server-side sessions in PostgreSQL. The cookie carries 32 random bytes (base64url); a session ends when idle for 30
 * minutes, 12 hours after sign-in, at sign-out, or when its account is disabled or its password reset.
 */
export function createSessionService(store: Store, clock: Clock, recordAudit: RecordAudit, keep: KeptReads = (_name, _parts, read) => read()) {
  const today = () => londonDateOf(clock());

  const principalOf = (userId: number) => principalOfUser(store, userId);

  const create = async (userId: number, totpPending: boolean): Promise<string> => {
    const id = randomBytes(32).toString('base64url');
    const now = clock();
    await store.access.addSession({
      idHash: hashOf(id),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: sessionExpiry({ createdAt: now, lastSeenAt: now }),
      totpPending,
    });
    return id;
  };

  return {
    /** A new session for a user who gave their password (and, if pending, still owes a TOTP code); returns the cookie value. */
    async start(userId: number, totpPending: boolean): Promise<string> {
      const id = await create(userId, totpPending);
      if (!totpPending) await recordAudit({ action: 'session.start', actorUserId: userId, subject: String(userId) });
      return id;
    },

    /**
     * The session a cookie names, if it is live (and touched, at most once a minute: its idle clock restarts); an ended
     * one is removed.
     */
    async read(sessionId: string): Promise<SessionState | null> {
      if (sessionId.length > 100) return null;
      const idHash = hashOf(sessionId);
      const session = await store.access.session(idHash);
      if (session === undefined) return null;
      const now = clock();
      if (!sessionLive(session, now)) {
        await store.access.endSession(idHash);
        return null;
      }
      if (session.totpPending) return { kind: 'totp-pending', userId: session.userId };
      const principal = await principalOf(session.userId);
      if (principal === null) {
        await store.access.endSession(idHash);
        return null;
      }
      if (sessionNeedsTouch(session, now)) await store.access.touchSession(idHash, now, sessionExpiry({ createdAt: session.createdAt, lastSeenAt: now }));
      return { kind: 'signed-in', principal };
    },

    /** End a session on the server: its cookie no longer signs anyone in. */
    async end(sessionId: string): Promise<void> {
      const idHash = hashOf(sessionId);
      const session = await store.access.session(idHash);
      await store.access.endSession(idHash);
      if (session !== undefined) await recordAudit({ action: 'session.end', actorUserId: session.userId, subject: String(session.userId) });
    },

    /** Remove every session past its time (idle or absolute); the read of a session checks this anyway. */
    async endExpired(): Promise<number> {
      return store.access.endExpiredSessions(clock());
    },

    /** A place with its ancestors today, as access decisions need it. */
    async placeInTree(placeId: number): Promise<PlaceInTree> {
      return { id: placeId, ancestorIds: await store.access.ancestorIds(placeId, today()) };
    },

    /**
     * How figures are shown to this reader (issue 14.4): the public policy for someone not signed in; for signed-in
     * staff, true values at every place their roles reach today (a place and everything under it) and public figures
     * elsewhere; true values everywhere for an LA-wide role.
     */
    async disclosureFor(principal: Principal | null): Promise<DisclosurePolicy> {
      const day = today();
      const reach = reachOf(principal, 'view-unsuppressed', day);
      if (reach.kind === 'everywhere') return laOfficerDisclosure;
      if (reach.placeIds.length === 0) return publicDisclosure;
      // Kept a data version (the places under a place change only with the store): an officer's reach can be an LA's
      // thousand places, read by a recursive query, for every page they open. The same policy object is given to every
      // reader of the same reach, and its key is then worked out once (kept-reads.ts).
      const placeIds = [...reach.placeIds].sort((a, b) => a - b);
      return keep('reach', [placeIds, day], async (): Promise<DisclosurePolicy> => ({
        ...publicDisclosure,
        unsuppressedAt: new Set(await store.access.placesUnder(placeIds, day)),
      }));
    },

    /**
     * Where a principal may do a place action today (casework: which cases they may read and record): everywhere, or
     * the places their grants name and every place under them. Services filter records by this and refuse a record
     * whose place it does not hold.
     */
    async scopeFor(principal: Principal | null, action: Action): Promise<CaseScope> {
      const reach = reachOf(principal, action, today());
      if (reach.kind === 'everywhere') return { kind: 'everywhere' };
      return { kind: 'places', placeIds: new Set(reach.placeIds.length === 0 ? [] : await store.access.placesUnder(reach.placeIds, today())) };
    },

    /** The places of a principal's grants, named for the account page. */
    async grantsShown(userId: number) {
      return store.access.grantsOf([userId]);
    },

    today,
  };
}
