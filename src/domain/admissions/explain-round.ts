/**
 * Why each preference was or was not offered, in facts an appeal panel can check (the panel asks whether the arrangements
 * were applied correctly and impartially: School Admission Appeals Code 2012): the criterion the child met, their
 * position in the school's order and distance, against the last place offered.
 *
 * Made when asked for, from the round's integer arrays: a national round has millions of preferences, and most readers
 * want one child's (the explanation page) or read them once to store them.
 */
import type { Application, CriterionKind, Offer, PreferenceOutcome, RoundInput } from './admissions.ts';
import { criterionLabel } from './arrangement-rules.ts';
import { criterionAt, homeToSchoolMetres, metresAt, type LastOffered } from './last-offered.ts';
import { ordinal } from '../framework/evaluate.ts';
import { beyondAllowed, ehcPlanned, noArrangements, notEligible, type RankedRound } from './rank-applicants.ts';

type Kind = CriterionKind | 'ehc-plan';
type Outcomes = readonly PreferenceOutcome[];

const km = (metres: number | null) => (metres === null ? '' : `, ${(metres / 1000).toFixed(2)} km`);
const described = (position: number, of: number | null, kind: Kind, metres: number | null, late: boolean) =>
  `${ordinal(position)}${of === null ? '' : ` of ${of}`} (${late ? 'late application, ' : ''}${criterionLabel(kind)}${km(metres)})`;
const ehcRule = 'which admits them before any oversubscription criterion (School Admissions Code 1.6)';

export function explainRound(
  round: RoundInput,
  ranked: RankedRound,
  held: Int32Array,
  offers: readonly Offer[],
  lastOffered: readonly LastOffered[],
): ReadonlyMap<string, Outcomes> {
  const { schools, schoolIndex, proposalSchool, proposalPosition, orderStart, ehcStart, ehcChild } = ranked;
  const ehcCount = (s: number) => ehcStart[s + 1]! - ehcStart[s]!;
  const lastText = lastOffered.map((last) => (last === null ? null : described(last.position, null, last.criterion, last.distanceMetres, false)));
  const nameOf = (urn: string) => {
    const s = schoolIndex.get(urn);
    return s === undefined ? `school ${urn}` : schools[s]!.schoolName;
  };
  const selectionTest = round.laCode === '886' ? 'Kent Test' : 'selection test';
  const outcome = (
    rank: number,
    urn: string,
    kind: PreferenceOutcome['outcome'],
    criterion: Kind | null,
    position: number | null,
    distanceMetres: number | null,
    last: LastOffered,
    text: string,
  ): PreferenceOutcome => ({ rank, urn, outcome: kind, criterion, position, distanceMetres, lastOffered: last, text });

  const explainChild = (c: number): PreferenceOutcome[] => {
    const app = round.applications[c]!;
    const offer = offers[c]!;
    const prefs = ranked.preferences[c]!;
    const offeredRank = offer.preferenceRank;
    const higherText = () => `Not offered: a higher preference (${nameOf(offer.urn!)}, ${ordinal(offeredRank!)}) was offered.`;
    const outcomes: PreferenceOutcome[] = [];
    for (let j = 0; j < prefs.length; j++) {
      const { rank, urn } = prefs[j]!;
      let first = 0;
      while (prefs[first]!.urn !== urn) first++;
      const also = first < j ? ` This school is also the ${ordinal(prefs[first]!.rank)} preference.` : '';
      const higher = offeredRank !== null && offeredRank < rank;
      const v = ranked.slotProposal[ranked.slotStart[c]! + j]!;
      const s = ranked.slotSchool[ranked.slotStart[c]! + j]!;
      const last = s < 0 ? null : lastOffered[s]!;
      if (v >= 0) {
        const sc = proposalSchool[v]!;
        const position = ehcCount(sc) + proposalPosition[v]! + 1;
        const kind = criterionAt(ranked, v);
        const metres = metresAt(ranked, v);
        const me = described(position, ehcCount(sc) + orderStart[sc + 1]! - orderStart[sc]!, kind, metres, app.late);
        const put = (result: PreferenceOutcome['outcome'], text: string) => outcomes.push(outcome(rank, urn, result, kind, position, metres, last, text));
        if (held[c] === v && first === j) put('offered', `Offered: ranked ${me}; the last place went to the ${lastText[sc]}.`);
        else if (higher) put('higher-preference-offered', `${higherText()} Ranked ${me}.${also}`);
        else if (last !== null) put('oversubscribed', `Ranked ${me}. The last place went to the ${lastText[sc]}.${also}`);
        else put('oversubscribed', `Ranked ${me}. No place was offered: the admission number is ${schools[sc]!.admissionNumber}.${also}`);
        continue;
      }
      const put = (result: PreferenceOutcome['outcome'], text: string) => outcomes.push(outcome(rank, urn, result, null, null, null, last, text));
      if (v === ehcPlanned) {
        if (urn === app.ehcPlanSchool && first === j) {
          const k = s < 0 ? -1 : ehcChild.subarray(ehcStart[s], ehcStart[s + 1]).indexOf(c);
          const metres = s < 0 ? null : homeToSchoolMetres(app, ranked, s);
          const text = `Offered: the child's EHC plan names this school, ${ehcRule}.`;
          outcomes.push(outcome(rank, urn, 'offered', 'ehc-plan', k < 0 ? null : k + 1, metres, last, text));
        } else if (higher) put('higher-preference-offered', higherText() + also);
        else put('not-eligible', `Not considered: the child's EHC plan names ${nameOf(app.ehcPlanSchool!)}, ${ehcRule}.`);
      } else if (v === beyondAllowed)
        put('not-eligible', `Not considered: the scheme allows ${round.preferencesAllowed} preferences and this is the ${ordinal(rank)}.`);
      else if (v === noArrangements) put('no-arrangements', `Not considered: no admission arrangements for this school are held in this round.${also}`);
      else if (v === notEligible) {
        const result = app.assessedSuitable === false ? `the ${selectionTest} result was 'not suitable'` : `the child did not sit the ${selectionTest}`;
        put('not-eligible', `Not eligible: a grammar school admits only children assessed suitable for grammar education, and ${result}.${also}`);
      }
    }
    return outcomes;
  };
  return new ExplanationMap(round.applications, explainChild);
}

/** A read-only map from application reference to its outcomes, each child's made when read (and not kept). */
class ExplanationMap implements ReadonlyMap<string, Outcomes> {
  readonly #applications: readonly Application[];
  readonly #explain: (child: number) => Outcomes;
  #byId: Map<string, number> | null = null;

  constructor(applications: readonly Application[], explain: (child: number) => Outcomes) {
    this.#applications = applications;
    this.#explain = explain;
  }

  #index(): Map<string, number> {
    this.#byId ??= new Map(this.#applications.map((a, c) => [a.id, c]));
    return this.#byId;
  }

  get size(): number {
    return this.#index().size;
  }

  has(id: string): boolean {
    return this.#index().has(id);
  }

  get(id: string): Outcomes | undefined {
    const c = this.#index().get(id);
    return c === undefined ? undefined : this.#explain(c);
  }

  *entries(): MapIterator<[string, Outcomes]> {
    for (const [id, c] of this.#index()) yield [id, this.#explain(c)];
  }

  *keys(): MapIterator<string> {
    yield* this.#index().keys();
  }

  *values(): MapIterator<Outcomes> {
    for (const c of this.#index().values()) yield this.#explain(c);
  }

  [Symbol.iterator](): MapIterator<[string, Outcomes]> {
    return this.entries();
  }

  forEach(callback: (value: Outcomes, key: string, map: ReadonlyMap<string, Outcomes>) => void): void {
    for (const [id, outcomes] of this.entries()) callback(outcomes, id, this);
  }
}
