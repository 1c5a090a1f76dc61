import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileNameProblem, filesToRead, heldBatch, lineAndCharacter, type EarlierBatch } from './import-file.ts';

describe('file names an import batch can carry', () => {
  it('accepts the names the DfE, GIAS and LAs give their files', () => {
    for (const name of ['bds_long_all_las.csv.gz', 'edubasealldata20250422.csv', 'KS2 results (final) 2018.csv', 'Écoles.csv'])
      assert.equal(fileNameProblem(name), null, name);
  });

  it('refuses a newline, an ESC or a C1 control character (issue 12, item 7)', () => {
    for (const name of ['a\nb.csv', 'a\rb.csv', '\u001b[31mred.csv', '\u009b2Jx.csv', 'tab\there.csv'])
      assert.match(fileNameProblem(name) ?? '', /control character/, JSON.stringify(name));
  });
});

describe('where in a text an index lies', () => {
  it('counts lines and characters from 1', () => {
    assert.deepEqual(lineAndCharacter('ab\ncd\nef', 0), { line: 1, character: 1 });
    assert.deepEqual(lineAndCharacter('ab\ncd\nef', 4), { line: 2, character: 2 });
    assert.deepEqual(lineAndCharacter('ab\ncd\nef', 6), { line: 3, character: 1 });
  });
});

describe('a file the store already holds, unchanged (issue 20.3)', () => {
  const batch = (id: number, over: Partial<EarlierBatch> = {}): EarlierBatch => ({
    id,
    hash: 'a'.repeat(64),
    format: 'lait-data',
    reader: 'r1',
    versionAfter: 40n,
    ...over,
  });

  it('is held by the batch of the same bytes and reader whose import left the store as it is now', () => {
    assert.equal(heldBatch('a'.repeat(64), 'r1', 40n, [batch(3)])?.id, 3);
    assert.equal(heldBatch('a'.repeat(64), 'r1', 40n, [batch(3), batch(5)])?.id, 5, 'the same file twice in one import: the later batch');
  });

  it('is read again after any change committed since, by another reader, or when the bytes differ', () => {
    assert.equal(heldBatch('a'.repeat(64), 'r1', 41n, [batch(3)]), null, 'a change committed since');
    assert.equal(heldBatch('a'.repeat(64), 'r2', 40n, [batch(3)]), null, 'a new version of Waymark, another mapping or option');
    assert.equal(heldBatch('b'.repeat(64), 'r1', 40n, [batch(3)]), null, 'other bytes');
  });

  it('is read again when its batch predates the rule or its import ran beside another change', () => {
    assert.equal(heldBatch('a'.repeat(64), 'r1', 40n, [batch(3, { reader: null })]), null);
    assert.equal(heldBatch('a'.repeat(64), 'r1', 40n, [batch(3, { versionAfter: null })]), null);
  });

  it('stays unread only while every file written before it is held too', () => {
    // Write order: the LA list, then the LAIT dictionary, then its values, then mapped files (domain importWriteOrder).
    // The last import wrote the LA list (batch 7), the values (8) and a mapped file (9).
    const files = [
      { format: 'lait-data', heldBy: 8 },
      { format: 'la-code-list', heldBy: 7 },
      { format: 'lait-dictionary', heldBy: null },
      { format: 'mapped-csv:ks4-la', heldBy: 9 },
    ];
    // The LA list stays held (written first), the dictionary is read, so the values and the mapped file after it are
    // read; and the LA list alone is not the last import's end (the values and mapped file came after it): read too.
    assert.deepEqual(filesToRead(files, [7, 8, 9]), [true, true, true, true]);
    // Had the last import written the LA list alone, it would stay held before the dictionary read after it.
    assert.deepEqual(filesToRead([files[1]!, files[2]!], [7]), [false, true]);
    assert.deepEqual(
      filesToRead(
        files.filter((f) => f.heldBy !== null),
        [7, 8, 9],
      ),
      [false, false, false],
    );
  });

  it('stays unread only as one of the last import’s final files, in its order (a file it wrote before another may have been overwritten by it)', () => {
    // The last import wrote old.csv (batch 3) then new.csv (4), one table's two releases: new.csv's figures stand.
    assert.deepEqual(filesToRead([{ format: 'mapped-csv:t', heldBy: 3 }], [3, 4]), [true], 'old.csv alone would put its figures back');
    assert.deepEqual(filesToRead([{ format: 'mapped-csv:t', heldBy: 4 }], [3, 4]), [false], 'new.csv alone changes nothing');
    assert.deepEqual(
      filesToRead(
        [
          { format: 'mapped-csv:t', heldBy: 4 },
          { format: 'mapped-csv:t', heldBy: 3 },
        ],
        [3, 4],
      ),
      [true, true],
      'the two in the other order would end at old.csv',
    );
    assert.deepEqual(
      filesToRead(
        [
          { format: 'mapped-csv:t', heldBy: 3 },
          { format: 'mapped-csv:t', heldBy: 4 },
        ],
        [3, 4],
      ),
      [false, false],
    );
  });

  it('keeps the order files were given among files of one format', () => {
    const files = [
      { format: 'mapped-csv:a', heldBy: null },
      { format: 'mapped-csv:b', heldBy: 5 },
    ];
    assert.deepEqual(filesToRead(files, [5]), [true, true]);
    assert.deepEqual(filesToRead([...files].reverse(), [5]), [false, true]);
  });
});
