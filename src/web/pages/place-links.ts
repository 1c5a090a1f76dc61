import type { PlaceKind } from '../../domain/geography/place.ts';

/** URLs for places: lower-case and hyphenated kinds, schools under /schools/{URN}. */
export function placeHref(p: { kind: PlaceKind; code: string }): string {
  return p.kind === 'school' ? `/schools/${encodeURIComponent(p.code)}` : `/places/${p.kind.replace('_', '-')}/${encodeURIComponent(p.code)}`;
}

export function kindFromUrl(segment: string): PlaceKind | null {
  const kind = segment.replace('-', '_');
  const kinds: readonly string[] = ['country', 'region', 'la', 'district', 'grouping', 'trust', 'federation', 'sponsor', 'neighbour_group'];
  return kinds.includes(kind) ? (kind as PlaceKind) : null;
}

export function breadcrumbsFor(ancestors: readonly { kind: PlaceKind; code: string; name: string }[]) {
  return [{ text: 'Home', href: '/' }, ...ancestors.map((a) => ({ text: a.name, href: placeHref(a) }))];
}
