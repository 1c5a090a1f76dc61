import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchLaName, normaliseLaName } from './la-names.ts';

// The store's LAs as DfE's LA code list names them (lait/la_code_list.csv).
const codeList = [
  { code: '886', name: 'Kent' },
  { code: '801', name: 'Bristol, City of' },
  { code: '810', name: 'Kingston Upon Hull, City of' },
  { code: '840', name: 'Durham' },
  { code: '822', name: 'Bedford Borough' },
  { code: '835', name: 'Dorset (Pre LG)' },
  { code: '838', name: 'Dorset' },
  { code: '884', name: 'Herefordshire, County of' },
  { code: '342', name: 'St. Helens' },
];
const codeOf = (name: string, period: string) => matchLaName(name, period, codeList)?.code ?? null;

describe('matching the LA a file names', () => {
  it('reads the exclusions time series names of 2012/13 (clean_la_data.csv) as the code list LAs', () => {
    assert.equal(codeOf('Bedford', '201213'), '822');
    assert.equal(codeOf('Bristol City of', '201213'), '801');
    assert.equal(codeOf('Kingston upon Hull City of', '201213'), '810');
    assert.equal(codeOf('Kent', '201213'), '886');
  });

  it('reads the EYFS SDG compilation’s "County Durham" as Durham (840)', () => {
    assert.equal(codeOf('County Durham', '201516'), '840');
  });

  it('keeps Bournemouth and Poole as the pre-2019 LAs and Dorset as the old county until 2017/18, the new unitary from 2018/19', () => {
    // Structural Changes Order 2018, effective 1 April 2019: 2018/19 results are published under the new LAs.
    assert.deepEqual(matchLaName('Bournemouth', '201718', codeList), { code: '837', laName: 'Bournemouth (Pre LG)', regionCode: 'E12000009', by: 'alias' });
    assert.equal(codeOf('Poole', '201213'), '836');
    assert.equal(codeOf('Dorset', '201718'), '835');
    assert.equal(codeOf('Dorset', '201819'), '838');
    assert.equal(codeOf('Dorset', '2019'), '838');
    assert.equal(codeOf('Bournemouth, Christchurch and Poole', '201819'), '839');
  });

  it('knows the pre-2009 counties with their old codes and regions, so they can be added', () => {
    assert.deepEqual(matchLaName('Bedfordshire (Pre LGR 2009)', '200708', codeList), {
      code: '820',
      laName: 'Bedfordshire (Pre LGR 2009)',
      regionCode: 'E12000006',
      by: 'alias',
    });
    assert.equal(codeOf('Cheshire (Pre LGR 2009)', '200607'), '875');
  });

  it('matches loosely written code-list names and refuses names it does not know', () => {
    assert.equal(codeOf('Herefordshire', '201516'), '884');
    assert.equal(codeOf('St Helens', '201516'), '342');
    assert.equal(codeOf('Atlantis', '201516'), null);
    assert.equal(codeOf('Bournemouth', '201920'), null, 'Bournemouth is not an LA after April 2019');
  });

  it('normalises the ways files write LA names', () => {
    assert.equal(normaliseLaName('Kingston upon Hull, City of'), 'kingston upon hull');
    assert.equal(normaliseLaName('Bristol City of'), 'bristol');
    assert.equal(normaliseLaName('Brighton & Hove'), 'brighton and hove');
  });
});
