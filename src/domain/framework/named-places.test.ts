import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Indicator } from '../indicators/indicator.ts';
import type { TargetEvaluation } from './evaluate.ts';
import { evaluateAtPlace, type PlaceEvaluationInput, type PlaceFigure } from './evaluate-at-place.ts';
import type { Target } from './framework.ts';
import { evaluateAcrossPlaces, listed, statusAcrossPlaces } from './named-places.ts';

// Kent's target 47 (frameworks/kent-2013-2016.yaml; the seed's "Youth Employment and Learning Zones in Thanet, Swale,
// Shepway, Gravesham and Dover will reduce unemployment for 16 to 24 to below the national average"): one target for
// five named districts, each set against England.
const evaluation = (status: TargetEvaluation['status'], reason: string): TargetEvaluation => ({
  year: 2016,
  status,
  reason,
  value: 1,
  shown: '1',
  rules: [],
  trajectory: null,
  trend: null,
  relativeOnly: null,
});

describe('a target set for named places, read for the LA (target 47)', () => {
  it('is off track where any named place is, met only where every one is', () => {
    assert.equal(statusAcrossPlaces(['met', 'met', 'off_track', 'met']), 'off_track');
    assert.equal(statusAcrossPlaces(['met', 'met', 'met']), 'met');
    assert.equal(statusAcrossPlaces(['met', 'on_track', 'not_yet_due']), 'on_track');
    assert.equal(statusAcrossPlaces(['not_yet_due', 'not_yet_due']), 'not_yet_due');
  });

  it('says no data while a named place has none, unless another place is already off track', () => {
    assert.equal(statusAcrossPlaces(['met', 'no_data', 'met']), 'no_data');
    assert.equal(statusAcrossPlaces(['no_data', 'off_track']), 'off_track');
    assert.equal(statusAcrossPlaces([]), 'no_data');
  });

  it('has no figure of its own, and its reason names each place’s status and why', () => {
    const e = evaluateAcrossPlaces(2016, [
      { name: 'Thanet', evaluation: evaluation('off_track', '5.2% against England’s 3.1%: above it.') },
      { name: 'Swale', evaluation: evaluation('met', '2.9% against England’s 3.1%: below it.') },
      { name: 'Dover', evaluation: evaluation('met', '3.0% against England’s 3.1%: below it.') },
    ]);
    assert.equal(e.status, 'off_track');
    assert.equal(e.value, null);
    assert.equal(
      e.reason,
      'Judged in each of the 3 places the target names: off track in Thanet; met in Swale and Dover. Thanet: 5.2% against England’s 3.1%: above it. Swale: 2.9% against England’s 3.1%: below it. Dover: 3.0% against England’s 3.1%: below it.',
    );
    assert.equal(listed(['Thanet', 'Swale', 'Shepway']), 'Thanet, Swale and Shepway');
  });
});

describe('evaluateAtPlace for a target that names its districts', () => {
  const indicator: Indicator = {
    code: 'youth-unemployment-rate-16-24',
    title: 'Youth unemployment',
    unit: 'percent',
    decimalPlaces: 1,
    polarity: 'lower_is_better',
    periodType: 'calendar',
    source: 'ONS',
    methodology: '',
    numerator: null,
    denominator: null,
    periods: { from: null, to: null },
    successor: null,
    yearRule: null,
    breaks: [],
    feed: 'published',
    lait: null,
    framework: [],
  };
  const target: Target = {
    id: 'youth-unemployment-zones',
    number: 47,
    priority: 'p',
    title: 'Youth unemployment',
    wording: 'below the national average',
    indicator: indicator.code,
    measures: [{ indicator: indicator.code, from: null, to: null }],
    breakdown: 'all',
    gap: null,
    levels: ['district'],
    places: ['E07000114', 'E07000113'],
    baseline: null,
    rules: [{ kind: 'vs_comparator', comparator: 'england' }],
    rationale: null,
    done: null,
  };
  const kent = { id: 1, code: '886', kind: 'la', name: 'Kent' };
  const [thanet, swale, ashford] = [
    { id: 11, code: 'E07000114', name: 'Thanet' },
    { id: 12, code: 'E07000113', name: 'Swale' },
    { id: 13, code: 'E07000105', name: 'Ashford' },
  ];
  const fig = (placeId: number, value: number): PlaceFigure => ({ placeId, figure: { value, symbol: null }, denominator: null, judged: null });
  const input = (place: PlaceEvaluationInput['place'], figures: PlaceFigure[]): PlaceEvaluationInput => ({
    framework: { years: { from: 2013, to: 2016 }, targets: [target] },
    target,
    year: 2016,
    place,
    la: kent,
    england: { id: 2, code: 'E92000001' },
    region: undefined,
    members: [],
    indicators: new Map([[indicator.code, indicator]]),
    figures: new Map([[2016, figures]]),
    computable: new Set(),
    pupilCollections: new Map(),
    namedPlaces: [thanet, swale],
  });

  it('reads the LA’s line from each named district’s figure against England', () => {
    // England 3.1%: Thanet's 5.2% is above it (off track), Swale's 2.9% below it (met); Kent's own figure is not read.
    const e = evaluateAtPlace(input(kent, [fig(2, 3.1), fig(11, 5.2), fig(12, 2.9), fig(1, 2.0)]));
    assert.equal(e.evaluation.status, 'off_track');
    assert.equal(e.evaluation.value, null);
    assert.match(e.evaluation.reason, /^Judged in each of the 2 places the target names: off track in Thanet; met in Swale\. Thanet: .*Swale: /);
    const both = evaluateAtPlace(input(kent, [fig(2, 3.1), fig(11, 3.0), fig(12, 2.9)]));
    assert.equal(both.evaluation.status, 'met');
  });

  it('judges a named district on its own figure, and not a district the target does not name', () => {
    const named = evaluateAtPlace(input({ ...thanet, kind: 'district' }, [fig(2, 3.1), fig(11, 5.2)]));
    assert.equal(named.evaluation.status, 'off_track');
    assert.equal(named.evaluation.value, 5.2);
    const other = evaluateAtPlace(input({ ...ashford, kind: 'district' }, [fig(2, 3.1), fig(13, 9.9)]));
    assert.equal(other.evaluation.status, 'no_data');
    assert.equal(other.evaluation.reason, 'Set for Thanet and Swale, not for Ashford.');
  });

  it('says so where a named district is not held, rather than judging the LA on the others', () => {
    const e = evaluateAtPlace({ ...input(kent, [fig(2, 3.1), fig(11, 2.0)]), namedPlaces: [thanet] });
    assert.equal(e.evaluation.status, 'no_data');
    assert.match(e.evaluation.reason, /E07000113: E07000113 is not among the LA’s districts held/);
  });
});
