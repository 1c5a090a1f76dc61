import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { createLog } from '../src/log.ts';
import { superviseEmbeddedPostgres } from '../src/store/restart-postgres.ts';

// `sleep` stands in for the postgres process: the supervisor only watches a child exit and launches another.
const started: ChildProcess[] = [];
const server = (): ChildProcess => {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  started.push(child);
  return child;
};
const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

function capturedLog(): { log: ReturnType<typeof createLog>; lines: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { log: createLog('info', sink), lines: () => text };
}

describe('superviseEmbeddedPostgres', () => {
  after(() => {
    for (const child of started) child.kill('SIGKILL');
  });

  it('launches the server again when it exits unasked, and stops the new one when asked', async () => {
    const { log, lines } = capturedLog();
    const first = server();
    let next: ChildProcess | undefined;
    let onStarted: (child: ChildProcess) => void = () => {};
    const restarted = new Promise<ChildProcess>((resolve) => (onStarted = resolve));
    const supervised = superviseEmbeddedPostgres(first, () => Promise.resolve((next = server())), {
      log,
      port: 5999,
      onStarted: (child) => onStarted(child),
      onLost: () => assert.fail('not lost'),
    });
    first.kill('SIGKILL');
    assert.equal(await restarted, next);
    assert.match(lines(), /the embedded PostgreSQL stopped unexpectedly: restarting it/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(lines(), /the embedded PostgreSQL was restarted: database requests work again/);
    await supervised.stop();
    assert.equal(next?.signalCode, 'SIGINT', 'the new server was stopped with a fast shutdown');
  });

  it('gives up, logs it and calls onLost when the server cannot be launched again', async () => {
    const { log, lines } = capturedLog();
    const first = server();
    const lost = new Promise<Error>((resolve) => {
      superviseEmbeddedPostgres(first, () => Promise.reject(new Error('port taken')), {
        log,
        port: 5999,
        onStarted: () => {},
        onLost: resolve,
        giveUpAfterMs: 300,
      });
    });
    first.kill('SIGKILL');
    assert.equal((await lost).message, 'port taken');
    assert.match(lines(), /the embedded PostgreSQL could not be restarted/);
  });

  it('does not restart a server it was asked to stop', async () => {
    const first = server();
    let relaunched = false;
    const supervised = superviseEmbeddedPostgres(
      first,
      () => {
        relaunched = true;
        return Promise.resolve(server());
      },
      { log: createLog('silent'), port: 5999, onStarted: () => {}, onLost: () => {} },
    );
    const gone = exited(first);
    await supervised.stop();
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(relaunched, false);
  });
});
