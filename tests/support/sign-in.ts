import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * A browser's cookies for `app.inject`: what the app set is sent back, what it cleared is dropped. Each client has its
 * own address, so the sign-in rate limit (per address) of one test does not reach another.
 */
export type Client = Readonly<{
  cookies: Map<string, string>;
  request: (options: InjectOptions & { url: string }) => Promise<LightMyRequestResponse>;
  /** The CSRF token of the form on a page (its hidden `_csrf` field). */
  tokenFrom: (url: string) => Promise<string>;
  /** Post a form as the page at `from` would, with its CSRF token. */
  submit: (from: string, url: string, fields: Readonly<Record<string, string>>) => Promise<LightMyRequestResponse>;
  signIn: (username: string, password: string) => Promise<LightMyRequestResponse>;
}>;

let addresses = 0;

export function clientOf(app: FastifyInstance, headers: Readonly<Record<string, string>> = {}): Client {
  const cookies = new Map<string, string>();
  const remoteAddress = `10.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;
  const request = async (options: InjectOptions & { url: string }) => {
    const response = await app.inject({
      ...options,
      remoteAddress,
      headers: { ...headers, ...options.headers, cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; ') },
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now())) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    return response;
  };
  const tokenFrom = async (url: string) => {
    const page = await request({ method: 'GET', url });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token !== undefined, `a CSRF token on ${url} (${page.statusCode})`);
    return token;
  };
  const submit = async (from: string, url: string, fields: Readonly<Record<string, string>>) =>
    request({ method: 'POST', url, payload: { _csrf: await tokenFrom(from), ...fields } });
  return { cookies, request, tokenFrom, submit, signIn: (username, password) => submit('/sign-in', '/sign-in', { username, password }) };
}
