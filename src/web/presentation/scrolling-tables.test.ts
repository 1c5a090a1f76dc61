import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withScrollingTables } from './scrolling-tables.ts';

// Issue 19.8: a wide table scrolls within its container, never the page; axe asks a focusable scrolling region for a name.

describe('every table in a scrolling container', () => {
  it('wraps a bare GOV.UK table in a focusable region named by its caption, tags and spacing taken out', () => {
    const html = '<p>x</p><table class="govuk-table"><caption class="c">Schools in <b>Thanet</b>\n (12) &amp; "more"</caption><tr><td>1</td></tr></table>';
    assert.equal(
      withScrollingTables(html),
      '<p>x</p><div class="waymark-table-scroll" tabindex="0" role="region" aria-label="Schools in Thanet (12) &amp; &quot;more&quot;">' +
        '<table class="govuk-table"><caption class="c">Schools in <b>Thanet</b>\n (12) &amp; "more"</caption><tr><td>1</td></tr></table></div>',
    );
  });

  it('leaves a table already in a container, and a table that is not a GOV.UK table, as they are', () => {
    const wrapped =
      '<div class="waymark-table-scroll" tabindex="0" role="region" aria-label="A">\n  <table class="govuk-table"><tr><td>1</td></tr></table>\n</div>';
    assert.equal(withScrollingTables(wrapped), wrapped);
    const other = '<table class="calendar"><tr><td>1</td></tr></table>';
    assert.equal(withScrollingTables(other), other);
  });

  it('names a table without a caption "Table", and wraps each of several tables once', () => {
    const out = withScrollingTables('<table class="govuk-table"></table><table class="govuk-table app"><caption>B</caption></table>');
    assert.equal(out.match(/waymark-table-scroll/g)?.length, 2);
    assert.match(out, /aria-label="Table"><table class="govuk-table"><\/table><\/div>/);
    assert.match(out, /aria-label="B"><table class="govuk-table app">/);
  });
});
