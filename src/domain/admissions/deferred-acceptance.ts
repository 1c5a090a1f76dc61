/**
 * Applicant-proposing deferred acceptance (Gale and Shapley 1962, "College admissions and the stability of marriage"):
 * each child applies to their next preference; each school holds its best-ranked applicants up to its places and rejects
 * the rest; until no one is rejected. The outcome is stable and the best stable outcome for every child (Roth 1982), and
 * it is what the equal-preference scheme does: each child is offered the highest preference at which they rank within
 * the school's places (School Admissions Code 2014 para 2.10; domain.md §13).
 *
 * On integer arrays: a school's held applicants are a max-heap of their positions in its order, so a proposal costs
 * O(log places); every child proposes at most once to each of their preferences.
 */
import type { RankedRound } from './rank-applicants.ts';

/** Per child, the proposal they hold at the end (an index into the ranked round's proposals), -1 where none. */
export function deferredAcceptance(ranked: RankedRound): Int32Array {
  const { places, proposalStart, proposalSchool, proposalPosition, orderStart, orderProposal } = ranked;
  const children = proposalStart.length - 1;
  const schools = places.length;
  // School s's heap of held positions is heap[heapStart[s] .. heapStart[s] + heapSize[s]), largest (worst) at the top.
  const heapStart = new Int32Array(schools + 1);
  for (let s = 0; s < schools; s++) heapStart[s + 1] = heapStart[s]! + places[s]!;
  const heap = new Int32Array(heapStart[schools]!);
  const heapSize = new Int32Array(schools);
  const next = proposalStart.slice(0, children);
  const free = new Int32Array(children);
  let freeCount = 0;
  for (let c = children - 1; c >= 0; c--) free[freeCount++] = c;

  while (freeCount > 0) {
    const c = free[--freeCount]!;
    const p = next[c]!;
    if (p >= proposalStart[c + 1]!) continue; // no preference left
    next[c] = p + 1;
    const s = proposalSchool[p]!;
    const position = proposalPosition[p]!;
    const base = heapStart[s]!;
    const size = heapSize[s]!;
    if (size < places[s]!) {
      // A free place: hold, sifting up.
      let i = size;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[base + parent]! >= position) break;
        heap[base + i] = heap[base + parent]!;
        i = parent;
      }
      heap[base + i] = position;
      heapSize[s] = size + 1;
    } else if (size > 0 && heap[base]! > position) {
      // Full, and this child ranks above the worst held: hold them instead, and the worst is free again.
      const worst = heap[base]!;
      free[freeCount++] = ranked.proposalChild[orderProposal[orderStart[s]! + worst]!]!;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        const larger = right < size && heap[base + right]! > heap[base + left]! ? right : left;
        if (heap[base + larger]! <= position) break;
        heap[base + i] = heap[base + larger]!;
        i = larger;
      }
      heap[base + i] = position;
    } else free[freeCount++] = c; // rejected: on to their next preference
  }

  const held = new Int32Array(children).fill(-1);
  for (let s = 0; s < schools; s++)
    for (let k = 0; k < heapSize[s]!; k++) {
      const p = orderProposal[orderStart[s]! + heap[heapStart[s]! + k]!]!;
      held[ranked.proposalChild[p]!] = p;
    }
  return held;
}
