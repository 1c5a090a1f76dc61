import type { Succession } from '../geography/succession.ts';
import { gradeLabel, type Category, type OverallGrade } from './ofsted-judgements.ts';
import type { InspectionProvenance } from './inspection.ts';

/** The facts of an inspection a history needs, whatever file it came from. */
export type InspectionFacts = Readonly<{
  urn: string;
  startedOn: string;
  inspectionType: string | null;
  grade: OverallGrade | null;
  gradeNote: string | null;
  category: Category;
  provenance: InspectionProvenance;
}>;

export type HistoryEntry = InspectionFacts &
  Readonly<{
    /** The grade in the words of its date ("Satisfactory" before September 2012, "Requires improvement" after). */
    label: string;
    /** True when the inspection was of a predecessor URN. */
    predecessor: boolean;
  }>;

export type CurrentJudgement = Readonly<{ grade: OverallGrade; label: string; inspectedOn: string; urn: string; carried: boolean; category: Category }>;

/**
 * A school's inspections read across its predecessors (every URN that precedes it through succession links), newest
 * first. Where an official and a scraped row record the same inspection, the official one is kept. The current
 * judgement is that of the latest graded inspection, as on a date when one is given; when that inspection was of a
 * predecessor, the school carries it (Ofsted's rule from 2018: a new URN keeps its predecessor's grade until
 * inspected itself) and `carried` says so.
 */
export function inspectionHistory(
  urn: string,
  successions: readonly Succession[],
  inspections: readonly InspectionFacts[],
  asAt?: string,
): { entries: HistoryEntry[]; current: CurrentJudgement | null; urns: string[] } {
  return historyAcross(urn, predecessorsOf(urn, successions), inspections, asAt);
}

function historyAcross(
  urn: string,
  urns: string[],
  inspections: readonly InspectionFacts[],
  asAt?: string,
): { entries: HistoryEntry[]; current: CurrentJudgement | null; urns: string[] } {
  const chosen = new Map<string, InspectionFacts>();
  for (const i of inspections) {
    if (!urns.includes(i.urn) || (asAt !== undefined && i.startedOn > asAt)) continue;
    const key = `${i.urn} ${i.startedOn}`;
    const held = chosen.get(key);
    if (held === undefined || (held.provenance === 'unofficial' && i.provenance === 'official')) chosen.set(key, i);
  }
  const entries = [...chosen.values()]
    .sort((a, b) => b.startedOn.localeCompare(a.startedOn))
    .map((i) => ({
      ...i,
      label: i.grade === null ? (i.gradeNote ?? 'No overall grade') : gradeLabel(i.grade, i.startedOn),
      predecessor: i.urn !== urn,
    }));
  const latest = entries.find((e) => e.grade !== null);
  const current =
    latest === undefined
      ? null
      : { grade: latest.grade!, label: latest.label, inspectedOn: latest.startedOn, urn: latest.urn, carried: latest.predecessor, category: latest.category };
  return { entries, current, urns };
}

/**
 * Many schools' current judgements at once (a whole register, every year): predecessors and inspections are indexed
 * once, then each school's judgement as at a date is read as inspectionHistory would.
 */
export function judgementIndex(
  successions: readonly Succession[],
  inspections: readonly InspectionFacts[],
): (urn: string, asAt?: string) => CurrentJudgement | null {
  const chainOf = predecessorIndex(successions);
  const byUrn = new Map<string, InspectionFacts[]>();
  for (const i of inspections) {
    const list = byUrn.get(i.urn);
    if (list === undefined) byUrn.set(i.urn, [i]);
    else list.push(i);
  }
  return (urn, asAt) => {
    const chain = chainOf(urn);
    const own = chain.flatMap((u) => byUrn.get(u) ?? []);
    return own.length === 0 ? null : historyAcross(urn, chain, own, asAt).current;
  };
}

/** predecessorsOf for many schools: successions indexed once, each school's chain remembered. */
export function predecessorIndex(successions: readonly Succession[]): (urn: string) => string[] {
  const before = new Map<string, string[]>();
  for (const s of successions) before.set(s.successorUrn, [...(before.get(s.successorUrn) ?? []), s.predecessorUrn]);
  const chains = new Map<string, string[]>();
  return (urn) => {
    let chain = chains.get(urn);
    if (chain === undefined) {
      chain = [urn];
      for (let i = 0; i < chain.length; i++) for (const p of before.get(chain[i]!) ?? []) if (!chain.includes(p)) chain.push(p);
      chains.set(urn, chain);
    }
    return chain;
  };
}

/** The school and every URN before it, following successions backwards (a merger has several predecessors). */
export function predecessorsOf(urn: string, successions: readonly Succession[]): string[] {
  return predecessorIndex(successions)(urn);
}

export type JudgementTally = Readonly<{
  byGrade: Readonly<Record<OverallGrade, number>>;
  noGrade: number;
  specialMeasures: number;
  seriousWeaknesses: number;
  total: number;
  /** % of graded inspections judged good or outstanding, unrounded (null when none was graded). */
  goodOrOutstanding: number | null;
}>;

/** Inspections counted by overall grade and category of concern (a notice to improve counts with serious weaknesses). */
export function tallyJudgements(rows: readonly Readonly<{ grade: OverallGrade | null; category: Category }>[]): JudgementTally {
  const byGrade: Record<OverallGrade, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let noGrade = 0;
  for (const r of rows) {
    if (r.grade === null) noGrade++;
    else byGrade[r.grade]++;
  }
  const graded = rows.length - noGrade;
  return {
    byGrade,
    noGrade,
    specialMeasures: rows.filter((r) => r.category === 'special-measures').length,
    seriousWeaknesses: rows.filter((r) => r.category === 'serious-weaknesses' || r.category === 'notice-to-improve').length,
    total: rows.length,
    goodOrOutstanding: graded === 0 ? null : (100 * (byGrade[1] + byGrade[2])) / graded,
  };
}
