import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../../src/domain/access/route-access.ts';

/** A route as registered, with what it declares it needs (undefined only for the static files' plugin routes). */
export type Route = Readonly<{ method: string; url: string; access?: RouteAccess | undefined }>;

/**
 * Fastify's own route table: every route any createApp registers, read through an onRoute hook that Fastify's
 * 'fastify.initialization' diagnostics channel lets a test add before the first route. A new route is fuzzed without
 * this test changing.
 */
export async function appWithRouteTable(build: () => Promise<FastifyInstance>): Promise<{ app: FastifyInstance; routes: Route[] }> {
  const routes: Route[] = [];
  const channel = diagnostics.channel('fastify.initialization');
  const listen = (message: unknown) =>
    (message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access: route.config?.access });
    });
  channel.subscribe(listen);
  try {
    return { app: await build(), routes };
  } finally {
    channel.unsubscribe(listen);
  }
}

/**
 * The parameters the app itself asks for, read from what it serves: the fields of every form and the query of every
 * link on the pages the fuzz starts from, and the query parameters of the OpenAPI document. A new parameter is
 * fuzzed without this test changing; `unknown` stands for the parameters no route reads.
 */
export function parametersAsked(pages: readonly string[], openApi: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }) {
  const query = new Set(['unknown']);
  const form = new Map<string, Set<string>>();
  for (const body of pages) {
    for (const [, attributes, inside] of body.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
      const names = [...inside!.matchAll(/<(?:input|select|textarea)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]!);
      const action = /action="([^"?]+)/.exec(attributes!)?.[1];
      if (/method="post"/i.test(attributes!) && action !== undefined)
        for (const n of names) form.set(action, (form.get(action) ?? new Set(['unknown'])).add(n));
      else for (const n of names) query.add(n);
    }
    for (const [, search] of body.matchAll(/href="[^"?]*\?([^"#]*)"/g))
      for (const pair of search!.replace(/&amp;/g, '&').split('&')) query.add(decodeURIComponent(pair.split('=')[0]!));
  }
  for (const operations of Object.values(openApi.paths))
    for (const operation of Object.values(operations)) for (const p of operation.parameters ?? []) if (p.in === 'query') query.add(p.name);
  query.delete('');
  return { query: [...query], form };
}
