import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addTableProblems, moveTable, permalinkIdOf, removeTable } from './release-tables.ts';

describe('a release’s tables', () => {
  it('reads a permalink id from its address or from the id itself', () => {
    assert.equal(permalinkIdOf('http://localhost:3000/tables/permalink/abcdefghijklmnop'), 'abcdefghijklmnop');
    assert.equal(permalinkIdOf(' https://waymark.example/tables/permalink/abcdefghijklmnop/?x=1 '), 'abcdefghijklmnop');
    assert.equal(permalinkIdOf('abcdefghijklmnop'), 'abcdefghijklmnop');
    assert.equal(permalinkIdOf('https://example.com/other/page'), null);
    assert.equal(permalinkIdOf(''), null);
  });

  it('adds a table once, up to 20', () => {
    assert.deepEqual(addTableProblems(['a'], 'b'), []);
    assert.match(addTableProblems(['a'], 'a')[0]!.message, /already/);
    assert.match(
      addTableProblems(
        Array.from({ length: 20 }, (_, i) => `t${i}`),
        'b',
      )[0]!.message,
      /at most 20/,
    );
    assert.match(addTableProblems([], null)[0]!.message, /Paste the address/);
  });

  it('moves a table one place up or down, and leaves the order alone at either end', () => {
    assert.deepEqual(moveTable(['a', 'b', 'c'], 1, 'up'), ['b', 'a', 'c']);
    assert.deepEqual(moveTable(['a', 'b', 'c'], 1, 'down'), ['a', 'c', 'b']);
    assert.deepEqual(moveTable(['a', 'b', 'c'], 0, 'up'), ['a', 'b', 'c']);
    assert.deepEqual(moveTable(['a', 'b', 'c'], 5, 'down'), ['a', 'b', 'c']);
  });

  it('removes the table at a position', () => {
    assert.deepEqual(removeTable(['a', 'b', 'c'], 1), ['a', 'c']);
  });
});
