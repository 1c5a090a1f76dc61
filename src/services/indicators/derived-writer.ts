import { deriveShares, inputsOf, type CountedFigure, type Derivation } from '../../domain/indicators/derived-counts.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { Store } from '../../store/store.ts';

/**
 * Remakes the figures the catalogue derives from published counts (domain/indicators/derived-counts.ts) for the
 * periods a file touched, from every published figure the store then holds for them, so the result is the same
 * whichever file came first. Returns a note for the batch, or null when the file feeds no derivation.
 */
export async function writeDerivedShares(
  tx: Store,
  catalogue: readonly Indicator[],
  written: ReadonlySet<string>,
  periods: readonly string[],
  batchId: number,
): Promise<string | null> {
  const derivations = new Map<string, readonly Derivation[]>();
  for (const i of catalogue) if (i.derive !== undefined) derivations.set(i.code, i.derive);
  const inputs = inputsOf(derivations);
  if (![...written].some((code) => inputs.has(code)) || periods.length === 0) return null;
  const figures: CountedFigure[] = [];
  for (const period of periods) figures.push(...(await tx.observations.find({ indicatorCodes: [...inputs], period, basis: 'published', limit: 10_000_000 })));
  const shares = deriveShares(derivations, figures);
  const count = await tx.observations.replaceDerived(
    [...derivations.keys()],
    shares.map((s) => ({
      indicatorCode: s.indicatorCode,
      placeId: s.placeId,
      period: s.period,
      breakdown: s.breakdown,
      value: s.value,
      numerator: s.numerator,
      denominator: s.denominator,
      symbol: null,
      rule: s.rule,
      detail: { parts: s.parts },
    })),
    batchId,
    periods,
  );
  return `${count} figures derived from published counts (${[...derivations.keys()].join(', ')}) written as computed figures with their rule`;
}
