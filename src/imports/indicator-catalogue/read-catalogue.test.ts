import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { academicYearCode, startYearOf } from '../../domain/periods/period.ts';
import { loadCatalogue, readCatalogue } from './read-catalogue.ts';

const catalogue = await loadCatalogue();
const byCode = new Map(catalogue.map((i) => [i.code, i]));

describe('the shipped indicator catalogue', () => {
  it('serves every measurable target of Kent 2013-2016 (kent-framework-2013-2016.md)', () => {
    // Targets 14, 16, 34, 40 and 45 are delivery milestones or qualitative: the framework records them, no indicator.
    const milestones = new Set([14, 16, 34, 40, 45]);
    const served = new Set(catalogue.flatMap((i) => i.framework));
    const missing = Array.from({ length: 47 }, (_, i) => i + 1).filter((t) => !milestones.has(t) && !served.has(t));
    assert.deepEqual(missing, []);
  });

  it('carries the measure changes across years, each successor starting the year after its predecessor ends', () => {
    const chain = (code: string): string[] => {
      const next = byCode.get(code)!.successor;
      return next === null ? [code] : [code, ...chain(next)];
    };
    assert.deepEqual(chain('ks2-level4-english-maths'), ['ks2-level4-english-maths', 'ks2-level4-rwm', 'ks2-expected-rwm']);
    assert.deepEqual(chain('ks4-5ac-em'), ['ks4-5ac-em', 'ks4-attainment8']);
    assert.deepEqual(chain('ks1-l2b-rwm'), ['ks1-l2b-rwm', 'ks1-expected-rwm']);
    for (const indicator of catalogue.filter((i) => i.successor !== null && i.periodType === 'academic')) {
      const successor = byCode.get(indicator.successor!)!;
      assert.equal(successor.periods.from, academicYearCode(startYearOf(indicator.periods.to!) + 1), `${indicator.code} → ${successor.code}`);
    }
  });

  it('keeps the 15% persistent absence rule as a measure continuing the DfE’s to 2014/15 (domain.md §4.2)', () => {
    const kept = byCode.get('persistent-absence-15-percent')!;
    assert.deepEqual(kept.continues, { indicator: 'persistent-absence', to: '201415' });
    assert.equal(kept.feed, 'pupil-records');
  });

  it('marks persistent absence with its year rule and the breaks at 2010/11 and 2015/16', () => {
    const pa = byCode.get('persistent-absence')!;
    assert.equal(pa.yearRule, 'persistent-absence');
    assert.deepEqual(
      pa.breaks.map((b) => b.period),
      ['201011', '201516'],
    );
    assert.equal(pa.polarity, 'lower_is_better');
  });
});

describe('reading a catalogue file', () => {
  const write = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-catalogue-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const valid = (code: string, extra = '') => `- code: ${code}
  title: A valid indicator
  unit: percent
  decimalPlaces: 1
  polarity: higher_is_better
  periodType: academic
  source: Somewhere official
  methodology: How it is calculated, in enough words.
  feed: published
${extra}`;

  it('names the file, line and field of a value outside the closed set', async () => {
    // The second entry starts on line 10; its unit is on line 12.
    const text = `${valid('good-one')}${valid('bad-one').replace('unit: percent', 'unit: percentage')}`;
    const result = await readCatalogue(write({ 'topic.yaml': text }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.issues[0]!.file, result.issues[0]!.line, result.issues[0]!.column], ['topic.yaml', 12, 'unit']);
  });

  it('refuses a period written the wrong way and a successor that does not exist', async () => {
    const result = await readCatalogue(write({ 'a.yaml': valid('first', "  periods: { to: '2014/15' }\n  successor: nowhere\n") }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.issues.map((i) => `${i.line} ${i.column} ${i.message}`).join('\n'), /^10 periods\.to a period is written as DfE does/m);
    }
    const second = await readCatalogue(write({ 'a.yaml': valid('first', '  successor: nowhere\n') }));
    assert.ok(!second.ok && second.issues[0]!.message === 'successor nowhere is not in the catalogue');
  });

  it('refuses a measure said to continue one that does not exist', async () => {
    const result = await readCatalogue(write({ 'a.yaml': valid('first', "  continues: { indicator: nowhere, to: '201415' }\n") }));
    assert.ok(!result.ok && result.issues[0]!.column === 'continues' && result.issues[0]!.message === 'continues nowhere, which is not in the catalogue');
  });

  it('refuses the same code in two files, naming both', async () => {
    const result = await readCatalogue(write({ 'a.yaml': valid('twice'), 'b.yaml': valid('twice') }));
    assert.ok(!result.ok && /duplicate indicator code twice \(first in a\.yaml line 1\)/.test(result.issues[0]!.message));
  });
});
