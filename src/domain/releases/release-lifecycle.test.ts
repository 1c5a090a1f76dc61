import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releaseStateAt, type Release } from './release.ts';
import { approvalProblems, contentProblems, correctionProblems, editProblems, preReleaseListProblems, sendBackProblems } from './release-lifecycle.ts';

// Issue 19.7: draft → approved (by another administrator) → published (by the clock); sent back before publication;
// a published release only takes correction notes.

const now = new Date('2026-12-03T10:00:00Z');
const draft: Release = {
  id: 1,
  stage: 'draft',
  content: { title: 'Kent education performance, 2014/15', summary: 'Results at every key stage.', commentary: '', methodology: '', footnotes: '' },
  tables: ['abcdefghijklmnop'],
  createdBy: 1,
  createdAt: '2026-12-01T10:00:00Z',
  editedBy: 1,
  editedAt: '2026-12-01T10:00:00Z',
  approvedBy: null,
  approvedAt: null,
  publishAt: null,
  slug: null,
  preRelease: [],
  corrections: [],
};
const approved: Release = {
  ...draft,
  stage: 'approved',
  approvedBy: 2,
  approvedAt: '2026-12-02T10:00:00Z',
  publishAt: '2026-12-04T09:30:00Z',
  slug: 'x-2026-12-04',
};
const published: Release = { ...approved, publishAt: '2026-12-03T09:30:00Z' };
const fields = (problems: readonly { field: string }[]) => problems.map((p) => p.field);

describe('a release’s state at an instant', () => {
  it('is a draft until approved, whatever the clock says', () => {
    assert.equal(releaseStateAt(draft, new Date('2099-01-01T00:00:00Z')), 'draft');
  });

  it('is approved before its publication time and published from that instant on (no scheduler: the clock decides)', () => {
    assert.equal(releaseStateAt(approved, new Date('2026-12-04T09:29:59.999Z')), 'approved');
    assert.equal(releaseStateAt(approved, new Date('2026-12-04T09:30:00Z')), 'published');
  });
});

describe('writing a release', () => {
  it('asks for a title and a summary, and keeps every text within its length', () => {
    assert.deepEqual(fields(contentProblems({ ...draft.content, title: '  ', summary: '' })), ['title', 'summary']);
    assert.deepEqual(fields(contentProblems({ ...draft.content, commentary: 'x'.repeat(20_001) })), ['commentary']);
    assert.deepEqual(contentProblems(draft.content), []);
  });

  it('changes a draft only: an approved release is sent back first, a published one never changes', () => {
    assert.deepEqual(editProblems(draft, now), []);
    assert.match(editProblems(approved, now)[0]!.message, /send it back/);
    assert.match(editProblems(published, now)[0]!.message, /never changed/);
  });
});

describe('approving a release (four eyes)', () => {
  const at = new Date('2026-12-04T09:30:00Z');

  it('is approved by an administrator other than the one who last changed it', () => {
    assert.deepEqual(approvalProblems(draft, 2, at, now), []);
  });

  it('is refused to the administrator who made the last change', () => {
    assert.match(approvalProblems(draft, 1, at, now)[0]!.message, /another administrator must approve/);
  });

  it('needs a table, valid content and a publication time', () => {
    assert.deepEqual(fields(approvalProblems({ ...draft, tables: [], content: { ...draft.content, title: '' } }, 2, null, now)), [
      'title',
      'tables',
      'publish',
    ]);
  });

  it('takes a publication time in the current minute ("now") or later, never one already past', () => {
    assert.deepEqual(approvalProblems(draft, 2, new Date('2026-12-03T10:00:00Z'), new Date('2026-12-03T10:00:45Z')), []);
    assert.match(approvalProblems(draft, 2, new Date('2026-12-03T09:59:00Z'), new Date('2026-12-03T10:00:45Z'))[0]!.message, /now or later/);
  });

  it('approves only a draft', () => {
    assert.match(approvalProblems(approved, 3, at, now)[0]!.message, /Only a draft/);
    assert.match(approvalProblems(published, 3, at, now)[0]!.message, /Only a draft/);
  });
});

describe('sending a release back to draft', () => {
  it('sends an approved release back before its publication time', () => {
    assert.deepEqual(sendBackProblems(approved, now), []);
  });

  it('refuses once it is published, and for a draft', () => {
    assert.match(sendBackProblems(approved, new Date('2026-12-04T09:30:00Z'))[0]!.message, /correction note/);
    assert.match(sendBackProblems(draft, now)[0]!.message, /already a draft/);
  });
});

describe('correcting a published release', () => {
  it('adds a note to a published release', () => {
    assert.deepEqual(correctionProblems(published, 'Table 2’s 2013/14 figure for Swale was corrected.', now), []);
  });

  it('refuses a note to a release not yet published, and an empty or overlong note', () => {
    assert.equal(correctionProblems(approved, 'x', now)[0]!.field, 'note');
    assert.equal(correctionProblems(draft, 'x', now)[0]!.field, 'note');
    assert.match(correctionProblems(published, '  ', now)[0]!.message, /Say what was corrected/);
    assert.match(correctionProblems(published, 'x'.repeat(2001), now)[0]!.message, /2,000 characters/);
  });
});

describe('the pre-release list', () => {
  it('changes until publication and is kept as it was after', () => {
    assert.deepEqual(preReleaseListProblems(draft, now), []);
    assert.deepEqual(preReleaseListProblems(approved, now), []);
    assert.equal(preReleaseListProblems(published, now).length, 1);
  });
});
