import type { DfeSymbol, Unit } from './indicator.ts';
import { roundHalfUp } from './rounding.ts';

/**
 * The one step every face calls to turn stored (true) values into what an audience may see: primary
 * suppression of small numbers, secondary suppression so a hidden cell cannot be recovered from a total and
 * its other parts, and DfE rounding. The store keeps true values; only this function decides what is shown.
 */

export type DisclosurePolicy = Readonly<{
  audience: 'public' | 'la-officer';
  /** Counts from 1 to countThreshold − 1 are suppressed (DfE: counts of 1 or 2 → threshold 3). */
  countThreshold: number;
  /** Rates and percentages whose numerator is from 1 to numeratorThreshold − 1 are suppressed. */
  numeratorThreshold: number;
  /** Rates, percentages and averages over fewer than denominatorThreshold pupils are suppressed (performance tables: 5 or fewer → 6). */
  denominatorThreshold: number;
  /**
   * Places (ids) where this reader sees true values instead, as `laOfficerDisclosure` shows them: signed-in staff at
   * the places their roles reach (domain/access/reach.ts). Everywhere else the policy above applies.
   */
  unsuppressedAt?: ReadonlySet<number>;
}>;

/** Published outputs: DfE's statistical policy on confidentiality and the performance tables' small-cohort rule. */
export const publicDisclosure: DisclosurePolicy = { audience: 'public', countThreshold: 3, numeratorThreshold: 3, denominatorThreshold: 6 };

/** LA officers working under a data-sharing agreement see true values, still rounded as published. */
export const laOfficerDisclosure: DisclosurePolicy = { audience: 'la-officer', countThreshold: 0, numeratorThreshold: 0, denominatorThreshold: 0 };

/**
 * What tells one reader's view of figures from another's (issue 20.4): two policies with the same key show every figure
 * alike, so what is read under one can be shown under the other. The places a reader sees true values at are listed in
 * order, so two officers whose roles reach the same places share a key.
 */
export function disclosureKey(policy: DisclosurePolicy): string {
  const at = policy.unsuppressedAt === undefined ? '' : [...policy.unsuppressedAt].sort((a, b) => a - b).join(',');
  return `${policy.audience}|${policy.countThreshold}|${policy.numeratorThreshold}|${policy.denominatorThreshold}|${at}`;
}

/** The policy a figure for one place is shown under: true values where the reader's roles reach it, else the reader's own. */
export function policyAt(policy: DisclosurePolicy, placeId: number): DisclosurePolicy {
  return policy.unsuppressedAt?.has(placeId) === true ? laOfficerDisclosure : policy;
}

/** How an answer names its disclosure: public, true values everywhere, or true values in the reader's scope only. */
export function disclosureName(policy: DisclosurePolicy): 'public' | 'la-officer' | 'in-scope' {
  return policy.audience === 'public' && (policy.unsuppressedAt?.size ?? 0) > 0 ? 'in-scope' : policy.audience;
}

/**
 * How an answer that reads figures of these places only names its disclosure: in scope only where the reader's roles
 * reach one of them, so a reader outside a place's scope is told, as well as shown, what the public is.
 */
export function disclosureNameOver(policy: DisclosurePolicy, placeIds: Iterable<number>): 'public' | 'la-officer' | 'in-scope' {
  if (disclosureName(policy) !== 'in-scope') return disclosureName(policy);
  for (const id of placeIds) if (policy.unsuppressedAt?.has(id) === true) return 'in-scope';
  return 'public';
}

export type Cell = Readonly<{
  id: string;
  unit: Unit;
  decimalPlaces: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** A symbol the source already gave (x not available, z not applicable, c suppressed upstream). */
  symbol: DfeSymbol | null;
}>;

/** The parts' counts add up to the total's (e.g. FSM + not FSM = all pupils; a district's schools = the district). */
export type Additivity = Readonly<{ total: string; parts: readonly string[] }>;

export type Suppression = 'source' | 'primary' | 'secondary' | null;

export type DisclosedCell = Readonly<{
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: DfeSymbol | null;
  suppression: Suppression;
}>;

const inRange = (n: number | null, threshold: number) => n !== null && n > 0 && n < threshold;

export function isPrimarySuppressed(cell: Cell, policy: DisclosurePolicy): boolean {
  if (cell.unit === 'count') return inRange(cell.value, policy.countThreshold);
  return inRange(cell.numerator, policy.numeratorThreshold) || inRange(cell.denominator, policy.denominatorThreshold);
}

/**
 * Which cells an audience may not see, and why: symbols the source gave, primary suppression of small numbers, then
 * secondary suppression (GSS; domain.md §9.3). Each additivity group is an equation total = Σ parts; a reader who
 * sees all but one of its cells recovers that one by subtraction, so no group may be left with exactly one hidden
 * cell. While one is, the smallest visible part (what subtraction would reveal least of) is hidden too, or the total
 * when no part is visible; this repeats across groups until none has exactly one hidden cell. Parts the table does
 * not hold are left out: a computed table holds every group that has pupils, so a missing part is none. The cells
 * hidden are given in the order the cells were first held (not the order they were hidden in).
 */
export function decideSuppression(cells: readonly Cell[], groups: readonly Additivity[], policy: DisclosurePolicy): Map<string, Exclude<Suppression, null>> {
  // The cells by id, numbered in the order first held (a later cell of the same id stands for it, as its figures).
  const indexOf = new Map<string, number>();
  const held: Cell[] = [];
  const first: (Exclude<Suppression, null> | null)[] = [];
  for (const c of cells) {
    let index = indexOf.get(c.id);
    if (index === undefined) {
      index = held.length;
      indexOf.set(c.id, index);
      first.push(null);
    }
    held[index] = c;
    first[index] = initialSuppression(c, policy) ?? first[index]!;
  }
  const indexed: IndexedAdditivity[] = [];
  for (const g of groups) {
    const total = indexOf.get(g.total);
    if (total === undefined) continue;
    const parts: number[] = [];
    for (const p of g.parts) {
      const part = indexOf.get(p);
      if (part !== undefined) parts.push(part);
    }
    indexed.push({ total, parts });
  }
  const decided = policy.audience === 'public' ? suppressIndexed(held, first, indexed) : first;
  const hidden = new Map<string, Exclude<Suppression, null>>();
  decided.forEach((why, index) => {
    if (why !== null) hidden.set(held[index]!.id, why);
  });
  return hidden;
}

/** An additivity group over cells named by their place in the table's list of cells. */
export type IndexedAdditivity = Readonly<{ total: number; parts: readonly number[] }>;

/** A cell's own suppression, before any other cell is weighed: a symbol the source gave, or primary. */
function initialSuppression(cell: Cell, policy: DisclosurePolicy): 'source' | 'primary' | null {
  if (cell.symbol !== null && cell.symbol !== 'low') return 'source';
  return isPrimarySuppressed(cell, policy) ? 'primary' : null;
}

/**
 * The public suppression of a table whose cells are named by their place in `cells` (each id once), as
 * `decideSuppression` decides it: each cell's own, then secondary suppression over the groups. The same decision with
 * numbers for names, so that a table of many thousands of cells (a pupil file's family) is decided without maps of
 * strings.
 */
export function publicSuppressionIndexed(
  cells: readonly Cell[],
  groups: readonly IndexedAdditivity[],
  policy: DisclosurePolicy,
): (Exclude<Suppression, null> | null)[] {
  const first = cells.map((c) => initialSuppression(c, policy));
  return policy.audience === 'public' ? suppressIndexed(cells, first, groups) : first;
}

/** Secondary suppression over the groups (each part ≠ its total kept; a group of no parts dropped), given each cell's own. */
function suppressIndexed(
  cells: readonly Cell[],
  first: readonly (Exclude<Suppression, null> | null)[],
  groups: readonly IndexedAdditivity[],
): (Exclude<Suppression, null> | null)[] {
  const hidden = [...first];
  if (groups.length === 0) return hidden;
  const held: IndexedAdditivity[] = [];
  for (const g of groups) {
    const whole = g.parts.every((p) => p !== g.total);
    const parts = whole ? g.parts : g.parts.filter((p) => p !== g.total);
    if (parts.length > 0) held.push(whole ? g : { total: g.total, parts });
  }
  // The groups each cell is in, as one list with each cell's start (cell i's are from start[i] to start[i + 1]).
  const start = new Int32Array(cells.length + 1);
  for (const g of held) {
    start[g.total + 1]!++;
    for (const p of g.parts) start[p + 1]!++;
  }
  for (let i = 0; i < cells.length; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, cells.length);
  const groupsOf = new Int32Array(start[cells.length]!);
  held.forEach((g, index) => {
    groupsOf[next[g.total]!++] = index;
    for (const p of g.parts) groupsOf[next[p]!++] = index;
  });
  const sizes = cells.map(size);
  const pending = held.map((_, index) => index);
  const queued = new Uint8Array(held.length).fill(1);
  while (pending.length > 0) {
    const index = pending.pop()!;
    queued[index] = 0;
    const group = held[index]!;
    let hiddenCells = hidden[group.total] === null ? 0 : 1;
    for (const p of group.parts) if (hidden[p] !== null && ++hiddenCells > 1) break;
    if (hiddenCells !== 1) continue;
    // The smallest visible part, the lesser id between equals; the total when none is visible.
    let chosen = -1;
    let least = 0;
    for (const p of group.parts) {
      if (hidden[p] !== null) continue;
      const revealed = sizes[p]!;
      if (chosen < 0 || revealed < least || (revealed === least && cells[p]!.id.localeCompare(cells[chosen]!.id) < 0)) {
        chosen = p;
        least = revealed;
      }
    }
    if (chosen < 0) chosen = group.total;
    hidden[chosen] = 'secondary';
    for (let at = start[chosen]!; at < start[chosen + 1]!; at++) {
      const other = groupsOf[at]!;
      if (queued[other] === 0) {
        queued[other] = 1;
        pending.push(other);
      }
    }
  }
  return hidden;
}

export function disclose(cells: readonly Cell[], groups: readonly Additivity[], policy: DisclosurePolicy): Map<string, DisclosedCell> {
  const hidden = decideSuppression(cells, groups, policy);
  const result = new Map<string, DisclosedCell>();
  for (const c of cells) {
    const suppression = hidden.get(c.id) ?? null;
    if (suppression !== null) {
      result.set(c.id, { id: c.id, value: null, numerator: null, denominator: null, symbol: suppression === 'source' ? c.symbol : 'c', suppression });
      continue;
    }
    if (c.value === null) {
      result.set(c.id, { id: c.id, value: null, numerator: c.numerator, denominator: c.denominator, symbol: c.symbol ?? 'x', suppression: null });
      continue;
    }
    const rounded = roundHalfUp(c.value, c.decimalPlaces);
    const low = rounded === 0 && c.value > 0;
    result.set(c.id, {
      id: c.id,
      value: low ? null : rounded,
      numerator: c.numerator,
      denominator: c.denominator,
      symbol: low ? 'low' : null,
      suppression: null,
    });
  }
  return result;
}

/** What subtraction would reveal: the count behind the cell. */
function size(cell: Cell): number {
  return cell.unit === 'count' ? (cell.value ?? 0) : (cell.numerator ?? cell.denominator ?? cell.value ?? 0);
}
