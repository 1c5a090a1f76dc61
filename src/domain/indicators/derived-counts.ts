import type { DataVersion } from './indicator.ts';

/**
 * Figures Waymark derives from published counts where the publication gives the parts but not the whole:
 *
 * - a share that is the sum of other shares of the same applicants ("first or second preference" is the first
 *   preference offers plus the second preference offers, of the same applications), and
 * - a figure for all pupils from its breakdowns where the breakdowns partition them (DfE's applications and offers
 *   are published for primary and secondary entry only; offers to all applicants are the two phases' offers over the
 *   two phases' applications).
 *
 * Both are made from numerators and denominators, never from rounded percentages, and only where every part is
 * present with its counts and no symbol: a part that is suppressed or missing leaves no figure (a partial sum would
 * read as a fall). A derived figure is kept beside any published one for the same cell, never instead of it: which
 * one a page shows is figure-precedence.ts's rule (published first), so the result is the same in any import order.
 * This is how DfE combines its own counts (offers statistics add phases' counts, never rates:
 * research/domain.md §13, §14).
 */

/** The catalogue's instruction for a derived figure of one indicator. */
export type Derivation = Readonly<
  { kind: 'sum-of-indicators'; indicators: readonly string[] } | { kind: 'all-from-breakdowns'; breakdowns: readonly string[] }
>;

export type CountedFigure = Readonly<{
  indicatorCode: string;
  placeId: number;
  period: string;
  breakdown: string;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  dataVersion: DataVersion;
}>;

export type DerivedShare = Readonly<{
  indicatorCode: string;
  placeId: number;
  period: string;
  breakdown: string;
  value: number;
  numerator: number;
  denominator: number;
  rule: string;
  parts: number;
}>;

const versionOrder: Record<DataVersion, number> = { provisional: 0, revised: 1, final: 2 };

/** One figure per indicator, place, period and breakdown: the latest data version the store holds. */
function latest(figures: readonly CountedFigure[]): Map<string, CountedFigure> {
  const out = new Map<string, CountedFigure>();
  for (const f of figures) {
    const key = `${f.indicatorCode}|${f.placeId}|${f.period}|${f.breakdown}`;
    const held = out.get(key);
    if (held === undefined || versionOrder[f.dataVersion] > versionOrder[held.dataVersion]) out.set(key, f);
  }
  return out;
}

const usable = (f: CountedFigure | undefined): f is CountedFigure & { numerator: number; denominator: number } =>
  f !== undefined && f.symbol === null && f.numerator !== null && f.denominator !== null && f.denominator > 0;

/** A derived percentage of a cell from its counts, with the rule that made it and how many parts it adds. */
const shareOf = (
  cell: Pick<DerivedShare, 'indicatorCode' | 'placeId' | 'period' | 'breakdown'>,
  numerator: number,
  denominator: number,
  rule: string,
  parts: number,
): DerivedShare => ({ ...cell, value: (100 * numerator) / denominator, numerator, denominator, rule, parts });

/**
 * A percentage that is the sum of other percentages of the same denominator: for each place, period and breakdown
 * where every part has its numerator and the parts agree on the denominator, the parts' numerators added over it.
 */
export function sumOfIndicators(code: string, parts: readonly string[], figures: readonly CountedFigure[]): DerivedShare[] {
  const held = latest(figures);
  const cells = new Map<string, CountedFigure>();
  for (const f of held.values()) if (f.indicatorCode === parts[0]) cells.set(`${f.placeId}|${f.period}|${f.breakdown}`, f);
  const out: DerivedShare[] = [];
  for (const [cell, first] of cells) {
    const found = parts.map((p) => held.get(`${p}|${cell}`));
    if (!found.every(usable)) continue;
    const denominator = found[0]!.denominator;
    if (found.some((f) => f.denominator !== denominator)) continue;
    const numerator = found.reduce((sum, f) => sum + f.numerator, 0);
    const at = { indicatorCode: code, placeId: first.placeId, period: first.period, breakdown: first.breakdown };
    out.push(shareOf(at, numerator, denominator, `the numerators of ${parts.join(' and ')} added, over their common denominator`, parts.length));
  }
  return out;
}

/**
 * The 'all' figure of a percentage published only by breakdowns that partition its population: for each place and
 * period where every breakdown has its counts, the numerators added over the denominators added.
 */
export function allFromBreakdowns(code: string, breakdowns: readonly string[], figures: readonly CountedFigure[]): DerivedShare[] {
  const held = latest(figures.filter((f) => f.indicatorCode === code));
  const cells = new Map<string, { placeId: number; period: string }>();
  for (const f of held.values()) cells.set(`${f.placeId}|${f.period}`, { placeId: f.placeId, period: f.period });
  const out: DerivedShare[] = [];
  for (const [cell, { placeId, period }] of cells) {
    const found = breakdowns.map((b) => held.get(`${code}|${cell}|${b}`));
    if (!found.every(usable)) continue;
    const numerator = found.reduce((sum, f) => sum + f.numerator, 0);
    const denominator = found.reduce((sum, f) => sum + f.denominator, 0);
    const at = { indicatorCode: code, placeId, period, breakdown: 'all' };
    out.push(shareOf(at, numerator, denominator, `the numerators of ${breakdowns.join(' and ')} added, over their denominators added`, breakdowns.length));
  }
  return out;
}

/**
 * Every derived figure the catalogue asks for, from the figures held: sums of indicators first (so their breakdowns
 * exist), then 'all' figures from breakdowns, of published and of just-derived figures alike.
 */
export function deriveShares(derivations: ReadonlyMap<string, readonly Derivation[]>, figures: readonly CountedFigure[]): DerivedShare[] {
  const sums: DerivedShare[] = [];
  for (const [code, list] of derivations) for (const d of list) if (d.kind === 'sum-of-indicators') sums.push(...sumOfIndicators(code, d.indicators, figures));
  const withSums: CountedFigure[] = [...figures, ...sums.map((s) => ({ ...s, symbol: null, dataVersion: 'final' as const }))];
  const alls: DerivedShare[] = [];
  for (const [code, list] of derivations)
    for (const d of list) if (d.kind === 'all-from-breakdowns') alls.push(...allFromBreakdowns(code, d.breakdowns, withSums));
  return [...sums, ...alls];
}

/** The indicators whose figures a set of derivations reads. */
export function inputsOf(derivations: ReadonlyMap<string, readonly Derivation[]>): Set<string> {
  const inputs = new Set<string>();
  for (const [code, list] of derivations)
    for (const d of list) {
      if (d.kind === 'sum-of-indicators') d.indicators.forEach((i) => inputs.add(i));
      else inputs.add(code);
    }
  return inputs;
}
