import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameworkYear } from '../framework/framework.ts';
import { latestHeld, servedLaFirst } from './default-choice.ts';

// Issue 11 point 15: pages open on the served LA and the latest year held, and refuse a year outside a framework.
describe('what a page opens on', () => {
  it('opens the floor standards on the newest year held, not a fixed one the store may not hold', () => {
    // The demo computes KS2 to 2012/13; the page offers 2010/11-2018/19.
    const offered = ['201819', '201718', '201617', '201516', '201415', '201314', '201213', '201112', '201011'];
    assert.equal(latestHeld(offered, ['201011', '201112', '201213']), '201213');
    assert.equal(latestHeld(offered, []), '201819');
  });

  it('opens Ofsted outcomes on the served LA, not the first LA in the alphabet', () => {
    const held = [
      { laCode: '301', period: '201415' },
      { laCode: '886', period: '201314' },
      { laCode: '886', period: '201415' },
    ];
    assert.deepEqual(servedLaFirst(held, '886'), { laCode: '886', period: '201415' });
    assert.deepEqual(servedLaFirst(held, null), { laCode: '301', period: '201415' });
  });

  it('opens a framework on its latest year with figures and refuses a year it does not cover', () => {
    const kent = { name: 'Kent 2013-2016', years: { from: 2013, to: 2016 } };
    assert.deepEqual(frameworkYear(kent, undefined, [2012, 2013, 2014]), { ok: true, year: 2014 });
    assert.deepEqual(frameworkYear(kent, undefined, []), { ok: true, year: 2013 });
    assert.deepEqual(frameworkYear(kent, 2015, []), { ok: true, year: 2015 });
    assert.deepEqual(frameworkYear(kent, 2030, [2014]), { ok: false, reason: 'Kent 2013-2016 covers 2013 to 2016; it sets no target for 2030' });
  });
});
