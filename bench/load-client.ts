/**
 * The page-load client (issue 20.1), run in a process of its own so that its work is not the server's: for each page
 * kind, `connections` clients each ask for the kind's addresses in turn over a kept-alive connection, each asking
 * again as soon as its answer is read, first for a warm-up (not counted), then for the measured time. Asks as a browser
 * does (brotli or gzip accepted) and reads every byte, but does not decompress (as wrk and autocannon do not: that is
 * the reader's machine's work, and here it would take the server's cores). With `cookie`, each client starts from that
 * cookie (a signed-in reader's session) and keeps what the server sets, as a browser does. Prints one JSON line a kind:
 * requests, errors, throughput and p50, p95, p99.
 *
 *   tsx bench/load-client.ts '{"base":"http://127.0.0.1:1234","connections":50,"warmupMs":2000,"ms":10000,
 *                              "kinds":[{"label":"school page","urls":["/schools/1","/schools/2"]}]}'
 */

import { Agent, get as httpGet } from 'node:http';

type Plan = Readonly<{
  base: string;
  connections: number;
  warmupMs: number;
  ms: number;
  cookie?: string;
  kinds: readonly Readonly<{ label: string; urls: readonly string[] }>[];
}>;

const plan = JSON.parse(process.argv[2] ?? '') as Plan;
const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });

/** `name=value` (the value may hold `=`) as its name and value. */
function cookiePair(text: string): [string, string] {
  const at = text.indexOf('=');
  return at < 0 ? [text.trim(), ''] : [text.slice(0, at).trim(), text.slice(at + 1)];
}

/** One GET with the client's cookies, its body read to the end, the cookies it sets kept; the status code. */
function get(url: string, jar: Map<string, string>): Promise<number> {
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return new Promise((resolve, reject) => {
    const headers = { 'accept-encoding': 'br, gzip', ...(cookie === '' ? {} : { cookie }) };
    const request = httpGet(url, { agent, headers }, (response) => {
      for (const set of response.headers['set-cookie'] ?? []) jar.set(...cookiePair(set.split(';')[0]!));
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function run(urls: readonly string[], ms: number, latencies: number[] | null): Promise<number> {
  let errors = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: plan.connections }, async (_, client) => {
      const jar = new Map<string, string>(plan.cookie === undefined ? [] : [cookiePair(plan.cookie)]);
      for (let i = client; performance.now() < until; i++) {
        const start = performance.now();
        try {
          if ((await get(`${plan.base}${urls[i % urls.length]}`, jar)) !== 200) errors++;
        } catch {
          errors++;
        }
        latencies?.push(performance.now() - start);
      }
    }),
  );
  return errors;
}

for (const kind of plan.kinds) {
  await run(kind.urls, plan.warmupMs, null);
  const latencies: number[] = [];
  const errors = await run(kind.urls, plan.ms, latencies);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(
    JSON.stringify({
      label: kind.label,
      urls: kind.urls.length,
      requests: latencies.length,
      errors,
      perSecond: latencies.length / (plan.ms / 1000),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
    }),
  );
}
agent.destroy();
