import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLog, loggedUrl, logSerializers } from './log.ts';

describe('logs carry ids, never names', () => {
  it("logs a request's path and the names of its query parameters, never their values", () => {
    assert.equal(loggedUrl('/audit?actor=jane.smith&action=user.add'), '/audit?actor=…&action=…');
    assert.equal(loggedUrl('/sign-in?next=%2Faudit%3Factor%3Djane.smith'), '/sign-in?next=…');
    assert.equal(loggedUrl('/places/la/886'), '/places/la/886');
    assert.equal(loggedUrl('/search?'), '/search');
  });

  it('leaves out the row a PostgreSQL error quotes, keeping its code and constraint', () => {
    const error = Object.assign(new Error('new row for relation "app_user" violates check constraint "app_user_username_check"'), {
      code: '23514',
      constraint: 'app_user_username_check',
      detail: 'Failing row contains (17, Jane.Smith, Jane Smith, $argon2id$v=19$…)',
      where: 'SQL statement "insert … Jane Smith"',
    });
    const serialized = logSerializers.err(error);
    assert.equal(serialized.code, '23514');
    assert.equal(serialized.constraint, 'app_user_username_check');
    assert.doesNotMatch(JSON.stringify(serialized), /Jane/);
  });

  it('applies both to every line a log writes', () => {
    let text = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    const log = createLog('info', sink);
    log.info({ req: { method: 'GET', url: '/audit?actor=jane.smith' } }, 'incoming request');
    log.error({ err: Object.assign(new Error('refused'), { detail: 'Key (username)=(jane.smith) already exists.' }) }, 'request failed');
    assert.match(text, /\/audit\?actor=…/);
    assert.match(text, /refused/);
    assert.doesNotMatch(text, /jane/);
  });
});
