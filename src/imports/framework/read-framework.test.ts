import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCatalogue } from '../indicator-catalogue/read-catalogue.ts';
import { frameworksDirectory, readFrameworks } from './read-framework.ts';

const codes = new Set((await loadCatalogue()).map((i) => i.code));
const dir = mkdtempSync(join(tmpdir(), 'waymark-frameworks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A framework file with the header every test file shares and the given target lines. */
function frameworkFile(name: string, id: string, targets: readonly string[]): string {
  const file = join(dir, name);
  const header = [
    'id: ' + id,
    'name: A framework for a test',
    "version: '1'",
    "la: '886'",
    'years: { from: 2013, to: 2016 }',
    'source: written for a test of the reader',
  ];
  writeFileSync(file, [...header, 'priorities: [{ id: p1, title: Priority one }]', 'targets:', ...targets, ''].join('\n'));
  return file;
}

describe('framework files', () => {
  it('reads Kent 2013-2016 whole: all 47 of the seed’s numbered targets, every indicator in the catalogue', async () => {
    const { frameworks, issues } = await readFrameworks(frameworksDirectory, codes);
    assert.deepEqual(issues, []);
    const kent = frameworks.find((f) => f.id === 'kent-2013-2016')!;
    assert.deepEqual(
      [...new Set(kent.targets.map((t) => t.number))].sort((a, b) => a! - b!),
      Array.from({ length: 47 }, (_, i) => i + 1),
    );
    // The seed's figures, as encoded (design doc rows 5, 7, 21, 23).
    const byId = new Map(kent.targets.map((t) => [t.id, t]));
    assert.deepEqual(byId.get('ks2-attainment')!.rules[0], { kind: 'at_least', value: 87, by: 2016 });
    assert.equal(byId.get('ks4-attainment')!.baseline!.value, 61);
    assert.deepEqual(byId.get('persistent-absence-secondary')!.rules[0], {
      kind: 'milestones',
      points: [
        { year: 2014, value: 5.5 },
        { year: 2016, value: 4.5 },
      ],
    });
    assert.deepEqual(byId.get('permanent-exclusions')!.rules[0], { kind: 'at_most', value: 39, by: 2016 });
    // Every ambiguous reading the issue names is written down.
    for (const id of ['ks1-attainment', 'ks2-attainment', 'ks4-attainment']) assert.match(byId.get(id)!.rationale!, /top quartile/);
  });

  it('names the file, line and field of every problem, and the unknown indicator', async () => {
    const file = frameworkFile('broken.yaml', 'broken', [
      '  - id: a',
      '    priority: p9',
      '    title: Target a title',
      '    wording: The target as worded.',
      '    indicator: eyfs-gld',
      '    rules: [{ kind: change_from_baseline, change: 8, unit: points, by: 2016 }]',
      '  - id: b',
      '    priority: p1',
      '    title: Target b title',
      '    wording: The target as worded.',
      '    rules: [{ kind: at_least, value: 5, by: 2016 }]',
    ]);
    const { issues } = await readFrameworks(file, codes);
    assert.deepEqual(
      issues.map((i) => `${i.file}:${i.line} ${i.column} ${i.message}`),
      [
        'broken.yaml:9 targets.0.baseline a change from baseline needs the baseline',
        'broken.yaml:19 targets.1.rules only a delivery milestone (milestone_done) can do without an indicator',
        'broken.yaml:10 targets.0.priority no priority p9 in this framework',
      ],
    );
    const unknown = frameworkFile('unknown.yaml', 'unknown', [
      '  - { id: a, priority: p1, title: Target a title, wording: The target as worded., indicator: eyfs-nonsense, rules: [{ kind: at_least, value: 5, by: 2016 }] }',
    ]);
    const second = await readFrameworks(unknown, codes);
    assert.deepEqual(
      second.issues.map((i) => `${i.column} ${i.message}`),
      ['targets.a unknown indicator eyfs-nonsense (not in the catalogue)'],
    );
    assert.deepEqual(second.frameworks, []);
    writeFileSync(
      unknown,
      readFileSync(unknown, 'utf8').replace(
        'indicator: eyfs-nonsense,',
        "indicator: eyfs-gld, done: { on: '2014-09-01', evidence: 'the first EHC plans issued' },",
      ),
    );
    assert.deepEqual(
      (await readFrameworks(unknown, codes)).issues.map((i) => `${i.column} ${i.message}`),
      ['targets.0.done only a delivery milestone (milestone_done) is recorded as done'],
    );
  });

  it('reads a relative-only successor, and refuses one no rule of the target can read', async () => {
    const file = frameworkFile('successor.yaml', 'successor', [
      '  - id: a',
      '    priority: p1',
      '    title: Target a title',
      '    wording: The target as worded.',
      '    indicator: ks2-level4-rwm',
      '    measures:',
      '      - { indicator: ks2-level4-rwm, to: 2015 }',
      '      - { indicator: ks2-expected-rwm, from: 2016, relativeOnly: true }',
      '    rules: [{ kind: at_least, value: 87, by: 2016 }, { kind: vs_comparator, comparator: england }]',
    ]);
    const read = await readFrameworks(file, codes);
    assert.deepEqual(read.issues, []);
    assert.deepEqual(read.frameworks[0]!.targets[0]!.measures, [
      { indicator: 'ks2-level4-rwm', from: null, to: 2015 },
      { indicator: 'ks2-expected-rwm', from: 2016, to: null, relativeOnly: true },
    ]);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(', { kind: vs_comparator, comparator: england }', '').replace('from: 2016, relativeOnly', 'relativeOnly'),
    );
    assert.deepEqual(
      (await readFrameworks(file, codes)).issues.map((i) => `${i.column} ${i.message}`),
      [
        'targets.0.measures.1.relativeOnly a relative-only measure is read only by vs_comparator and rank_among_neighbours rules, and this target has neither',
        'targets.0.measures.1.from a relative-only measure names the year it starts (from)',
        "targets.0.measures.1.relativeOnly a relative-only measure follows the measure the target's level was set on (one ending before it starts)",
      ],
    );
  });
});
