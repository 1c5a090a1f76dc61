import { hkdfSync } from 'node:crypto';
import * as client from 'openid-client';
import type { ProviderIdentity } from '../../domain/access/identity-sign-in.ts';
import type { Log } from '../../log.ts';
import type { ProtocolFailure } from './identity-service.ts';

/** What an administrator sets (WAYMARK_OIDC_*), and where the provider sends people back to. */
export type OidcSettings = Readonly<{ issuer: URL; clientId: string; clientSecret: string; name: string; redirectUri: string }>;

/** One sign-in attempt's secrets, kept by the browser that started it (a signed cookie) until the provider sends it back. */
export type OidcAttempt = Readonly<{ state: string; nonce: string; codeVerifier: string; next: string }>;

/** The provider could not be reached to read its configuration (discovery): sign-in through it is unavailable for now. */
export class OidcUnavailableError extends Error {
  override name = 'OidcUnavailableError';
}

/** The provider's answer did not complete a sign-in: forged, replayed or stale (`invalid-response`), or the provider said no. */
export class OidcResponseError extends Error {
  override name = 'OidcResponseError';
  readonly failure: ProtocolFailure;
  constructor(failure: ProtocolFailure, code: string) {
    super(`the OpenID provider's answer did not complete a sign-in (${failure}: ${code})`);
    this.failure = failure;
  }
}

/**
 * Waymark as an OpenID Connect relying party (openid-client does the protocol and its checks): the authorization code
 * flow with PKCE, state and nonce. The provider's configuration is discovered once, when first needed; a failed
 * discovery is tried again on the next sign-in.
 */
export function createOidcClient(settings: OidcSettings, log: Log) {
  // Plain http is allowed only for a provider on this machine (config.ts refuses it elsewhere).
  const execute = settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  const discover = async (): Promise<client.Configuration> => {
    const found = await client.discovery(settings.issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
      timeout: 10,
      execute,
    });
    // client_secret_basic is OpenID Connect's default; a provider that lists only client_secret_post gets that.
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    if (methods === undefined || methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) return found;
    return client.discovery(settings.issuer, settings.clientId, undefined, client.ClientSecretPost(settings.clientSecret), { timeout: 10, execute });
  };
  let configuration: Promise<client.Configuration> | null = null;
  const configured = (): Promise<client.Configuration> =>
    (configuration ??= discover().catch((error: unknown) => {
      configuration = null;
      log.warn(
        { issuer: settings.issuer.href, code: (error as { code?: string }).code ?? (error as Error).name },
        'the OpenID provider could not be discovered',
      );
      throw new OidcUnavailableError(`the OpenID provider at ${settings.issuer.href} cannot be reached`);
    }));

  return {
    /** The words on the sign-in button, after "Sign in with". */
    name: settings.name,

    /** The key that signs attempt cookies: derived from the client secret, so every Waymark process behind one address agrees. */
    cookieSecret: Buffer.from(hkdfSync('sha256', settings.clientSecret, 'waymark', 'oidc attempt cookie', 32)),

    /** Start a sign-in: the provider's address to send the browser to, and the attempt to keep until it comes back. */
    async begin(next: string): Promise<Readonly<{ url: string; attempt: OidcAttempt }>> {
      const config = await configured();
      const attempt = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email',
        state: attempt.state,
        nonce: attempt.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, attempt };
    },

    /**
     * Finish a sign-in from the callback's query string: the code is exchanged (with the PKCE verifier) and the ID token
     * checked (signature, issuer, audience, expiry, nonce). The e-mail claims come from the ID token, or from the
     * UserInfo endpoint when the provider keeps them there.
     */
    async finish(query: string, attempt: OidcAttempt): Promise<ProviderIdentity> {
      const config = await configured();
      const current = new URL(settings.redirectUri);
      current.search = query;
      try {
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        let { email, email_verified: verified } = claims;
        if (email === undefined && config.serverMetadata().userinfo_endpoint !== undefined)
          ({ email, email_verified: verified } = await client.fetchUserInfo(config, tokens.access_token, claims.sub));
        return { issuer: claims.iss, subject: claims.sub, email: typeof email === 'string' ? email : null, emailVerified: verified === true };
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).name;
        // The provider's own refusal (the user cancelled, the code was refused) or its being unreachable, against an
        // answer that fails openid-client's checks (state, nonce, PKCE, signature): the operator's log gets the code only.
        const said = error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError || error instanceof TypeError;
        log.info({ code }, 'a sign-in through the OpenID provider did not complete');
        throw new OidcResponseError(said ? 'provider-error' : 'invalid-response', code);
      }
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
