import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError } from './errors.ts';
import { pageBeyondError, pageNumbersShown, pageOf } from './paging.ts';

// Issue 19 item 5: the watch list shows 50 schools a page, or all of them; a page past the last gives the last page on
// the web and a 400 from the API. Page links as the GOV.UK Design System's pagination component lays them out.
const rows = Array.from({ length: 112 }, (_, i) => i + 1);

describe('a list a page at a time', () => {
  it('gives each page its items and their positions, the last page short', () => {
    const second = pageOf(rows, 2, 50);
    assert.deepEqual([second.items[0], second.items.at(-1), second.first, second.last, second.pages, second.total], [51, 100, 51, 100, 3, 112]);
    const third = pageOf(rows, 3, 50);
    assert.deepEqual([third.items.length, third.first, third.last, third.beyond], [12, 101, 112, false]);
  });

  it('gives the last page, saying so, for a page past it; the API refuses it in words', () => {
    const past = pageOf(rows, 9, 50);
    assert.deepEqual([past.page, past.first, past.last, past.beyond], [3, 101, 112, true]);
    const refusal = pageBeyondError(past, 9);
    assert.ok(refusal instanceof BadRequestError);
    assert.equal(refusal.message, 'page: there are 3 pages, so there is no page 9');
    assert.equal(pageBeyondError(pageOf(rows, 3, 50), 3), null);
  });

  it('gives every item for all, and one empty page for an empty list', () => {
    const all = pageOf(rows, 'all', 50);
    assert.deepEqual([all.items.length, all.first, all.last, all.page, all.pages], [112, 1, 112, 'all', 3]);
    const none = pageOf([], 1, 50);
    assert.deepEqual([none.items.length, none.first, none.last, none.pages, none.beyond], [0, 0, 0, 1, false]);
    assert.equal(pageOf([], 2, 50).beyond, true);
  });

  it('refuses a page that is not a whole number from 1', () => {
    assert.throws(() => pageOf(rows, 0, 50), BadRequestError);
    assert.throws(() => pageOf(rows, 1.5, 50), BadRequestError);
  });
});

describe('the page numbers a pagination component links', () => {
  it('links the first, the last, the current page and its neighbours, with an ellipsis for two or more left out', () => {
    assert.deepEqual(pageNumbersShown(7, 42), [1, null, 6, 7, 8, null, 42]);
    assert.deepEqual(pageNumbersShown(1, 7), [1, 2, null, 7]);
    assert.deepEqual(pageNumbersShown(3, 7), [1, 2, 3, 4, null, 7], 'page 2 is not hidden behind an ellipsis of one');
    assert.deepEqual(pageNumbersShown(4, 7), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(pageNumbersShown(1, 1), [1]);
  });
});
