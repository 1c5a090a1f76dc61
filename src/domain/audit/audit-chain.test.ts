import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson, chainEntry, createChainVerifier, genesisHash, hashEntry, isActor, type AuditEntry } from './audit-chain.ts';

/** A whole sequence through the streaming verifier the service runs (audit-service.ts verify()). */
function verifyChain(entries: Iterable<AuditEntry>) {
  const verifier = createChainVerifier();
  for (const entry of entries) if (verifier.next(entry) !== null) break;
  return { checked: verifier.checked, broken: verifier.broken };
}

/** A chain of `n` entries as the store would write them, one second apart. */
function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 1; i <= n; i++)
    entries.push(
      chainEntry(
        {
          id: i,
          at: new Date(Date.UTC(2026, 11, 1, 9, 0, i)),
          actor: i % 2 === 0 ? 'cli:officer' : 'user:17',
          action: 'import.file',
          placeId: i % 3 === 0 ? null : 886,
          subject: `batch:${i}`,
          requestId: i % 2 === 0 ? null : `req-${i}`,
          detail: { rows: i * 10, format: 'gias-establishments' },
        },
        entries.at(-1)?.hash ?? genesisHash,
      ),
    );
  return entries;
}

describe('the audit hash chain', () => {
  it('hashes SHA-256 over the canonical list of previous hash and fields', () => {
    const [first] = chain(1);
    const text = `["${genesisHash}",1,"2026-12-01T09:00:01.000Z","user:17","import.file",886,"batch:1","req-1",{"format":"gias-establishments","rows":10}]`;
    assert.equal(first!.hash, createHash('sha256').update(text).digest('hex'));
  });

  it('gives the same hash whatever order the detail keys come back in (jsonb reorders them)', () => {
    const [first] = chain(1);
    assert.equal(hashEntry({ ...first!, detail: { rows: 10, format: 'gias-establishments' } }), first!.hash);
    assert.equal(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }), '{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('finds an intact chain intact and counts it', () => {
    assert.deepEqual(verifyChain(chain(5)), { checked: 5, broken: null });
    assert.deepEqual(verifyChain([]), { checked: 0, broken: null });
  });

  it('names a changed entry: a count rewritten, keeping its stored hash', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, detail: { rows: 999, format: 'gias-establishments' } };
    const result = verifyChain(entries);
    assert.equal(result.checked, 2);
    assert.deepEqual(result.broken && { id: result.broken.id, reason: result.broken.reason }, { id: 3, reason: 'changed' });
  });

  it('names a changed entry whose hash was recomputed: the next one no longer follows it', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, actor: 'system' };
    entries[2] = { ...forged, hash: hashEntry(forged) };
    assert.equal(verifyChain(entries).broken?.id, 4);
    assert.equal(verifyChain(entries).broken?.reason, 'removed');
  });

  it('names the entry after a removed one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    assert.deepEqual(verifyChain(entries).broken?.id, 3);
    assert.equal(verifyChain(entries).broken?.reason, 'removed');
    assert.match(verifyChain(entries).broken!.message, /entry 3 does not follow entry 1/);
  });

  it('names a first entry that does not start the chain (the oldest were removed)', () => {
    const result = verifyChain(chain(4).slice(2));
    assert.deepEqual([result.checked, result.broken?.id, result.broken?.reason], [0, 3, 'removed']);
  });

  it('names reordered entries, by id or by the entry they follow', () => {
    const entries = chain(5);
    assert.equal(verifyChain([entries[0]!, entries[2]!, entries[1]!]).broken?.reason, 'removed');
    assert.deepEqual(verifyChain([entries[0]!, entries[1]!, entries[3]!, entries[2]!]).broken?.id, 4);
    const swapped = verifyChain([entries[0]!, entries[2]!, entries[1]!]);
    assert.equal(swapped.broken?.id, 3);
    const backwards = verifyChain([entries[0]!, entries[1]!, entries[2]!, entries[1]!]);
    assert.deepEqual([backwards.broken?.id, backwards.broken?.reason], [2, 'reordered']);
  });

  it('names an entry that follows an earlier entry than the one before it', () => {
    const entries = chain(3);
    // Entry 3 re-linked to entry 1, with a fresh id after 2 and a correct hash of its own: something came between.
    const relinked = chainEntry({ ...entries[2]!, id: 4 }, entries[0]!.hash);
    const result = verifyChain([entries[0]!, entries[1]!, relinked]);
    assert.deepEqual([result.broken?.id, result.broken?.reason], [4, 'reordered']);
  });

  it('accepts ids and refuses names as actors', () => {
    for (const actor of ['user:17', 'token:3', 'cli:officer', 'system', 'anonymous']) assert.ok(isActor(actor), actor);
    for (const actor of ['Jane Smith', 'user:jane', 'cli:', '']) assert.ok(!isActor(actor), actor);
  });
});
