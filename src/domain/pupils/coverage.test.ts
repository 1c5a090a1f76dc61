import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredFigures } from './coverage.ts';

// ADR 0006: a region's or England's figure is written only from a file holding pupils in every LA of it.
describe('which places a pupil file covers', () => {
  const laRegions = new Map([
    ['886', 'E12000008'],
    ['887', 'E12000008'],
    ['201', 'E12000007'],
  ]);
  const figure = (level: string, code: string) => ({ level, code });

  it('keeps an LA’s and its districts’ figures but not its region’s or England’s from one LA’s pupils', () => {
    const { kept, notCovered } = coveredFigures(
      [figure('la', '886'), figure('district', 'E07000105'), figure('region', 'E12000008'), figure('country', 'england')],
      laRegions,
    );
    assert.deepEqual(
      kept.map((f) => f.level),
      ['la', 'district'],
    );
    assert.deepEqual(notCovered, ['E12000008', 'England']);
  });

  it('keeps a region and England when every LA has pupils in the file', () => {
    const all = [figure('la', '886'), figure('la', '887'), figure('la', '201'), figure('region', 'E12000008'), figure('country', 'england')];
    assert.equal(coveredFigures(all, laRegions).kept.length, 5);
  });
});
