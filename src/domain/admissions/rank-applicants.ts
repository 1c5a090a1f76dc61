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
import type { Application, Arrangement, Criterion, Preference, RoundInput } from './admissions.ts';
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

/** A child's home postcode and its sector, normalised ('CT12AB', 'CT12'), read by catchment criteria. */
type Home = Readonly<{ postcode: string; sector: string }> | null;

const codeOf: Readonly<Record<Criterion['kind'], number>> = {
  'looked-after': 0,
  'medical-social': 1,
  sibling: 2,
  catchment: 3,
  feeder: 4,
  faith: 5,
  staff: 6,
  other: 7,
};

/** A school's criteria made ready for the loop over every preference: kinds as small integers, lists as sets. */
type Compiled = Readonly<{ codes: Uint8Array; catchment: ReadonlySet<string>; feeder: ReadonlySet<string> }>;

function compile(a: Arrangement): Compiled {
  const catchment = new Set<string>();
  const feeder = new Set<string>();
  for (const c of a.criteria) {
    if (c.kind === 'catchment') for (const p of c.postcodes) catchment.add(normalisePostcode(p));
    if (c.kind === 'feeder') for (const urn of c.schools) feeder.add(urn);
  }
  return { codes: Uint8Array.from(a.criteria, (c) => codeOf[c.kind]), catchment, feeder };
}

/** The index of the first criterion the child meets at the school, criteria.length where none. */
function criterionOf(school: Compiled, app: Application, pref: Preference, home: Home): number {
  const codes = school.codes;
  for (let i = 0; i < codes.length; i++) {
    switch (codes[i]) {
      case 0:
        if (app.lookedAfter !== null) return i;
        break;
      case 1:
        if (pref.medicalSocial) return i;
        break;
      case 2:
        if (pref.sibling) return i;
        break;
      case 3:
        if (home !== null && (school.catchment.has(home.postcode) || school.catchment.has(home.sector))) return i;
        break;
      case 4:
        if (app.currentSchool !== null && school.feeder.has(app.currentSchool)) return i;
        break;
      case 5:
        if (pref.faith) return i;
        break;
      case 6:
        if (pref.staff) return i;
        break;
      default:
        return i;
    }
  }
  return codes.length;
}

export function rankApplicants(round: RoundInput): RankedRound {
  const schools: Arrangement[] = [];
  const schoolIndex = new Map<string, number>();
  for (const a of round.arrangements) if (!schoolIndex.has(a.urn)) schoolIndex.set(a.urn, schools.push(a) - 1);
  const compiled = schools.map(compile);
  const anyCatchment = compiled.some((x) => x.catchment.size > 0);
  const apps = round.applications;
  const n = apps.length;
  const inOrder = (prefs: readonly Preference[]) => {
    for (let i = 1; i < prefs.length; i++) if (prefs[i - 1]!.rank > prefs[i]!.rank) return false;
    return true;
  };
  const preferences = apps.map((a) => (inOrder(a.preferences) ? a.preferences : [...a.preferences].sort((x, y) => x.rank - y.rank)));

  // EHC plans: the named school admits the child before any criterion; the child makes no proposals.
  const ehcSchool = new Int32Array(n).fill(-1);
  const ehcCount = new Int32Array(schools.length + 1);
  for (let c = 0; c < n; c++) {
    const urn = apps[c]!.ehcPlanSchool;
    const s = urn === null ? undefined : schoolIndex.get(urn);
    if (s !== undefined) {
      ehcSchool[c] = s;
      ehcCount[s + 1]!++;
    }
  }
  const ehcStart = prefixSum(ehcCount);
  const ehcChild = new Int32Array(ehcStart[schools.length]!);
  const ehcFill = ehcStart.slice(0, schools.length);
  const ids = apps.map((a) => a.id);
  const byReference: number[] = [];
  for (let c = 0; c < n; c++) if (ehcSchool[c]! >= 0) byReference.push(c);
  byReference.sort((x, y) => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0));
  for (const c of byReference) ehcChild[ehcFill[ehcSchool[c]!]!++] = c;
  const places = new Int32Array(schools.length);
  for (let s = 0; s < schools.length; s++) places[s] = Math.max(0, Math.max(0, Math.floor(schools[s]!.admissionNumber)) - (ehcStart[s + 1]! - ehcStart[s]!));

  // Slots (every preference) and proposals (the preferences allocation considers).
  const slotStart = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) slotStart[c + 1] = slotStart[c]! + preferences[c]!.length;
  const slotProposal = new Int32Array(slotStart[n]!);
  const slotSchool = new Int32Array(slotStart[n]!);
  const proposalStart = new Int32Array(n + 1);
  let total = 0;
  const maxProposals = slotStart[n]!;
  const proposalChild = new Int32Array(maxProposals);
  const proposalSchool = new Int32Array(maxProposals);
  const proposalSlot = new Int32Array(maxProposals);
  const proposalCriterion = new Uint8Array(maxProposals);
  const proposalMetres = new Float64Array(maxProposals);
  const perSchool = new Int32Array(schools.length + 1);
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
        const a = schools[s]!;
        slotProposal[slot] = total;
        proposalChild[total] = c;
        proposalSchool[total] = s;
        proposalSlot[total] = slot;
        proposalCriterion[total] = criterionOf(compiled[s]!, app, pref, home);
        proposalMetres[total] = app.home === null || a.location === null ? Infinity : straightLineMetres(app.home, a.location);
        perSchool[s + 1]!++;
        total++;
      }
    }
    proposalStart[c + 1] = total;
  }

  // Each school's order: sort its proposals by (late, criterion, tie-break distance, seeded random, reference).
  const orderStart = prefixSum(perSchool);
  const orderProposal = new Int32Array(total);
  const fill = orderStart.slice(0, schools.length);
  for (let p = 0; p < total; p++) orderProposal[fill[proposalSchool[p]!]!++] = p;
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
    const from = orderStart[s]!;
    const order = orderProposal.subarray(from, orderStart[s + 1]);
    order.sort(schools[s]!.tieBreak.kind === 'distance' ? byDistance : byRandom);
    for (let i = 0; i < order.length; i++) proposalPosition[order[i]!] = i;
  }

  return {
    schools,
    schoolIndex,
    places,
    preferences,
    slotStart,
    slotProposal,
    slotSchool,
    proposalStart,
    proposalChild: proposalChild.subarray(0, total),
    proposalSchool: proposalSchool.subarray(0, total),
    proposalSlot: proposalSlot.subarray(0, total),
    proposalPosition,
    proposalCriterion: proposalCriterion.subarray(0, total),
    proposalMetres: proposalMetres.subarray(0, total),
    orderStart,
    orderProposal,
    ehcSchool,
    ehcStart,
    ehcChild,
  };
}

/** Counts at [i + 1] to starts at [i] (in place), with the total at the end. */
function prefixSum(counts: Int32Array): Int32Array {
  for (let i = 1; i < counts.length; i++) counts[i] = counts[i]! + counts[i - 1]!;
  return counts;
}
