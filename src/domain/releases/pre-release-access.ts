import { releaseStateAt, type Release } from './release.ts';

/**
 * Who may read a release, and when (issue 19.7). Once published, everyone. Before, its administrators (a preview,
 * marked as not yet published) and the users on its pre-release list, from 24 hours before its publication time and
 * only once it is approved (its final form). The 24 hours are the Pre-release Access to Official Statistics Order 2008
 * (SI 2008/2998, https://www.legislation.gov.uk/uksi/2008/2998/schedule/made): access to official statistics in their
 * final form is granted to named eligible people, kept to the minimum, and not earlier than 24 hours before release
 * (ONS's own pre-release lists give "24 hrs" for every recipient, e.g. Index of Production, August 2013). The UK
 * Statistics Authority treats the Order as part of the Code of Practice for Statistics (practice T3.4,
 * https://www.statisticsauthority.gov.uk/code-of-practice/the-code/trustworthiness/t3-orderly-release/).
 */

export const preReleaseHours = 24;

/** The instant pre-release access opens: 24 hours before publication. */
export function preReleaseOpensAt(publishAt: Date): Date {
  return new Date(publishAt.getTime() - preReleaseHours * 3_600_000);
}

/** Who is reading: a user id (null: not signed in), and whether they manage releases (an administrator). */
export type ReleaseReader = Readonly<{ userId: number | null; managesReleases: boolean }>;

/** How a reader reads a release: as published, as its administrator's preview, with pre-release access, or not at all. */
export type ReleaseReading = 'published' | 'preview' | 'pre-release' | null;

export function releaseReadingOf(release: Pick<Release, 'stage' | 'publishAt' | 'preRelease'>, reader: ReleaseReader, now: Date): ReleaseReading {
  const state = releaseStateAt(release, now);
  if (state === 'published') return 'published';
  if (reader.managesReleases) return 'preview';
  if (state !== 'approved' || reader.userId === null || release.publishAt === null) return null;
  if (!release.preRelease.includes(reader.userId)) return null;
  return now.getTime() >= preReleaseOpensAt(new Date(release.publishAt)).getTime() ? 'pre-release' : null;
}
