import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Services } from '../../services/create-services.ts';
import { sessionCookie } from './access.ts';

/**
 * Public pages kept rendered (issue 20.4, ADR 0022). A page a public reader asks for is kept, whole and as sent, under
 * the data version (migration 0028: it moves with every committed change to anything a page shows), the London date
 * (a place's members are those of a day) and its address; the next public reader asking while nothing has changed
 * gets the same bytes without a query beyond the version's. Each kept page carries a strong ETag (its bytes' hash) and
 * the version's Last-Modified, and is revalidated (`Cache-Control: no-cache`): a browser or a proxy asks again and
 * gets 304 Not Modified while the page is unchanged. The brotli and gzip forms are made once a page, when first asked.
 *
 * Only the routes named here, each public, whose pages depend on the store, the date and the address alone (not the
 * hour: releases publish at a time, and are not kept; nor forms, whose CSRF token is the reader's). Signed-in readers
 * (or a browser holding any session cookie) are never served from or into the cache: their pages are theirs.
 */
export const cachedRoutes: ReadonlySet<string> = new Set([
  '/frameworks',
  '/frameworks/:id',
  '/frameworks/:id/targets/:target',
  '/frameworks/:id/report',
  '/places/:kind/:code',
  '/schools/:urn',
  '/indicators',
  '/indicators/:code',
  '/indicators/:code/open-data.zip',
  '/ofsted/inspections',
  '/floor-standards',
  '/watch-list',
  '/school-trends',
  '/collaborations',
  '/system-leadership',
]);

type Kept = Readonly<{
  body: Buffer;
  headers: Readonly<Record<string, string>>;
  etag: string;
  lastModified: string | null;
  /** The compressed forms, made when first asked for. */
  encoded: Map<Encoding, Buffer>;
}>;
type Encoding = 'br' | 'gzip' | 'identity';
/** The headers a kept page is sent again with; the rest (security headers) each request sets for itself. */
const keptHeaders = ['content-type', 'content-disposition'];
const slot = Symbol('page cache');
/** How long a reader waits for the same page being rendered for another before rendering their own (ms). */
const longestWait = 10_000;
/** A page to keep when rendered; `render`, when this reader renders it for others waiting, and how to end their wait. */
type Render = Readonly<{ waited: Promise<void>; done: () => void }>;
type Marked = FastifyRequest & { [slot]?: Readonly<{ key: string; lastModified: string | null; render: Render | null }> };

export type PageCacheOptions = Readonly<{
  /** Megabytes of pages kept (0: none, every page rendered on every request). */
  megabytes: number;
  /** The notice shown while the demo is built: nothing is kept while one shows. */
  notice: () => string | null;
  synthetic: () => boolean;
}>;

export function registerPageCache(app: FastifyInstance, services: Services, options: PageCacheOptions): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (cachedRoutes.has(route.url) && [route.method].flat().includes('GET') && route.config?.access !== 'public')
      throw new Error(`${route.url} is kept in the page cache but is not public: take it out of cachedRoutes`);
  });
  if (options.megabytes === 0) return;
  const kept = new LRUCache<string, Kept>({
    maxSize: options.megabytes * 1024 * 1024,
    sizeCalculation: (k) => [...k.encoded.values()].reduce((sum, b) => sum + (b === k.body ? 0 : b.length), k.body.length + 1024),
  });
  let latest = -1n;

  /** Pages being rendered for a reader: others asking for the same page meanwhile wait for it (no stampede after a change). */
  const rendering = new Map<string, Promise<void>>();

  app.addHook('onRequest', async (request: Marked, reply) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (!read || !cachedRoutes.has(request.routeOptions.url ?? '')) return;
    if (request.principal !== null || request.pendingUserId !== null || request.cookies[sessionCookie] !== undefined) return;
    if (options.notice() !== null) return;
    // The version first, the page after: a page kept under a version then holds figures at least that new.
    const { version, changedAt } = await services.dataVersion();
    if (version > latest) {
      // Pages of an earlier version are never asked for again.
      kept.clear();
      latest = version;
    }
    const key = `${version}\n${services.sessions.today()}\n${options.synthetic()}\n${request.url}`;
    let page = kept.get(key);
    const pending = page === undefined ? rendering.get(key) : undefined;
    if (pending !== undefined) {
      await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, longestWait).unref())]);
      page = kept.get(key);
    }
    if (page === undefined) {
      if (request.method !== 'GET') return;
      // The first reader to miss renders the page; one who waited and still finds none (it was not kept) renders their own.
      let render: Render | null = null;
      if (pending === undefined) {
        let done = () => {};
        render = { waited: new Promise<void>((resolve) => (done = resolve)), done: () => done() };
        rendering.set(key, render.waited);
      }
      request[slot] = { key, lastModified: changedAt === null ? null : changedAt.toUTCString(), render };
      return;
    }
    const encoding = encodingFor(request);
    const etag = etagOf(page, encoding);
    validators(reply, etag, page.lastModified);
    reply.header('vary', 'Accept-Encoding, Cookie');
    if (notModified(request, etag)) return reply.code(304).send();
    for (const [name, value] of Object.entries(page.headers)) reply.header(name, value);
    // A Buffer: the table-download and scrolling-table step (which works on the HTML string) has already been done.
    return reply.send(representation(key, page, encoding, reply));
  });

  /** The page in the encoding asked for, made once a page and kept at its new size (the compressed form counts too). */
  const representation = (key: string, page: Kept, encoding: Encoding, reply: FastifyReply): Buffer => {
    let body = page.encoded.get(encoding);
    if (body === undefined) {
      body = encode(page.body, encoding);
      page.encoded.set(encoding, body);
      kept.set(key, page);
    }
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return body;
  };

  // Whatever became of the render (kept, not kept, failed, the reader gone), those waiting for it go on.
  const release = (request: Marked, _reply: unknown, next: () => void) => {
    const wanted = request[slot];
    if (wanted?.render != null && rendering.get(wanted.key) === wanted.render.waited) {
      rendering.delete(wanted.key);
      wanted.render.done();
    }
    next();
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', (request: Marked, next) => release(request, null, next));

  app.addHook('onSend', async (request: Marked, reply, payload) => {
    const wanted = request[slot];
    if (wanted === undefined || reply.statusCode !== 200 || request.principal !== null) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A page holding the reader's CSRF token is theirs alone (a form): never kept.
    const token = reply.locals?.csrfToken;
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    if (typeof token === 'string' && body.includes(token)) return payload;
    const headers: Record<string, string> = {};
    for (const name of keptHeaders) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const page: Kept = {
      body,
      headers,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      lastModified: wanted.lastModified,
      encoded: new Map([['identity', body]]),
    };
    kept.set(wanted.key, page);
    // A page others may be given (a proxy revalidates it) never sets a cookie: the first reader's CSRF secret stays theirs.
    reply.removeHeader('set-cookie');
    // Sent as the kept page will be sent again: in the encoding asked for (compression then leaves it), with its ETag.
    const encoding = encodingFor(request);
    validators(reply, etagOf(page, encoding), wanted.lastModified);
    reply.header('vary', 'Accept-Encoding, Cookie');
    const sent = representation(wanted.key, page, encoding, reply);
    reply.header('content-length', sent.length);
    return sent;
  });
}

/**
 * The encoding a kept page is sent in: exactly the one @fastify/compress would choose for the reply (its `encodings`
 * option in create-app.ts, `compressedEncodings`), so that it never compresses again a form sent under another's tag.
 * As the plugin does: the header lower-cased, `*` and `x-gzip` read as gzip, the preferred of brotli and gzip, and
 * identity when the reader accepts neither (identity is not among the plugin's choices: `gzip;q=0.5, identity` is gzip).
 */
export const compressedEncodings = ['br', 'gzip'] as const;
function encodingFor(request: FastifyRequest): Encoding {
  const header = request.headers['accept-encoding'];
  if (header === undefined) return 'identity';
  return negotiate(header.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [...compressedEncodings]) ?? 'identity';
}

/** One ETag a representation (RFC 9110 §8.8.3): the brotli and gzip forms of a page are other bytes, so other tags. */
function etagOf(page: Kept, encoding: Encoding): string {
  return encoding === 'identity' ? page.etag : `${page.etag.slice(0, -1)}-${encoding}"`;
}

function validators(reply: FastifyReply, etag: string, lastModified: string | null): void {
  reply.header('etag', etag);
  if (lastModified !== null) reply.header('last-modified', lastModified);
  reply.header('cache-control', 'no-cache');
}

/**
 * Whether the reader's copy is the page (RFC 9110 §13.1.2: If-None-Match, by the strong ETag). If-Modified-Since is not
 * honoured: Last-Modified is to the second, and two changes in one second would leave a reader with the first.
 */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

function encode(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  return body;
}
