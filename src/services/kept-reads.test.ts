import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { laOfficerDisclosure, publicDisclosure, type DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import { createKeptReads, oneVersionARequest, withinOneReadingRequest } from './kept-reads.ts';

/**
 * What the pages read is kept under the data version, the London date, the read and its arguments and the reader's
 * disclosure (issue 20.4, ADR 0026): each test counts the reads a kept read makes.
 */
function setUp(megabytes = 1) {
  const state = { version: 1n, now: new Date('2026-03-02T12:00:00Z'), reads: 0 };
  const keep = createKeptReads(
    () => Promise.resolve({ version: state.version }),
    () => state.now,
    { megabytes },
  );
  const read = (name: string, parts: readonly unknown[]) =>
    keep(name, parts, () => {
      state.reads++;
      return Promise.resolve({ figures: [{ value: state.reads }] });
    });
  return { state, keep, read };
}

const officerAt = (...ids: number[]): DisclosurePolicy => ({ ...publicDisclosure, unsuppressedAt: new Set(ids) });

describe('Reads kept a data version', () => {
  it('reads once for every reader asking the same while the data version stays', async () => {
    const { state, read } = setUp();
    const first = await read('comparison.compare', ['ks2', { period: '201516' }, publicDisclosure]);
    const again = await read('comparison.compare', ['ks2', { period: '201516' }, { ...publicDisclosure }]);
    assert.equal(state.reads, 1);
    assert.equal(again, first);
    await read('comparison.compare', ['ks2', { period: '201415' }, publicDisclosure]);
    await read('places.placePage', ['ks2', { period: '201516' }, publicDisclosure]);
    assert.equal(state.reads, 3, 'other arguments, another read: each its own');
  });

  it('reads again for a reader whose disclosure differs, and shares between readers whose roles reach the same places', async () => {
    const { state, read } = setUp();
    await read('frameworks.evaluate', ['kent', 2015, publicDisclosure]);
    await read('frameworks.evaluate', ['kent', 2015, laOfficerDisclosure]);
    await read('frameworks.evaluate', ['kent', 2015, officerAt(7, 3)]);
    assert.equal(state.reads, 3);
    await read('frameworks.evaluate', ['kent', 2015, officerAt(3, 7)]);
    assert.equal(state.reads, 3, 'the same places in another order: the same view');
    await read('frameworks.evaluate', ['kent', 2015, officerAt(3, 7, 9)]);
    assert.equal(state.reads, 4);
    // An officer reaching no place sees what the public sees.
    await read('frameworks.evaluate', ['kent', 2015, officerAt()]);
    assert.equal(state.reads, 4);
  });

  it('reads again once the data version moves or the London date turns, and keeps nothing for a reader behind the version', async () => {
    const { state, read } = setUp();
    await read('places.schoolPage', ['900001']);
    state.version = 2n;
    await read('places.schoolPage', ['900001']);
    assert.equal(state.reads, 2);
    // 23:30 UTC on 2 March is 23:30 in London (GMT); 00:30 UTC on 3 March is the next day.
    state.now = new Date('2026-03-02T23:30:00Z');
    await read('places.schoolPage', ['900001']);
    assert.equal(state.reads, 2);
    state.now = new Date('2026-03-03T00:30:00Z');
    await read('places.schoolPage', ['900001']);
    assert.equal(state.reads, 3);
    // A reader whose version read was overtaken (version 1 after 2 was seen) reads, and what it read is not kept.
    state.version = 1n;
    await read('places.schoolPage', ['900001']);
    state.version = 2n;
    await read('places.schoolPage', ['900001']);
    assert.equal(state.reads, 4);
  });

  it('gives readers asking at the same time one read, and keeps no read that failed', async () => {
    const { state, keep } = setUp();
    let fail = true;
    const read = () =>
      keep('dashboards.dashboard', ['la', '886', publicDisclosure], async () => {
        state.reads++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error('the store went away');
        return { ok: true };
      });
    const answers = await Promise.allSettled([read(), read(), read()]);
    assert.equal(state.reads, 1);
    assert.deepEqual(
      answers.map((a) => a.status),
      ['rejected', 'rejected', 'rejected'],
    );
    fail = false;
    assert.deepEqual(await read(), { ok: true });
    assert.equal(state.reads, 2);
  });

  it('freezes what it keeps, so that no page can change it for the next reader', async () => {
    const { read } = setUp();
    const kept = await read('reports.annual', ['kent', 2015, publicDisclosure]);
    assert.throws(() => kept.figures.push({ value: 0 }), TypeError);
    assert.throws(() => {
      kept.figures[0]!.value = 99;
    }, TypeError);
  });

  it("refuses a change to a kept Set or Map (a reader's reach is a Set every reader of that reach is given)", async () => {
    const { keep } = setUp();
    const policy = await keep('reach', [[5]], () => Promise.resolve({ ...publicDisclosure, unsuppressedAt: new Set([5, 6]), byId: new Map([[5, 'a']]) }));
    const places = policy.unsuppressedAt;
    assert.throws(() => places.add(7), TypeError);
    assert.throws(() => places.delete(5), TypeError);
    assert.throws(() => places.clear(), TypeError);
    assert.throws(() => policy.byId.set(7, 'b'), TypeError);
    assert.throws(() => policy.byId.delete(5), TypeError);
    assert.deepEqual([...places], [5, 6], 'and is unchanged');
    assert.ok(places.has(6), 'and still read as a Set');
  });

  it('keeps reads up to its size, counting each at about its size in memory, the least recently asked for let go first', async () => {
    const state = { reads: 0 };
    const keep = createKeptReads(
      () => Promise.resolve({ version: 1n }),
      () => new Date('2026-03-02T12:00:00Z'),
      { megabytes: 1 },
    );
    // 300,000 characters: about 600 KB held as UTF-16, so two do not fit in a megabyte.
    const read = (urn: string) =>
      keep('places.schoolPage', [urn], () => {
        state.reads++;
        return Promise.resolve({ text: 'x'.repeat(300_000) });
      });
    await read('a');
    await read('a');
    assert.equal(state.reads, 1);
    await read('b');
    await read('b');
    assert.equal(state.reads, 2);
    await read('a');
    assert.equal(state.reads, 3, 'a was let go for b');
  });

  it('refuses arguments a key cannot hold (a set or a map written as {}, NaN as null), and keeps nothing with no room', async () => {
    const { read } = setUp();
    await assert.rejects(read('x', [new Set([1])]), /plain values/);
    await assert.rejects(read('frameworks.yearOf', ['kent', Number.NaN, publicDisclosure]), /plain values/);
    const none = setUp(0);
    const first = await none.read('x', [1]);
    await none.read('x', [1]);
    assert.equal(none.state.reads, 2);
    assert.ok(Object.isFrozen(first.figures), 'frozen though not kept: a page behaves alike either way');
  });

  it('gives a read it cannot size (a cycle) and keeps it no longer, without an unhandled rejection', async () => {
    let reads = 0;
    const keep = createKeptReads(
      () => Promise.resolve({ version: 1n }),
      () => new Date('2026-03-02T12:00:00Z'),
      { megabytes: 1 },
    );
    const read = () =>
      keep('x', [], () => {
        reads++;
        const node: { self?: unknown } = {};
        node.self = node;
        return Promise.resolve(node);
      });
    const value = await read();
    assert.equal(value.self, value);
    await new Promise((resolve) => setImmediate(resolve));
    await read();
    assert.equal(reads, 2);
  });
});

describe('The data version read once a reading request', () => {
  it('is read once within a request that writes nothing, by each of its reads, and afresh by each read outside one', async () => {
    let reads = 0;
    let version = 1n;
    const once = oneVersionARequest(() => {
      reads++;
      return Promise.resolve({ version });
    });
    const request = () => withinOneReadingRequest(async () => [await once(), await once(), (await Promise.all([once(), once()]))[0]]);
    const first = await request();
    assert.equal(reads, 1);
    assert.deepEqual(
      first.map((v) => v.version),
      [1n, 1n, 1n],
    );
    version = 2n;
    assert.deepEqual(
      (await request()).map((v) => v.version),
      [2n, 2n, 2n],
      'the next request reads the version again',
    );
    assert.equal(reads, 2);
    await once();
    await once();
    assert.equal(reads, 4, 'outside a request (a write, a command): every time');
  });
});
