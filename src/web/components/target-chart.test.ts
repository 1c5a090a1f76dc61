import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { sparkline } from './target-chart.ts';

// Issue 19.4: "sparklines with their first and last values". The words a reader (or a screen reader) gets from one.
const text = { value: (v: number) => `${v}%`, year: String };
const words = (html: string) => parseHTML(`<p>${html}</p>`).document.querySelector('p')!.textContent.replace(/\s+/g, ' ').trim();
const visible = (html: string) => words(html.replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, ''));

describe('sparkline writes its first and last values at its ends', () => {
  it('shows the first and last figures, and says their years to a screen reader', () => {
    const html = sparkline(
      [
        { year: 2013, value: 74 },
        { year: 2014, value: 78 },
        { year: 2015, value: 80 },
      ],
      text,
    );
    assert.equal(visible(html), '74% 80%');
    assert.equal(words(html), 'From 74% in 2013 to 80% in 2015');
    assert.match(html, /<svg[^>]*aria-hidden="true"/);
  });
  it('starts at the years held, not at an empty first year', () => {
    assert.equal(
      words(
        sparkline(
          [
            { year: 2012, value: null },
            { year: 2013, value: 70 },
            { year: 2014, value: 72 },
          ],
          text,
        ),
      ),
      'From 70% in 2013 to 72% in 2014',
    );
  });
  it('draws only the latest run of one measure, so both ends are figures of the same measure', () => {
    const html = sparkline(
      [
        { year: 2014, value: 79 },
        { year: 2015, value: 80 },
        { year: 2016, value: 59, newMeasure: true },
        { year: 2017, value: 62 },
      ],
      text,
    );
    assert.equal(words(html), 'From 59% in 2016 to 62% in 2017');
  });
  it('starts the run at a change in the measure even where that year has no figure', () => {
    const html = sparkline(
      [
        { year: 2013, value: 50 },
        { year: 2014, value: null, newMeasure: true },
        { year: 2015, value: 60 },
        { year: 2016, value: 62 },
      ],
      text,
    );
    assert.equal(words(html), 'From 60% in 2015 to 62% in 2016');
  });
  it('draws nothing with fewer than two figures in the run', () => {
    assert.equal(sparkline([{ year: 2016, value: 59 }], text), '');
    assert.equal(
      sparkline(
        [
          { year: 2015, value: 80 },
          { year: 2016, value: 59, newMeasure: true },
        ],
        text,
      ),
      '',
    );
  });
});
