import { releaseStateAt, type Release, type ReleaseContent } from './release.ts';

/**
 * A release's transitions (issue 19.7), each a check that returns the problems that refuse it (none: it may go ahead):
 *
 * - draft: an administrator writes and changes it (content and tables); whoever did last is its editor;
 * - draft → approved: by a different administrator from its editor (the four-eyes check), with a publication time no
 *   earlier than now (to the minute: "now" publishes it at once); approval fixes its content and its slug;
 * - approved → draft (sent back): before its publication time only, for changes; a new approval follows;
 * - approved and its time come → published: by the clock alone (`releaseStateAt`). A published release is never
 *   changed silently: it only takes a dated correction note (what was corrected, when, by whom), shown on the release,
 *   as official statistics are corrected in the open rather than replaced.
 */

export type ReleaseField = 'title' | 'summary' | 'commentary' | 'methodology' | 'footnotes' | 'tables' | 'publish' | 'note' | 'user' | 'release';
export type ReleaseProblem = Readonly<{ field: ReleaseField; message: string }>;

const limits: Readonly<Record<keyof ReleaseContent, Readonly<{ min: number; max: number; name: string }>>> = {
  title: { min: 1, max: 200, name: 'The title' },
  summary: { min: 1, max: 1000, name: 'The summary' },
  commentary: { min: 0, max: 20_000, name: 'The commentary' },
  methodology: { min: 0, max: 10_000, name: 'The methodology' },
  footnotes: { min: 0, max: 5_000, name: 'The footnotes' },
};

/** At most this many tables in a release. */
export const maxReleaseTables = 20;

/** A release's content as written (trimmed): a title and a summary, the rest optional, each within its length. */
export function contentProblems(content: ReleaseContent): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  for (const field of Object.keys(limits) as (keyof ReleaseContent)[]) {
    const { min, max, name } = limits[field];
    const text = content[field].trim();
    if (text.length < min) problems.push({ field, message: `Enter ${name.toLowerCase()}` });
    else if (text.length > max) problems.push({ field, message: `${name} must be ${max.toLocaleString('en-GB')} characters or fewer` });
  }
  return problems;
}

/** A release is changed (its content, its tables) only while it is a draft. */
export function editProblems(release: Pick<Release, 'stage' | 'publishAt'>, now: Date): ReleaseProblem[] {
  const state = releaseStateAt(release, now);
  if (state === 'published') return [{ field: 'release', message: 'A published release is never changed: add a correction note instead' }];
  if (state === 'approved') return [{ field: 'release', message: 'An approved release is not changed: send it back to draft first' }];
  return [];
}

/** The start of the minute `now` falls in: a publication time entered to the minute may be this one ("now"). */
function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / 60_000) * 60_000;
}

/**
 * Approve a draft: by an administrator other than its editor (four eyes), with valid content, at least one table and
 * a publication time no earlier than the current minute.
 */
export function approvalProblems(
  release: Pick<Release, 'stage' | 'publishAt' | 'editedBy' | 'content' | 'tables'>,
  approverId: number,
  publishAt: Date | null,
  now: Date,
): ReleaseProblem[] {
  if (releaseStateAt(release, now) !== 'draft') return [{ field: 'release', message: 'Only a draft is approved' }];
  const problems: ReleaseProblem[] = [];
  if (release.editedBy === approverId)
    problems.push({ field: 'release', message: 'You made the last change to this release: another administrator must approve it' });
  problems.push(...contentProblems(release.content));
  if (release.tables.length === 0) problems.push({ field: 'tables', message: 'Add at least one table before the release is approved' });
  if (publishAt === null)
    problems.push({ field: 'publish', message: 'Enter the publication date and time as a real day and a time, for example 4 12 2026 and 09:30' });
  else if (publishAt.getTime() < minuteOf(now)) problems.push({ field: 'publish', message: 'The publication time must be now or later' });
  return problems;
}

/** Send an approved release back to draft: only before it is published. */
export function sendBackProblems(release: Pick<Release, 'stage' | 'publishAt'>, now: Date): ReleaseProblem[] {
  const state = releaseStateAt(release, now);
  if (state === 'published') return [{ field: 'release', message: 'A published release cannot be sent back: add a correction note instead' }];
  if (state === 'draft') return [{ field: 'release', message: 'This release is already a draft' }];
  return [];
}

/** A correction note on a published release only: 1 to 2,000 characters of plain text. */
export function correctionProblems(release: Pick<Release, 'stage' | 'publishAt'>, note: string, now: Date): ReleaseProblem[] {
  if (releaseStateAt(release, now) !== 'published')
    return [{ field: 'note', message: 'A correction note is added to a published release: change a draft, or send an approved release back' }];
  const text = note.trim();
  if (text === '') return [{ field: 'note', message: 'Say what was corrected and why' }];
  if (text.length > 2000) return [{ field: 'note', message: 'The correction note must be 2,000 characters or fewer' }];
  return [];
}

/** The pre-release list changes until the release is published (after, everyone reads it and the list is its record). */
export function preReleaseListProblems(release: Pick<Release, 'stage' | 'publishAt'>, now: Date): ReleaseProblem[] {
  return releaseStateAt(release, now) === 'published' ? [{ field: 'user', message: 'The release is published: its pre-release list is kept as it was' }] : [];
}
