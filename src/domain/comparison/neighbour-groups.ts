import type { NeighbourGroupAttributes } from '../geography/place-attributes.ts';

/**
 * An LA's own statistical-neighbour groups among all the groups it belongs to. DfE's lists give every LA a group of ten
 * (LAIT: SN1-SN10), so once a national list is imported Kent is a member of its own group and of every other LA's group
 * that names it; only the group that is *of* Kent describes Kent's comparators (research/domain.md §11.1). Lists are
 * versioned (the seed's 2012 group, DfE's April 2021 and May 2025 lists): newest first.
 */
export type NeighbourGroupPlace = Readonly<{ code: string; name: string; attributes: Pick<NeighbourGroupAttributes, 'of' | 'version'> }>;

export function ownNeighbourGroups<G extends NeighbourGroupPlace>(laCode: string, groups: readonly G[]): G[] {
  return groups
    .filter((g) => g.attributes.of === laCode)
    .sort((a, b) => b.attributes.version.localeCompare(a.attributes.version) || a.code.localeCompare(b.code));
}
