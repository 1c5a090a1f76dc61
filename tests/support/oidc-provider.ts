import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The provider's users, by the login typed on its (development) sign-in page: what it says about each. */
export type ProviderUsers = Readonly<Record<string, Readonly<{ email?: string; email_verified?: boolean }>>>;

export type TestProvider = Readonly<{ issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> }>;

/**
 * A real OpenID provider (oidc-provider, with its development login and consent pages) on 127.0.0.1 at a free port,
 * with one confidential client whose only redirect URI is Waymark's callback.
 */
export async function startProvider(redirectUri: string, users: ProviderUsers): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'waymark';
  const clientSecret = 'a client secret only this test knows';
  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['the test provider signs its cookies with this'] },
    findAccount(_ctx, id) {
      const user = users[id];
      return user === undefined ? undefined : { accountId: id, claims: () => ({ sub: id, ...user }) };
    },
  });
  // Its development pages warn on the console that they are for development: they are what this test wants.
  provider.on('server_error', (_ctx, error) => console.error('test OpenID provider:', error));
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * A person at the provider's development pages, without a browser: follows its redirects with its cookies, signs in as
 * `login` and consents (or cancels), and returns where the provider finally sends them (Waymark's callback, with code
 * and state, or its error).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, options: Readonly<{ cancel?: boolean }> = {}): Promise<URL> {
  const cookies = new Map<string, string>();
  const call = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '),
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form === undefined ? undefined : new URLSearchParams(form).toString(),
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 10; step++) {
    const response = await call(url.href);
    const location = response.headers.get('location');
    if (location === null) {
      // One of its pages: the login form, then the consent form.
      const body = await response.text();
      assert.equal(response.status, 200, body);
      const form = /name="prompt" value="(login|consent)"/.exec(body)?.[1];
      assert.ok(form !== undefined, `a login or consent form at ${url.href}`);
      if (options.cancel === true) {
        // Its "[ Cancel ]" link: the provider answers Waymark with error=access_denied.
        url = new URL(`${url.pathname}/abort`, url);
        continue;
      }
      const posted = await call(url.href, form === 'login' ? { prompt: 'login', login, password: 'anything' } : { prompt: 'consent' });
      url = new URL(posted.headers.get('location')!, url);
      continue;
    }
    const next = new URL(location, url);
    if (next.origin !== url.origin) return next;
    url = next;
  }
  throw new Error('the provider never sent the browser back');
}
