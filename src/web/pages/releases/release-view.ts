import { preReleaseOpensAt } from '../../../domain/releases/pre-release-access.ts';
import { londonDateTimeInFull } from '../../../domain/releases/publication-time.ts';
import { releaseStateLabels } from '../../../domain/releases/release.ts';
import { footnotesOf, paragraphsOf } from '../../../domain/releases/release-text.ts';
import type { ReleaseShown } from '../../../services/releases/release-service.ts';
import { tablesView } from '../tables/tables-view.ts';

const inFull = (iso: string | null) => (iso === null ? null : londonDateTimeInFull(new Date(iso)));

/**
 * A release as its page shows it: the plain text split into paragraphs and footnotes (escaped by the template: no
 * HTML from users), every time in full in England's time, and its tables as the table builder's permalink page shows
 * them (one list, so every table's id on the page is its own).
 */
export function releaseView(shown: ReleaseShown) {
  const { release, state, permalinks } = shown;
  return {
    id: release.id,
    state,
    stateLabel: releaseStateLabels[state],
    title: release.content.title,
    summary: paragraphsOf(release.content.summary),
    commentary: paragraphsOf(release.content.commentary),
    methodology: paragraphsOf(release.content.methodology),
    footnotes: footnotesOf(release.content.footnotes),
    slug: release.slug,
    publishes: inFull(release.publishAt),
    preReleaseOpens: release.publishAt === null ? null : londonDateTimeInFull(preReleaseOpensAt(new Date(release.publishAt))),
    corrections: release.corrections.map((c) => ({ note: c.note, by: c.by, when: londonDateTimeInFull(new Date(c.at)) })),
    tables: tablesView(permalinks.flatMap((p) => p.tables)),
    permalinks: permalinks.map((p) => ({ id: p.id, made: londonDateTimeInFull(new Date(p.createdAt)), tables: p.tables.map((t) => t.indicator.title) })),
    created: { by: release.names.createdBy, when: inFull(release.createdAt) },
    edited: { by: release.names.editedBy, when: inFull(release.editedAt) },
    approved: release.approvedAt === null ? null : { by: release.names.approvedBy, when: inFull(release.approvedAt) },
    sentBack: release.sentBackAt === null ? null : { by: release.names.sentBackBy, when: inFull(release.sentBackAt) },
    preReleaseUsers: release.preReleaseUsers,
  };
}

export type ReleaseView = ReturnType<typeof releaseView>;
