import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decideSuppression,
  isPrimarySuppressed,
  publicDisclosure,
  publicSuppressionIndexed,
  type Additivity,
  type Cell,
  type DisclosurePolicy,
  type Suppression,
} from './disclosure.ts';

// Secondary suppression was decided over maps of the cells' ids until issue 20 numbered the cells (a pupil file's family
// has many thousands). The reference below is that decision as it was written (disclosure.ts before 2026-12-05), kept to
// show the numbered one decides exactly as it did: the same cells hidden, for the same reasons, in every table.

const sizeOf = (cell: Cell) => (cell.unit === 'count' ? (cell.value ?? 0) : (cell.numerator ?? cell.denominator ?? cell.value ?? 0));

function referenceDecision(cells: readonly Cell[], groups: readonly Additivity[], policy: DisclosurePolicy): Map<string, Exclude<Suppression, null>> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const hidden = new Map<string, Exclude<Suppression, null>>();
  for (const c of cells) {
    if (c.symbol !== null && c.symbol !== 'low') hidden.set(c.id, 'source');
    else if (isPrimarySuppressed(c, policy)) hidden.set(c.id, 'primary');
  }
  if (policy.audience !== 'public' || groups.length === 0) return hidden;
  // The groups over cells the table holds (a group whose cells are all held is kept as it is: most are).
  const held: Additivity[] = [];
  for (const g of groups) {
    if (!byId.has(g.total)) continue;
    const whole = g.parts.every((p) => byId.has(p) && p !== g.total);
    const parts = whole ? g.parts : g.parts.filter((p) => byId.has(p) && p !== g.total);
    if (parts.length > 0) held.push(whole ? g : { total: g.total, parts });
  }
  const groupsOf = new Map<string, number[]>();
  held.forEach((g, index) => {
    for (const id of [g.total, ...g.parts]) {
      const of = groupsOf.get(id);
      if (of === undefined) groupsOf.set(id, [index]);
      else of.push(index);
    }
  });
  const pending = held.map((_, index) => index);
  const queued = new Uint8Array(held.length).fill(1);
  while (pending.length > 0) {
    const index = pending.pop()!;
    queued[index] = 0;
    const group = held[index]!;
    let hiddenCells = hidden.has(group.total) ? 1 : 0;
    for (const p of group.parts) if (hidden.has(p) && ++hiddenCells > 1) break;
    if (hiddenCells !== 1) continue;
    // The smallest visible part, the lesser id between equals; the total when none is visible.
    let next: string | undefined;
    let least = 0;
    for (const p of group.parts) {
      if (hidden.has(p)) continue;
      const revealed = sizeOf(byId.get(p)!);
      if (next === undefined || revealed < least || (revealed === least && p.localeCompare(next) < 0)) {
        next = p;
        least = revealed;
      }
    }
    next ??= group.total;
    hidden.set(next, 'secondary');
    for (const other of groupsOf.get(next) ?? [])
      if (queued[other] === 0) {
        queued[other] = 1;
        pending.push(other);
      }
  }
  return hidden;
}

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', '10', '9', '100'];
const anyCell = fc.record({
  id: fc.constantFrom(...ids),
  unit: fc.constantFrom<Cell['unit']>('count', 'percent'),
  decimalPlaces: fc.constant(0),
  value: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  numerator: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  denominator: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  symbol: fc.constantFrom<Cell['symbol']>(null, null, null, 'x', 'c', 'low'),
});
const anyGroup = fc.record({ total: fc.constantFrom(...ids), parts: fc.array(fc.constantFrom(...ids), { minLength: 0, maxLength: 6 }) });
const policies: DisclosurePolicy[] = [
  publicDisclosure,
  { ...publicDisclosure, countThreshold: 8, numeratorThreshold: 5, denominatorThreshold: 9 },
  { ...publicDisclosure, audience: 'la-officer' },
];

describe('secondary suppression decided by numbered cells', () => {
  it('hides what the decision over maps of ids hid, for the same reasons, in any table (duplicate ids, missing cells, parts that are their total)', () => {
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 14 }), fc.array(anyGroup, { maxLength: 8 }), fc.constantFrom(...policies), (cells, groups, policy) => {
        assert.deepEqual(decideSuppression(cells, groups, policy), referenceDecision(cells, groups, policy));
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers a table of distinct ids as the decision by ids does', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyCell, { selector: (c) => c.id, maxLength: 13 }), fc.array(anyGroup, { maxLength: 8 }), (cells, groups) => {
        const index = new Map(cells.map((c, i) => [c.id, i]));
        const numbered = groups.flatMap((g) => {
          const total = index.get(g.total);
          return total === undefined ? [] : [{ total, parts: g.parts.flatMap((p) => index.get(p) ?? []) }];
        });
        const byIds = decideSuppression(cells, groups, publicDisclosure);
        assert.deepEqual(
          publicSuppressionIndexed(cells, numbered, publicDisclosure),
          cells.map((c) => byIds.get(c.id) ?? null),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
