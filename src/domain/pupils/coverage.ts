/**
 * A region's or England's figure is written only when the pupil file holds pupils in every LA there (a national
 * extract): an LA's own pupils summed are not England (ADR 0006). Returns the figures kept and the places left out.
 */
export function coveredFigures<F extends Readonly<{ level: string; code: string }>>(
  figures: readonly F[],
  laRegions: ReadonlyMap<string, string>,
): { kept: F[]; notCovered: string[] } {
  const withPupils = new Set(figures.filter((f) => f.level === 'la').map((f) => f.code));
  const regions = new Set(laRegions.values());
  const covered = new Set([...regions].filter((region) => [...laRegions].every(([la, r]) => r !== region || withPupils.has(la))));
  const englandCovered = regions.size > 0 && covered.size === regions.size;
  const isKept = (f: F) => (f.level === 'region' ? covered.has(f.code) : f.level === 'country' ? englandCovered : true);
  const notCovered = [...new Set(figures.filter((f) => !isKept(f)).map((f) => (f.level === 'country' ? 'England' : f.code)))].sort();
  return { kept: figures.filter(isKept), notCovered };
}
