import { decideIdentitySignIn, normaliseEmail, type IdentityRefusal, type ProviderIdentity } from '../../domain/access/identity-sign-in.ts';
import type { Store } from '../../store/store.ts';
import type { RecordAudit } from '../audit/audit-hook.ts';
import type { Clock } from '../clock.ts';

/** Why a sign-in through the provider failed before anyone was identified: the attempt or the provider's answer. */
export type ProtocolFailure = 'invalid-response' | 'provider-error';

export type IdentitySignIn = Readonly<{ kind: 'ok'; userId: number }> | Readonly<{ kind: 'refused'; outcome: IdentityRefusal }>;

/**
 * Single sign-on accounts (ADR 0013): a provider's user signs in as the account linked to them, or, the first time, as
 * the enabled account with their verified e-mail address, which is then linked. Every outcome is audited by ids only:
 * never the e-mail address, nor the provider's subject.
 */
export function createIdentityService(store: Store, clock: Clock, recordAudit: RecordAudit) {
  const refuse = async (outcome: IdentityRefusal | ProtocolFailure, userId: number | null) => {
    await recordAudit({
      action: 'session.sign-in',
      actorUserId: null,
      subject: userId === null ? 'unknown' : String(userId),
      detail: { method: 'oidc', outcome },
    });
  };

  return {
    /** The account a provider's user signs in as, linking it on their first sign-in; or why they are refused. */
    async signIn(identity: ProviderIdentity): Promise<IdentitySignIn> {
      const linkedId = await store.access.identityUserId(identity.issuer, identity.subject);
      const linked = linkedId === undefined ? undefined : await store.access.userById(linkedId);
      const email = linked === undefined ? normaliseEmail(identity.email) : null;
      const byEmail = email === null ? undefined : await store.access.userByEmail(email);
      const decision = decideIdentitySignIn(
        identity,
        linked,
        byEmail === undefined
          ? undefined
          : { ...byEmail, linkedToIssuer: await store.access.hasIdentity(byEmail.id, identity.issuer), providerOnly: byEmail.passwordHash === null },
      );
      if (decision.kind === 'refused') {
        await refuse(decision.outcome, linked?.id ?? byEmail?.id ?? null);
        return decision;
      }
      if (decision.kind === 'link') {
        // Two first sign-ins racing for one account: the database lets one link, the other is refused.
        const won = await store.access.linkIdentity({ issuer: identity.issuer, subject: identity.subject, userId: decision.userId, linkedAt: clock() });
        if (!won) {
          await refuse('already-linked', decision.userId);
          return { kind: 'refused', outcome: 'already-linked' };
        }
        await recordAudit({
          action: 'user.link-identity',
          actorUserId: decision.userId,
          subject: String(decision.userId),
          detail: { issuer: identity.issuer, by: 'verified-email' },
        });
      }
      await recordAudit({
        action: 'session.sign-in',
        actorUserId: decision.userId,
        subject: String(decision.userId),
        detail: { method: 'oidc', outcome: 'ok' },
      });
      return { kind: 'ok', userId: decision.userId };
    },

    /** Record a sign-in through the provider that failed before anyone was identified (a forged or stale answer, the provider's error). */
    async failed(failure: ProtocolFailure): Promise<void> {
      await refuse(failure, null);
    },
  };
}
