/**
 * Releases (issue 19.7): an administrator prepares a release of chosen tables and commentary, as the DfE's Explore
 * Education Statistics publishes its release pages; a second administrator approves it with the time it is published;
 * the public reads it from that time at a permalink that never changes. What is stored is where the administrators
 * left it (`draft` or `approved`); whether it is published is worked out from the approval and the clock
 * (`releaseStateAt`), so no scheduler has to run at 9:30am for it to appear.
 */

/** Where the administrators left a release: being written, or approved with its publication time. */
export type ReleaseStage = 'draft' | 'approved';

/** A release as a reader at an instant finds it: `published` once an approved release's time has come. */
export type ReleaseState = 'draft' | 'approved' | 'published';

/** What an administrator writes: plain text, never HTML (paragraphs are separated by a blank line; footnotes one a line). */
export type ReleaseContent = Readonly<{
  title: string;
  summary: string;
  commentary: string;
  methodology: string;
  footnotes: string;
}>;

export type ReleaseCorrection = Readonly<{ note: string; by: string; at: string }>;

/** A release as held: its content, its tables (permalink ids, in order), who did what and when, and its pre-release list. */
export type Release = Readonly<{
  id: number;
  stage: ReleaseStage;
  content: ReleaseContent;
  /** The table builder's permalink ids, in the order the release shows them. */
  tables: readonly string[];
  createdBy: number;
  createdAt: string;
  /** The administrator who last changed its content or tables (the one who may not approve it). */
  editedBy: number;
  editedAt: string;
  approvedBy: number | null;
  approvedAt: string | null;
  /** The instant it is published (ISO), fixed at approval. */
  publishAt: string | null;
  /** Its permalink, `/releases/<slug>`, fixed at approval. */
  slug: string | null;
  /** The users who may read it before it is published (pre-release access). */
  preRelease: readonly number[];
  corrections: readonly ReleaseCorrection[];
}>;

/** A release's state at an instant: approved and its time come is published; an approval is otherwise as stored. */
export function releaseStateAt(release: Pick<Release, 'stage' | 'publishAt'>, now: Date): ReleaseState {
  if (release.stage === 'draft' || release.publishAt === null) return 'draft';
  return Date.parse(release.publishAt) <= now.getTime() ? 'published' : 'approved';
}

export const releaseStateLabels: Readonly<Record<ReleaseState, string>> = { draft: 'Draft', approved: 'Approved', published: 'Published' };
