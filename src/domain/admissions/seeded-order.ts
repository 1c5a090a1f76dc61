/**
 * Random allocation as a tie-break (School Admissions Code 1.34-1.35), made repeatable: an application's place in the
 * random order is a hash of the published seed and its reference, so the same seed re-run gives the same order and an
 * independent person can check it. FNV-1a (Fowler, Noll and Vo) over the reference, then a murmur3 finaliser mixing in
 * the seed; nothing random at run time.
 */

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: every input bit changes about half the output bits. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The key of an application (by its reference's FNV-1a hash) in the random order under `seed`: lower comes first. */
export function seededKey(seed: number, referenceHash: number): number {
  return mix32((referenceHash ^ mix32(seed + 0x9e3779b9)) >>> 0);
}
