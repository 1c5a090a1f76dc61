import { roundHalfUp } from '../indicators/rounding.ts';
import type { Polarity } from '../indicators/indicator.ts';
import { breakBetween, type Break } from '../indicators/breaks.ts';
import { neighbourAverage, rankPlaces, type PlaceValue } from './ranking.ts';

/**
 * An LA against its statistical neighbours and England, year by year (issue 19: "how does Kent compare with its
 * statistical neighbours on KS2 over time?"), as LAIT lays an indicator out: the LA's figure, its neighbours' average
 * (the plain mean of the neighbours with a figure, the LA itself excluded: LAIT R/fn_analysis.R), its rank among the
 * neighbour group (1 is best; ties share the lowest rank) and England's figure. Every value is as the reader may see
 * it: a hidden neighbour's figure is left out of the average, as LAIT leaves out a missing one.
 *
 * A break in the series (indicators/*.yaml `breaks`) cuts it: no line or sentence joins figures across it (issue 11
 * point 11), so each year says whether a break falls before it, and the description covers the run since the last break.
 */

export type YearFigures = Readonly<{
  period: string;
  la: number | null;
  england: number | null;
  /** Every member of the neighbour group with its figure for the year, the LA itself among them or not. */
  group: readonly PlaceValue[];
}>;

export type YearComparison = Readonly<{
  period: string;
  la: number | null;
  england: number | null;
  neighbours: number | null;
  /** How many neighbours (the LA excluded) have a figure this year: the average's base. */
  neighboursWithFigure: number;
  /** The LA's rank in its group (itself and its neighbours with a figure), 1 best; null without a figure or polarity. */
  rank: number | null;
  /** How many of the group (the LA included) are ranked this year. */
  rankedOf: number;
  /** The break between the year before this row and this one, where the series is cut. */
  breakBefore: Break | null;
}>;

export function comparisonOverTime(laCode: string, years: readonly YearFigures[], polarity: Polarity, breaks: readonly Break[]): YearComparison[] {
  const sorted = [...years].sort((a, b) => a.period.localeCompare(b.period));
  return sorted.map((y, i) => {
    const group = [...y.group.filter((g) => g.code !== laCode), { code: laCode, value: y.la }];
    const ranks = rankPlaces(group, polarity);
    const previous = sorted[i - 1];
    return {
      period: y.period,
      la: y.la,
      england: y.england,
      neighbours: neighbourAverage(laCode, group),
      neighboursWithFigure: group.filter((g) => g.code !== laCode && g.value !== null).length,
      rank: ranks.get(laCode) ?? null,
      rankedOf: [...ranks.values()].filter((r) => r !== null).length,
      breakBefore: previous === undefined ? null : breakBetween(breaks, previous.period, y.period),
    };
  });
}

/** The years since the last break in the series (all of them when there is none). */
export function latestRun(rows: readonly YearComparison[]): YearComparison[] {
  const cut = rows.findLastIndex((r) => r.breakBefore !== null);
  return rows.slice(cut === -1 ? 0 : cut);
}

export type AgainstNeighbours = Readonly<{
  period: string;
  la: number;
  neighbours: number;
  /** The LA's figure less its neighbours' average, each as shown (rounded to the indicator's decimals). */
  apart: number;
  /** Whether the LA is ahead of its neighbours by the indicator's polarity; null when level or without polarity. */
  ahead: boolean | null;
}>;

/**
 * How the LA stood against its neighbours' average in the first and the last year of the latest unbroken run in which
 * both figures exist, as the rounded figures a reader sees; null where fewer than two such years exist.
 */
export function againstNeighbours(
  rows: readonly YearComparison[],
  polarity: Polarity,
  decimalPlaces: number,
): Readonly<{ first: AgainstNeighbours; last: AgainstNeighbours }> | null {
  const both = latestRun(rows).filter((r) => r.la !== null && r.neighbours !== null);
  const first = both[0];
  const last = both.at(-1);
  if (first === undefined || last === undefined || first === last) return null;
  const at = (r: YearComparison): AgainstNeighbours => {
    const la = roundHalfUp(r.la!, decimalPlaces);
    const neighbours = roundHalfUp(r.neighbours!, decimalPlaces);
    const apart = roundHalfUp(la - neighbours, decimalPlaces);
    return { period: r.period, la, neighbours, apart, ahead: apart === 0 || polarity === 'none' ? null : (polarity === 'higher_is_better') === apart > 0 };
  };
  return { first: at(first), last: at(last) };
}
