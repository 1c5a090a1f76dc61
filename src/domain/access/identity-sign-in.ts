/**
 * Single sign-on through an OpenID Connect provider (ADR 0013): which Waymark account a provider's user signs in as.
 * Roles are Waymark's data, so an administrator adds the account first; the provider only proves who is signing in.
 */

/** Who the provider says signed in: its issuer and subject (the stable id), and the e-mail address it vouches for, if any. */
export type ProviderIdentity = Readonly<{ issuer: string; subject: string; email: string | null; emailVerified: boolean }>;

export type IdentityAccount = Readonly<{ id: number; disabled: boolean }>;

/**
 * The account whose e-mail address is the provider's: whether it is already linked to a user of this provider, and
 * whether it signs in only through the provider (no password of its own).
 */
export type EmailAccount = IdentityAccount & Readonly<{ linkedToIssuer: boolean; providerOnly: boolean }>;

/** Why a sign-in through the provider is refused, as the audit trail records it. */
export type IdentityRefusal = 'not-registered' | 'unverified-email' | 'already-linked' | 'disabled' | 'password-account';

export type IdentityDecision =
  Readonly<{ kind: 'sign-in'; userId: number }> | Readonly<{ kind: 'link'; userId: number }> | Readonly<{ kind: 'refused'; outcome: IdentityRefusal }>;

const emailPattern = /^[^@\s]+@[^@\s]+$/;

/** An e-mail address as Waymark keeps it (trimmed, lower-case), or null when it is not one. */
export function normaliseEmail(text: string | null | undefined): string | null {
  const email = (text ?? '').trim().toLowerCase();
  return email.length <= 320 && emailPattern.test(email) ? email : null;
}

/**
 * The account a provider's user signs in as. A linked identity decides alone. An unlinked one is linked only when the
 * provider says its e-mail address is verified and that address is an enabled account's with no identity from this
 * provider yet: an unverified address could be anyone's claim (a user of the provider typing an administrator's address).
 * Only an account added for the provider (no password) is linked: a password account may have Waymark's own second
 * step, which a sign-in through the provider would pass by.
 */
export function decideIdentitySignIn(identity: ProviderIdentity, linked: IdentityAccount | undefined, byEmail: EmailAccount | undefined): IdentityDecision {
  if (linked !== undefined) return linked.disabled ? { kind: 'refused', outcome: 'disabled' } : { kind: 'sign-in', userId: linked.id };
  if (normaliseEmail(identity.email) === null) return { kind: 'refused', outcome: 'not-registered' };
  if (!identity.emailVerified) return { kind: 'refused', outcome: 'unverified-email' };
  if (byEmail === undefined) return { kind: 'refused', outcome: 'not-registered' };
  if (byEmail.disabled) return { kind: 'refused', outcome: 'disabled' };
  if (byEmail.linkedToIssuer) return { kind: 'refused', outcome: 'already-linked' };
  if (!byEmail.providerOnly) return { kind: 'refused', outcome: 'password-account' };
  return { kind: 'link', userId: byEmail.id };
}
