import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInPopulation } from './school-populations.ts';
import { isUnregistered, unregisteredSchool } from './unregistered-school.ts';

// ks4_2013-14_school_and_la.csv names schools by URN with their LEA (886.0); some closed before the 2017/18 spine.
describe('a school known only from a results file', () => {
  it('keeps the LA and establishment number the file gives, and says where it is known from', () => {
    const school = unregisteredSchool('118830', { laCode: '886', establishmentNumber: '4001', fileName: 'ks4_2013-14_school_and_la.csv' });
    assert.deepEqual([school.urn, school.laCode, school.laestab], ['118830', '886', '8864001']);
    assert.equal(isUnregistered(school), true);
    assert.match(school.register, /known only from ks4_2013-14_school_and_la\.csv/);
  });

  it('is in no state-funded population, its type being unknown', () => {
    const school = unregisteredSchool('100000', { laCode: null, establishmentNumber: null, fileName: 'ks2_school_2016.csv' });
    assert.deepEqual([school.laCode, school.laestab], ['', null]);
    assert.equal(isInPopulation(school, 'state-funded'), false);
    assert.equal(isInPopulation(school, 'all-schools'), true);
  });

  it('does not mistake a registered school for one', () => {
    assert.equal(isUnregistered({ register: 'DfE performance tables spine 2017/18' }), false);
  });
});
