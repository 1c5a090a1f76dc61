import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { londonTime } from './london-time.ts';

describe('times shown as in England', () => {
  it('shows a winter instant as GMT, the same clock time as UTC', () => {
    assert.equal(londonTime(new Date('2026-12-01T22:01:05Z')), '1 December 2026, 22:01:05');
  });

  it('shows a summer instant an hour ahead of UTC (BST), on the next day when it crosses midnight', () => {
    assert.equal(londonTime(new Date('2026-07-14T23:30:00Z')), '15 July 2026, 00:30:00');
  });
});
