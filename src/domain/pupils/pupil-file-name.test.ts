import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pupilFileName, readPupilFileName } from './pupil-file-name.ts';

// docs/pupil-records.md: one Parquet file per collection, year and data version, named by the start of its SHA-256.
describe('pupil-record file names', () => {
  it('names a file by collection, period, data version and the first 12 hex digits of its hash, and reads the name back', () => {
    const name = pupilFileName('ks2', '201112', 'final', '0123456789abcdef0123');
    assert.equal(name, 'ks2/ks2-201112-final-0123456789ab.parquet');
    assert.deepEqual(readPupilFileName(name), { collection: 'ks2', period: '201112', dataVersion: 'final' });
  });

  it('reads no key from a name it did not make (an unknown collection, data version or hash)', () => {
    assert.equal(readPupilFileName('gcse/gcse-201112-final-0123456789ab.parquet'), null);
    assert.equal(readPupilFileName('ks2/ks2-201112-draft-0123456789ab.parquet'), null);
    assert.equal(readPupilFileName('ks2/incoming-42.parquet'), null);
  });
});
