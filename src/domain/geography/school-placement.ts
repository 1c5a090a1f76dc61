import { academicYearSpan, censusDateOf } from '../periods/period.ts';
import { isMemberOn } from './place.ts';

/**
 * Where a school's results for an academic year count. Its LA and district are where it stood that year: a link that
 * was current at any time in the year (1 September to 31 August) counts, so a school that converted to an academy
 * after the January census still counts in its LA under its new URN, as it does in its district, and an LA is always
 * the sum of its districts. A school current in two LAs in one year (a boundary change) counts in the one it was in
 * last. LA-defined groupings count their members at the January census, as the memberships are dated by the LA.
 */

export type SchoolLink = Readonly<{
  schoolId: number;
  parentId: number;
  parentKind: 'la' | 'district' | 'grouping';
  validFrom: string | null;
  validTo: string | null;
}>;

export type Membership = Readonly<{ schoolId: number; parentId: number; parentKind: SchoolLink['parentKind'] }>;

export function membershipsForYear(links: readonly SchoolLink[], period: string): Membership[] {
  const { from, to } = academicYearSpan(period);
  const census = censusDateOf(period);
  const latest = new Map<string, SchoolLink>();
  const result: Membership[] = [];
  for (const link of links) {
    if (link.parentKind === 'grouping') {
      if (isMemberOn(link, census)) result.push({ schoolId: link.schoolId, parentId: link.parentId, parentKind: 'grouping' });
      continue;
    }
    const current = (link.validFrom === null || link.validFrom <= to) && (link.validTo === null || link.validTo >= from);
    if (!current) continue;
    const key = `${link.schoolId}|${link.parentKind}`;
    const held = latest.get(key);
    if (held === undefined || (link.validFrom ?? '') > (held.validFrom ?? '')) latest.set(key, link);
  }
  for (const link of latest.values()) result.push({ schoolId: link.schoolId, parentId: link.parentId, parentKind: link.parentKind });
  return result;
}
