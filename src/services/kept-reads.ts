import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { disclosureKey, type DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import { londonDateOf } from '../domain/periods/london-time.ts';

/**
 * What the pages read, kept a data version (issue 20.4, ADR 0026). The page cache keeps a public reader's page whole;
 * a signed-in reader's page is theirs (their name, their CSRF token, what their roles may do) and is rendered for each
 * request, but the figures it shows are not theirs alone: an evaluated framework, a school's profile, an indicator's
 * comparison depend on the store, the London date (a place's members are those of a day) and the reader's disclosure
 * policy (`disclosureKey`), and nothing else. So each such read is kept under the data version (migration 0028: it
 * moves with every committed change to anything a page shows), the date, the read's name, its arguments and the
 * policy's key, and every reader asking the same while nothing has changed is given what the first was.
 *
 * What a read gives is frozen, deeply, whether kept or not: a page that changed a kept value in place would change it
 * for every later reader, and throws instead. A Map's or a Set's own methods that would change it throw too (the reach
 * a reader's policy holds is a Set, shared by every reader of the same reach).
 * Readers asking for a read that is under way wait for it; a read that fails is not kept.
 */
export type KeptReads = <T>(name: string, parts: readonly unknown[], read: () => Promise<T>) => Promise<T>;

export function createKeptReads(
  dataVersion: () => Promise<Readonly<{ version: bigint }>>,
  clock: () => Date,
  options: Readonly<{ megabytes: number }>,
): KeptReads {
  const maxSize = Math.max(pending, Math.floor(options.megabytes * 1024 * 1024));
  const kept = new LRUCache<string, Promise<unknown>>({ maxSize, sizeCalculation: () => pending });
  let keptAt = -1n;
  return async <T>(name: string, parts: readonly unknown[], read: () => Promise<T>): Promise<T> => {
    if (options.megabytes <= 0) return read().then(freezeDeep);
    // The version first, the read after: what is kept under a version holds figures at least that new.
    const { version } = await dataVersion();
    if (version > keptAt) {
      // Reads of an earlier version are never asked for again.
      kept.clear();
      keptAt = version;
    } else if (version < keptAt) return read().then(freezeDeep);
    const key = `${version}\n${londonDateOf(clock())}\n${name}\n${keyOf(parts)}`;
    const held = kept.get(key) as Promise<T> | undefined;
    if (held !== undefined) return held;
    const reading = read().then(freezeDeep);
    kept.set(key, reading);
    // Kept again at its size once read, while still the read kept under its key; let go if it failed or cannot be sized.
    reading
      .then((value) => {
        if (kept.peek(key) === reading) kept.set(key, reading, { size: sizeOf(value) });
      })
      .catch(() => {
        if (kept.peek(key) === reading) kept.delete(key);
      });
    return reading;
  };
}

/** A request's reads: each store's data version, once read (`oneVersionARequest`). */
const requestReads = new AsyncLocalStorage<Map<object, Promise<unknown>>>();

/**
 * Run a request's work reading the data version at most once (web: every GET and HEAD): its kept reads, its reader's
 * reach and its kept page are all of the version read first, after the request began. A request that writes must not
 * run within one: what it reads after its write would be of the version before it.
 */
export function withinOneReadingRequest<T>(work: () => T): T {
  return requestReads.run(new Map(), work);
}

/** The data version as `read` gives it, read once a request within `withinOneReadingRequest`, and every time outside. */
export function oneVersionARequest<V>(read: () => Promise<V>): () => Promise<V> {
  const once = (): Promise<V> => {
    const request = requestReads.getStore();
    if (request === undefined) return read();
    let version = request.get(once) as Promise<V> | undefined;
    if (version === undefined) request.set(once, (version = read()));
    return version;
  };
  return once;
}

/** What a read under way counts against the size: little, until it is read and counted at its size. */
const pending = 1024;

/**
 * About what a read takes in memory: twice its JSON's length (a map or a set as its members). Rough both ways: an
 * object takes more than its JSON, an ASCII string less, and what several reads share (a framework, an indicator) is
 * counted in each.
 */
function sizeOf(value: unknown): number {
  const json = JSON.stringify(value, (_name, v: unknown) => (v instanceof Map || v instanceof Set ? [...v] : typeof v === 'bigint' ? String(v) : v));
  return Math.max(pending, 2 * (json?.length ?? 0));
}

/** A disclosure policy's key, worked out once a policy (a request's policy object is asked for by each of its reads). */
const policyKeys = new WeakMap<DisclosurePolicy, string>();

/**
 * A read's arguments as a key: a disclosure policy by its key (hashed: an officer's reach can list thousands of
 * places); refused, what JSON would write as another value (a Set or a Map as `{}`, NaN or an infinity as `null`) or
 * not at all (a function).
 */
function keyOf(parts: readonly unknown[]): string {
  return JSON.stringify(parts, (_name, value: unknown) => {
    if (value instanceof Set || value instanceof Map || typeof value === 'function' || (typeof value === 'number' && !Number.isFinite(value)))
      throw new Error('a kept read is keyed by plain values');
    if (!isPolicy(value)) return value;
    let key = policyKeys.get(value);
    if (key === undefined) {
      key = createHash('sha256').update(disclosureKey(value)).digest('base64url');
      policyKeys.set(value, key);
    }
    return { policy: key };
  });
}

function isPolicy(value: unknown): value is DisclosurePolicy {
  return (
    typeof value === 'object' &&
    value !== null &&
    'audience' in value &&
    'countThreshold' in value &&
    'numeratorThreshold' in value &&
    'denominatorThreshold' in value
  );
}

/** What changes a Map or a Set in place: each is given its own, which throws, when a kept read holding one is frozen. */
const changing = { map: ['set', 'delete', 'clear'], set: ['add', 'delete', 'clear'] } as const;
const refuseChange = () => {
  throw new TypeError('a kept read cannot be changed');
};

/**
 * The value frozen through its objects, arrays, maps' and sets' members, and its maps and sets made to refuse a change
 * (freezing one leaves its members free to change); a typed array cannot be frozen, and is left.
 */
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
    if (v instanceof Map || v instanceof Set)
      for (const method of v instanceof Map ? changing.map : changing.set) Object.defineProperty(v, method, { value: refuseChange });
    Object.freeze(v);
  };
  visit(value);
  return value;
}
