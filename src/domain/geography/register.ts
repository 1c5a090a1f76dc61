import type { PlaceStatus } from './place.ts';
import type { SchoolAttributes } from './place-attributes.ts';
import type { SuccessionReason } from './succession.ts';

/** Records that register files carry, as plain data: what imports produce and the store writes. */

export type Located = { readonly line: number };

export type LaRecord = Located & Readonly<{ code: string; name: string; regionCode: string; laType: string | null }>;

export type SchoolRecord = Located &
  Readonly<{
    urn: string;
    name: string;
    laName: string | null;
    status: PlaceStatus;
    openedOn: string | null;
    closedOn: string | null;
    attributes: SchoolAttributes;
    /** GIAS gives the administrative district; other registers leave it to the postcode. */
    district: Readonly<{ code: string; name: string }> | null;
  }>;

export type SuccessionRecord = Located &
  Readonly<{ predecessorUrn: string; successorUrn: string; reason: SuccessionReason; linkType: string; linkedOn: string | null }>;

export type GroupKind = 'trust' | 'federation' | 'sponsor';

export type GroupMembershipRecord = Located &
  Readonly<{
    urn: string;
    group: Readonly<{
      kind: GroupKind;
      code: string;
      name: string;
      groupType: string;
      companiesHouseNumber: string | null;
      status: PlaceStatus;
      openedOn: string | null;
      closedOn: string | null;
    }>;
    joinedOn: string | null;
  }>;

export type PostcodeRecord = Located &
  Readonly<{ postcode: string; countyCode: string; districtCode: string; wardCode: string | null; easting: number | null; northing: number | null }>;

export type AreaNameRecord = Located & Readonly<{ level: 'county' | 'district' | 'ward'; code: string; name: string }>;

export type GroupingRecord = Located & Readonly<{ urn: string; groupCode: string; groupName: string; validFrom: string | null; validTo: string | null }>;

/** One LA's statistical neighbours in one published list, closest first. */
export type NeighbourListRecord = Located &
  Readonly<{ laCode: string; laName: string; version: string; neighbours: readonly Readonly<{ rank: number; code: string; closeness: string }>[] }>;
