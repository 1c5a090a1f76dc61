/**
 * Each school's order of its applicants (School Admissions Code 2014 para 1.8-1.10, 1.34-1.35; equal preference, 1.9(b):
 * the order uses only the school's own arrangements, never where the child put the school on the form). Children whose
 * EHC plan names the school come first and take places before any criterion (1.6); then, for each applicant, the first
 * listed criterion they meet; within a criterion the tie-break (distance, nearest first, equal distances by the seeded
 * random order; or the seeded random order alone); late applications after every on-time one (the scheme's rule).
 *
 * Made once per round into integer arrays so that the allocation and its explanations read positions, not objects.
 */
import { normalisePostcode, postcodeSector } from '../geography/postcode.ts';
import type { Application, Arrangement, Preference, RoundInput } from './admissions.ts';
import { compileCriteria, criterionMet, type Home } from './criterion-met.ts';
import { straightLineMetres } from './distance.ts';
import { fnv1a32, seededKey } from './seeded-order.ts';

/** Why a preference is not one of the child's proposals: beyond the scheme's number, no arrangements, not eligible, EHC plan. */
export const beyondAllowed = -1;
export const noArrangements = -2;
export const notEligible = -3;
export const ehcPlanned = -4;

export type RankedRound = Readonly<{
  /** One arrangement per school named (the first where a school has two), indexed by school. */
  schools: readonly Arrangement[];
  schoolIndex: ReadonlyMap<string, number>;
  /** Places left for ranked applicants after EHC plan admissions (not below zero). */
  places: Int32Array;
  /** Per child, their preferences in preference order (rank 1 first). */
  preferences: readonly (readonly Preference[])[];
  /** Per child c, its preference slots are [slotStart[c], slotStart[c + 1]); a slot holds its proposal or a reason < 0. */
  slotStart: Int32Array;
  slotProposal: Int32Array;
  /** The school a slot names (-1: no arrangements in the round). */
  slotSchool: Int32Array;
  /** Per child c, its proposals in preference order are [proposalStart[c], proposalStart[c + 1]). */
  proposalStart: Int32Array;
  proposalChild: Int32Array;
  proposalSchool: Int32Array;
  proposalSlot: Int32Array;
  /** 0-based position of the proposal in its school's order of ranked applicants (after the EHC plan admissions). */
  proposalPosition: Int32Array;
  /** Index of the first criterion met in the school's criteria (criteria.length where none is met: after all who meet one). */
  proposalCriterion: Uint8Array;
  /** Home-to-school metres, Infinity where either point is unknown (so a distance tie-break puts them last). */
  proposalMetres: Float64Array;
  /** School s's ranked order is orderProposal[orderStart[s] .. orderStart[s + 1]). */
  orderStart: Int32Array;
  orderProposal: Int32Array;
  /** Per child, the school their EHC plan names (-1: none, or a school with no arrangements in the round, which admits them all the same). */
  ehcSchool: Int32Array;
  /** School s's EHC plan admissions, by application reference: ehcChild[ehcStart[s] .. ehcStart[s + 1]). */
  ehcStart: Int32Array;
  ehcChild: Int32Array;
}>;

export function rankApplicants(round: RoundInput): RankedRound {
  const schools: Arrangement[] = [];
  const schoolIndex = new Map<string, number>();
  for (const a of round.arrangements) if (!schoolIndex.has(a.urn)) schoolIndex.set(a.urn, schools.push(a) - 1);
  const inOrder = (prefs: readonly Preference[]) => {
    for (let i = 1; i < prefs.length; i++) if (prefs[i - 1]!.rank > prefs[i]!.rank) return false;
    return true;
  };
  const preferences = round.applications.map((a) => (inOrder(a.preferences) ? a.preferences : [...a.preferences].sort((x, y) => x.rank - y.rank)));
  const ehc = admitEhcPlans(round.applications, schools, schoolIndex);
  const proposals = gatherProposals(round, schools, schoolIndex, preferences);
  const order = orderSchools(round.applications, schools, proposals);
  return { schools, schoolIndex, preferences, ...ehc, ...proposals, ...order };
}

type Ehc = Pick<RankedRound, 'ehcSchool' | 'ehcStart' | 'ehcChild' | 'places'>;

/** EHC plans: the named school admits the child before any criterion (by reference, for a fixed order) and has fewer places left. */
function admitEhcPlans(apps: readonly Application[], schools: readonly Arrangement[], schoolIndex: ReadonlyMap<string, number>): Ehc {
  const ehcSchool = new Int32Array(apps.length).fill(-1);
  const counts = new Int32Array(schools.length + 1);
  const admitted: number[] = [];
  for (let c = 0; c < apps.length; c++) {
    const urn = apps[c]!.ehcPlanSchool;
    const s = urn === null ? undefined : schoolIndex.get(urn);
    if (s === undefined) continue;
    ehcSchool[c] = s;
    counts[s + 1]!++;
    admitted.push(c);
  }
  admitted.sort((x, y) => (apps[x]!.id < apps[y]!.id ? -1 : apps[x]!.id > apps[y]!.id ? 1 : 0));
  const ehcStart = prefixSum(counts);
  const ehcChild = new Int32Array(admitted.length);
  const fill = ehcStart.slice(0, schools.length);
  for (const c of admitted) ehcChild[fill[ehcSchool[c]!]!++] = c;
  const places = new Int32Array(schools.length);
  for (let s = 0; s < schools.length; s++) places[s] = Math.max(0, Math.max(0, Math.floor(schools[s]!.admissionNumber)) - (ehcStart[s + 1]! - ehcStart[s]!));
  return { ehcSchool, ehcStart, ehcChild, places };
}

type Proposals = Pick<
  RankedRound,
  'slotStart' | 'slotProposal' | 'slotSchool' | 'proposalStart' | 'proposalChild' | 'proposalSchool' | 'proposalSlot' | 'proposalCriterion' | 'proposalMetres'
>;

/** Every preference as a slot; those allocation considers as proposals, each with the criterion met and the distance. */
function gatherProposals(
  round: RoundInput,
  schools: readonly Arrangement[],
  schoolIndex: ReadonlyMap<string, number>,
  preferences: readonly (readonly Preference[])[],
): Proposals {
  const apps = round.applications;
  const n = apps.length;
  const compiled = schools.map(compileCriteria);
  const anyCatchment = compiled.some((x) => x.catchment.size > 0);
  const slotStart = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) slotStart[c + 1] = slotStart[c]! + preferences[c]!.length;
  const slots = slotStart[n]!;
  const slotProposal = new Int32Array(slots);
  const slotSchool = new Int32Array(slots);
  const proposalStart = new Int32Array(n + 1);
  const proposalChild = new Int32Array(slots);
  const proposalSchool = new Int32Array(slots);
  const proposalSlot = new Int32Array(slots);
  const proposalCriterion = new Uint8Array(slots);
  const proposalMetres = new Float64Array(slots);
  let total = 0;
  for (let c = 0; c < n; c++) {
    const app = apps[c]!;
    const prefs = preferences[c]!;
    const postcode = anyCatchment && app.homePostcode !== null ? normalisePostcode(app.homePostcode) : null;
    const home: Home = postcode === null ? null : { postcode, sector: postcodeSector(postcode) };
    for (let j = 0; j < prefs.length; j++) {
      const slot = slotStart[c]! + j;
      const pref = prefs[j]!;
      const s = schoolIndex.get(pref.urn);
      slotSchool[slot] = s ?? -1;
      let earlier = 0;
      while (prefs[earlier]!.urn !== pref.urn) earlier++;
      if (app.ehcPlanSchool !== null) slotProposal[slot] = ehcPlanned;
      else if (pref.rank > round.preferencesAllowed || pref.rank < 1) slotProposal[slot] = beyondAllowed;
      else if (earlier < j) slotProposal[slot] = slotProposal[slotStart[c]! + earlier]!;
      else if (s === undefined) slotProposal[slot] = noArrangements;
      else if (schools[s]!.selective && app.assessedSuitable !== true) slotProposal[slot] = notEligible;
      else {
        const at = schools[s]!.location;
        slotProposal[slot] = total;
        proposalChild[total] = c;
        proposalSchool[total] = s;
        proposalSlot[total] = slot;
        proposalCriterion[total] = criterionMet(compiled[s]!, app, pref, home);
        proposalMetres[total] = app.home === null || at === null ? Infinity : straightLineMetres(app.home, at);
        total++;
      }
    }
    proposalStart[c + 1] = total;
  }
  return {
    slotStart,
    slotProposal,
    slotSchool,
    proposalStart,
    proposalChild: proposalChild.subarray(0, total),
    proposalSchool: proposalSchool.subarray(0, total),
    proposalSlot: proposalSlot.subarray(0, total),
    proposalCriterion: proposalCriterion.subarray(0, total),
    proposalMetres: proposalMetres.subarray(0, total),
  };
}

type Order = Pick<RankedRound, 'orderStart' | 'orderProposal' | 'proposalPosition'>;

/** Each school's order: its proposals sorted by (late, criterion, distance under a distance tie-break, seeded random, reference). */
function orderSchools(apps: readonly Application[], schools: readonly Arrangement[], proposals: Proposals): Order {
  const { proposalChild, proposalSchool, proposalCriterion, proposalMetres } = proposals;
  const total = proposalChild.length;
  const counts = new Int32Array(schools.length + 1);
  for (let p = 0; p < total; p++) counts[proposalSchool[p]! + 1]!++;
  const orderStart = prefixSum(counts);
  const orderProposal = new Int32Array(total);
  const fill = orderStart.slice(0, schools.length);
  for (let p = 0; p < total; p++) orderProposal[fill[proposalSchool[p]!]!++] = p;
  const ids = apps.map((a) => a.id);
  const group = new Uint16Array(total);
  const randomKey = new Uint32Array(total);
  const referenceHash = Uint32Array.from(ids, fnv1a32);
  const seedOf = schools.map((a) => a.tieBreak.seed);
  const late = Uint8Array.from(apps, (a) => (a.late ? 1 : 0));
  for (let p = 0; p < total; p++) {
    const c = proposalChild[p]!;
    group[p] = late[c]! * 256 + proposalCriterion[p]!;
    randomKey[p] = seededKey(seedOf[proposalSchool[p]!]!, referenceHash[c]!);
  }
  const byId = (x: number, y: number): number => {
    const ix = ids[proposalChild[x]!]!;
    const iy = ids[proposalChild[y]!]!;
    return ix < iy ? -1 : ix > iy ? 1 : 0;
  };
  const byRandom = (x: number, y: number): number => group[x]! - group[y]! || randomKey[x]! - randomKey[y]! || byId(x, y);
  const byDistance = (x: number, y: number): number => {
    const byGroup = group[x]! - group[y]!;
    if (byGroup !== 0) return byGroup;
    const mx = proposalMetres[x]!;
    const my = proposalMetres[y]!;
    if (mx !== my) return mx < my ? -1 : 1;
    return randomKey[x]! - randomKey[y]! || byId(x, y);
  };
  const proposalPosition = new Int32Array(total);
  for (let s = 0; s < schools.length; s++) {
    const order = orderProposal.subarray(orderStart[s], orderStart[s + 1]);
    order.sort(schools[s]!.tieBreak.kind === 'distance' ? byDistance : byRandom);
    for (let i = 0; i < order.length; i++) proposalPosition[order[i]!] = i;
  }
  return { orderStart, orderProposal, proposalPosition };
}

/** Counts at [i + 1] to starts at [i] (in place), with the total at the end. */
function prefixSum(counts: Int32Array): Int32Array {
  for (let i = 1; i < counts.length; i++) counts[i] = counts[i]! + counts[i - 1]!;
  return counts;
}
