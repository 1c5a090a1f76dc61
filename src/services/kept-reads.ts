import { LRUCache } from 'lru-cache';
import { disclosureKey, type DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import { londonDateOf } from '../domain/periods/london-time.ts';

/**
 * What the public pages read, kept a data version (issue 20.4, ADR 0026). The page cache keeps a public reader's page
 * whole; a signed-in reader's page is theirs (their name, their CSRF token, what their roles may do) and is rendered
 * for each request, but the figures it shows are not theirs alone: an evaluated framework, a school's profile, an
 * indicator's comparison depend on the store, the London date (a place's members are those of a day) and the reader's
 * disclosure policy (`disclosureKey`), and nothing else. So each such read is kept under the data version (migration
 * 0028: it moves with every committed change to anything a page shows), the date, the read's name, its arguments and
 * the policy's key, and every reader asking the same while nothing has changed is given what the first was.
 *
 * What is kept is frozen, deeply: a page that changed a kept value in place would change it for every later reader,
 * and now throws instead. Readers asking for a read that is under way wait for it; a read that fails is not kept.
 */
export type KeptReads = <T>(name: string, parts: readonly unknown[], read: () => Promise<T>) => Promise<T>;

export function createKeptReads(
  dataVersion: () => Promise<Readonly<{ version: bigint }>>,
  clock: () => Date,
  options: Readonly<{ megabytes: number }>,
): KeptReads {
  const kept = new LRUCache<string, Promise<unknown>>({ maxSize: Math.max(1, options.megabytes * 1024 * 1024), sizeCalculation: () => pending });
  let keptAt = -1n;
  return async <T>(name: string, parts: readonly unknown[], read: () => Promise<T>): Promise<T> => {
    if (options.megabytes === 0) return read();
    // The version first, the read after: what is kept under a version holds figures at least that new.
    const { version } = await dataVersion();
    if (version > keptAt) {
      // Reads of an earlier version are never asked for again.
      kept.clear();
      keptAt = version;
    } else if (version < keptAt) return read();
    const key = `${version}\n${londonDateOf(clock())}\n${name}\n${keyOf(parts)}`;
    const held = kept.get(key) as Promise<T> | undefined;
    if (held !== undefined) return held;
    const reading = read().then(freezeDeep);
    kept.set(key, reading);
    reading.then(
      // Kept again at its size once read (while still the read kept under its key).
      (value) => kept.peek(key) === reading && kept.set(key, reading, { size: sizeOf(value) }),
      () => kept.peek(key) === reading && kept.delete(key),
    );
    return reading;
  };
}

/** What a read under way counts against the size: little, until it is read and counted at its size. */
const pending = 1024;

/** About what a read takes in memory: twice its JSON's length (a map or a set as its members), as UTF-16 holds it. */
function sizeOf(value: unknown): number {
  const json = JSON.stringify(value, (_name, v: unknown) => (v instanceof Map || v instanceof Set ? [...v] : typeof v === 'bigint' ? String(v) : v));
  return Math.max(pending, 2 * (json?.length ?? 0));
}

/** A read's arguments as a key: a disclosure policy by its key; a Set, a Map or a function refused (JSON loses them). */
function keyOf(parts: readonly unknown[]): string {
  return JSON.stringify(parts, (_name, value: unknown) => {
    if (value instanceof Set || value instanceof Map || typeof value === 'function') throw new Error('a kept read is keyed by plain values');
    if (isPolicy(value)) return { policy: disclosureKey(value) };
    return value;
  });
}

function isPolicy(value: unknown): value is DisclosurePolicy {
  return typeof value === 'object' && value !== null && 'audience' in value && 'countThreshold' in value && 'denominatorThreshold' in value;
}

/** The value frozen through its objects, arrays, maps' and sets' members (a typed array cannot be frozen, and is left). */
function freezeDeep<T>(value: T): T {
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) return;
    seen.add(v);
    if (v instanceof Map)
      for (const [k, m] of v) {
        visit(k);
        visit(m);
      }
    else if (v instanceof Set) for (const m of v) visit(m);
    else for (const m of Object.values(v)) visit(m);
    Object.freeze(v);
  };
  visit(value);
  return value;
}
