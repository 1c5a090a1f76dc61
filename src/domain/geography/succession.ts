/**
 * School successions from GIAS links. GIAS writes each link from both ends ("Successor" on the old
 * school's row, "Predecessor" on the new one's); we keep one predecessor → successor pair.
 */

export type SuccessionReason = 'successor' | 'merged' | 'amalgamated' | 'split';

export type LinkReading =
  Readonly<{ kind: 'succession'; predecessorUrn: string; successorUrn: string; reason: SuccessionReason }> | Readonly<{ kind: 'other'; linkType: string }>;

export const successionLabels: Readonly<Record<SuccessionReason, string>> = {
  successor: 'replaced by (e.g. academy conversion or re-opening)',
  merged: 'merged',
  amalgamated: 'amalgamated',
  split: 'split',
};

export function readLink(urn: string, linkUrn: string, linkType: string): LinkReading {
  const type = linkType.trim();
  const match = /^(Predecessor|Successor)(?: - (merged|amalgamated|Split School))?$/.exec(type);
  if (match === null) {
    // "Result of Amalgamation" is written on the new school's row: the linked URN is one of its predecessors.
    if (type === 'Result of Amalgamation') return { kind: 'succession', predecessorUrn: linkUrn, successorUrn: urn, reason: 'amalgamated' };
    return { kind: 'other', linkType: type };
  }
  const reason: SuccessionReason = match[2] === undefined ? 'successor' : match[2] === 'Split School' ? 'split' : (match[2] as 'merged' | 'amalgamated');
  return match[1] === 'Successor'
    ? { kind: 'succession', predecessorUrn: urn, successorUrn: linkUrn, reason }
    : { kind: 'succession', predecessorUrn: linkUrn, successorUrn: urn, reason };
}

/**
 * "Result of Amalgamation" names no direction: it is read as written on the new school's row, but GIAS sometimes
 * writes it on both schools' rows (Madginford Primary 118488 and Madginford Park Junior 118469, Kent, 2014: each row
 * names the other). Read both ways, each school would be the other's predecessor, and each would carry the other's
 * inspections. The keys (`predecessor>successor`) of such pairs, both ends: the file cannot say which school went on.
 */
export function twoWayAmalgamations(links: readonly Readonly<{ urn: string; linkUrn: string; linkType: string }>[]): Set<string> {
  const amalgamations = new Set(links.filter((l) => l.linkType.trim() === 'Result of Amalgamation').map((l) => `${l.urn}>${l.linkUrn}`));
  const twoWay = new Set<string>();
  for (const key of amalgamations) {
    const [urn, linkUrn] = key.split('>') as [string, string];
    if (amalgamations.has(`${linkUrn}>${urn}`)) twoWay.add(`${linkUrn}>${urn}`);
  }
  return twoWay;
}

export type Succession = Readonly<{ predecessorUrn: string; successorUrn: string; reason: SuccessionReason; linkedOn: string | null }>;

/** Every URN a school has had, oldest first, following predecessors back and successors forward (cycle-safe). */
export function historyOf(urn: string, successions: readonly Succession[]): readonly Succession[] {
  const seen = new Set<string>();
  const chain: Succession[] = [];
  const visit = (current: string): void => {
    for (const s of successions) {
      const key = `${s.predecessorUrn}>${s.successorUrn}`;
      if (seen.has(key) || (s.successorUrn !== current && s.predecessorUrn !== current)) continue;
      seen.add(key);
      chain.push(s);
      visit(s.successorUrn === current ? s.predecessorUrn : s.successorUrn);
    }
  };
  visit(urn);
  return chain.sort((a, b) => (a.linkedOn ?? '').localeCompare(b.linkedOn ?? '') || a.predecessorUrn.localeCompare(b.predecessorUrn));
}

/**
 * Each school's line of URNs, newest first: the URNs it has had through conversions, each a one-to-one "successor"
 * link (an academy conversion, a re-designation) whose predecessor has no other successor and whose successor no
 * other predecessor. A merger, an amalgamation or a split ends the line: the school on the other side is another
 * school, and its results are never read as this one's. Followed forward to the newest URN, then back to the oldest
 * (cycle-safe). The successions are indexed once; the function returned gives any URN's line.
 */
export function conversionLines(successions: readonly Pick<Succession, 'predecessorUrn' | 'successorUrn' | 'reason'>[]): (urn: string) => string[] {
  const after = new Map<string, string[]>();
  const before = new Map<string, string[]>();
  const successorLinks = new Set<string>();
  for (const s of successions) {
    after.set(s.predecessorUrn, [...(after.get(s.predecessorUrn) ?? []), s.successorUrn]);
    before.set(s.successorUrn, [...(before.get(s.successorUrn) ?? []), s.predecessorUrn]);
    if (s.reason === 'successor') successorLinks.add(`${s.predecessorUrn}>${s.successorUrn}`);
  }
  const converted = (predecessor: string, successor: string) =>
    after.get(predecessor)?.length === 1 && before.get(successor)?.length === 1 && successorLinks.has(`${predecessor}>${successor}`);
  const onlyAfter = (urn: string) => (after.get(urn)?.length === 1 ? after.get(urn)![0]! : undefined);
  const onlyBefore = (urn: string) => (before.get(urn)?.length === 1 ? before.get(urn)![0]! : undefined);
  return (urn) => {
    let newest = urn;
    const seen = new Set([urn]);
    for (let next = onlyAfter(newest); next !== undefined && !seen.has(next) && converted(newest, next); next = onlyAfter(newest)) {
      seen.add(next);
      newest = next;
    }
    const line = [newest];
    for (
      let previous = onlyBefore(newest);
      previous !== undefined && !line.includes(previous) && converted(previous, line.at(-1)!);
      previous = onlyBefore(previous)
    )
      line.push(previous);
    return line;
  };
}
