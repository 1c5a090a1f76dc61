import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { symbolTitles } from '../src/web/presentation/labels.ts';
import { appWithImports, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

// Issue 19.6: a public glossary of every term a reader meets, linked from every page's footer; the DfE's symbols in the
// very words each figure's <abbr> title gives (labels.ts symbolTitles, their one source), each entry at its own anchor.

describe('the glossary (issue 19.6)', () => {
  let t: TestApp;
  before(async () => {
    t = await appWithImports(databaseTargets()[0]!, []);
  });
  after(() => t.close());

  it('answers the public at /glossary and is linked from the footer of every page, the home page among them', async () => {
    const page = await t.app.inject('/glossary');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Glossary – Waymark<\/title>/);
    const home = parseHTML((await t.app.inject('/')).body).document;
    assert.ok(home.querySelector('footer a[href="/glossary"]'), 'the footer links the glossary');
  });

  it('lists each DfE symbol with the same words as the figures’ titles, at its own anchor', async () => {
    const { document } = parseHTML((await t.app.inject('/glossary')).body);
    for (const [symbol, meaning] of Object.entries(symbolTitles)) {
      const row = document.getElementById(`symbol-${symbol}`);
      assert.ok(row, `an entry for ${symbol}`);
      assert.equal(row.querySelector('dt')!.textContent.trim(), symbol);
      assert.equal(row.querySelector('.waymark-glossary-meaning')!.textContent.trim(), meaning, symbol);
    }
  });

  it('gives every entry a unique anchor, and has the terms pages use', async () => {
    const { document } = parseHTML((await t.app.inject('/glossary')).body);
    const ids = Array.from(document.querySelectorAll('[id]')).map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, `duplicated: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const id of [
      'percent',
      'percentage-points',
      'points',
      'statistical-neighbours',
      'quartile-band',
      'rank',
      'floor-standard',
      'coasting',
      'expected-progress',
      'progress-8',
      'attainment-8',
      'disadvantaged',
      'fsm',
      'sen-support',
      'ehc-plan',
      'neet',
      'children-missing-education',
      'persistent-absence',
      'academic-year',
      'data-version',
      'suppression',
      'rounding',
      'met',
      'on-track',
      'off-track',
      'not-yet-due',
      'no-data',
    ])
      assert.ok(document.querySelector(`dl .govuk-summary-list__row[id="${id}"] dd`), `an entry #${id}`);
  });
});
