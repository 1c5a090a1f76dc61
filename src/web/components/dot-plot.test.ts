import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dotPlot } from './dot-plot.ts';

describe('the LA dot plot', () => {
  const svg = dotPlot({
    title: 'KS2 & RWM <2016>',
    dots: [
      { label: 'Kent', value: 59, emphasis: 'focus' },
      { label: 'Essex', value: 56, emphasis: 'group' },
      { label: 'Surrey', value: 56, emphasis: 'none' },
      { label: 'Luton', value: 45, emphasis: 'none' },
    ],
    marks: [{ label: 'England', value: 54 }],
    decimals: 0,
  });

  it('draws one dot per LA, named for screen readers, with the focus drawn last', () => {
    assert.equal(svg.match(/<circle /g)?.length, 4);
    assert.match(svg, /role="img" aria-labelledby="chart-title chart-desc"/);
    assert.ok(svg.lastIndexOf('Kent: 59') > svg.lastIndexOf('Luton: 45'));
    assert.match(svg, /<desc id="chart-desc">4 local authorities from 45 to 59; Kent 59\.<\/desc>/);
  });

  it('escapes text and stacks equal values instead of hiding one behind the other', () => {
    assert.match(svg, /<title id="chart-title">KS2 &amp; RWM &lt;2016&gt;<\/title>/);
    const essex = /cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>Essex/.exec(svg)!;
    const surrey = /cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>Surrey/.exec(svg)!;
    assert.equal(essex[1], surrey[1]);
    assert.notEqual(essex[2], surrey[2]);
  });
});
