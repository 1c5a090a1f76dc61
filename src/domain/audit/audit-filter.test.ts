import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterDetail, filterPairs, readAuditQuery } from './audit-filter.ts';

describe('the audit page filters', () => {
  it('reads no filter and no cursor from an empty query', () => {
    const read = readAuditQuery({});
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.filter, { from: null, to: null, actor: null, action: null, subject: null, place: null, requestId: null });
    assert.equal(read.cursor, null);
    assert.equal(read.verify, false);
  });

  it('reads dates from the three fields of each date input, both ends included', () => {
    const read = readAuditQuery({ 'from-day': '1', 'from-month': '12', 'from-year': '2026', 'to-day': '03', 'to-month': '12', 'to-year': '2026' });
    assert.equal(read.filter?.from, '2026-12-01');
    assert.equal(read.filter?.to, '2026-12-03');
  });

  it('refuses a date that is not a real one, or half given, naming the field', () => {
    const wrong = readAuditQuery({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' });
    assert.equal(wrong.filter, null);
    assert.deepEqual(wrong.errors, [{ field: 'from-day', href: '#from-day', message: 'Date from must be a real date, for example 27 3 2026' }]);
    const half = readAuditQuery({ 'to-day': '1', 'to-year': '' });
    assert.deepEqual(
      half.errors.map((e) => [e.field, e.message]),
      [['to-month', 'Date to must include a month and a year']],
    );
  });

  it('refuses a date to before the date from', () => {
    const read = readAuditQuery({ 'from-day': '2', 'from-month': '1', 'from-year': '2026', 'to-day': '1', 'to-month': '1', 'to-year': '2026' });
    assert.match(read.errors[0]!.message, /Date to must be the same as or after date from/);
  });

  it('takes an actor id as it is and a username to be resolved, refusing anything else', () => {
    assert.deepEqual(readAuditQuery({ actor: 'user:17' }).filter?.actor, { kind: 'id', actor: 'user:17' });
    assert.deepEqual(readAuditQuery({ actor: 'cli:officer' }).filter?.actor, { kind: 'id', actor: 'cli:officer' });
    assert.deepEqual(readAuditQuery({ actor: 'system' }).filter?.actor, { kind: 'id', actor: 'system' });
    assert.deepEqual(readAuditQuery({ actor: ' Demo-Admin ' }).filter?.actor, { kind: 'username', username: 'demo-admin' });
    assert.equal(readAuditQuery({ actor: 'Jane Smith' }).errors[0]?.field, 'actor');
  });

  it('needs a place as its kind and its code together', () => {
    assert.deepEqual(readAuditQuery({ 'place-kind': 'la', 'place-code': '886' }).filter?.place, { kind: 'la', code: '886' });
    assert.equal(readAuditQuery({ 'place-kind': 'la' }).errors[0]?.field, 'place-code');
    assert.equal(readAuditQuery({ 'place-code': '886' }).errors[0]?.field, 'place-kind');
    assert.equal(readAuditQuery({ 'place-kind': 'planet', 'place-code': 'x' }).errors[0]?.field, 'place-kind');
  });

  it('refuses an action that is not an action code, a repeated parameter and an overlong one', () => {
    assert.equal(readAuditQuery({ action: 'import.file' }).filter?.action, 'import.file');
    assert.equal(readAuditQuery({ action: '"; drop table' }).errors[0]?.field, 'action');
    assert.deepEqual(readAuditQuery({ subject: ['a', 'b'] }).errors[0], { field: 'subject', href: '#subject', message: 'Subject: give it once' });
    assert.equal(readAuditQuery({ request: 'x'.repeat(201) }).errors[0]?.message, 'Request ID must be 200 characters or fewer');
  });

  it('reads a keyset cursor either way, refusing a malformed or out-of-range one', () => {
    assert.deepEqual(readAuditQuery({ before: '101' }).cursor, { before: 101 });
    assert.deepEqual(readAuditQuery({ after: '7' }).cursor, { after: 7 });
    for (const query of [{ before: '-1' }, { before: '9'.repeat(40) }, { after: '1e3' }, { before: '5', after: '6' }, { before: '0' }])
      assert.equal(readAuditQuery(query).errors[0]?.field, null, JSON.stringify(query));
  });

  it('gives back the filled-in fields for links, and records the filters by id only', () => {
    const read = readAuditQuery({ actor: 'demo-admin', action: 'audit.export', 'place-kind': 'la', 'place-code': '886', before: '40' });
    assert.deepEqual(filterPairs(read.form), [
      ['actor', 'demo-admin'],
      ['action', 'audit.export'],
      ['place-kind', 'la'],
      ['place-code', '886'],
    ]);
    assert.deepEqual(filterDetail(read.filter!, 'user:3', 12), { actor: 'user:3', action: 'audit.export', place: 12 });
  });
});
