import { admissionsRetentionRule, lastEntryYearDue } from '../../domain/admissions/admissions-retention.ts';
import type { Store } from '../../store/store.ts';
import type { CaseworkModule, HeldRecord, TeamExtract } from '../casework/casework-module.ts';

type Held = Awaited<ReturnType<Store['admissions']['applicationsWithOffers']>>[number];

const team = 'Admissions';
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const phaseLabel = { primary: 'Reception (primary)', secondary: 'Year 7 (secondary)' } as const;
const offerLabel = {
  preference: 'a preference',
  'ehc-plan': 'the school the EHC plan names',
  allocated: 'a school the LA allocated (no preference could be offered)',
  none: 'no school',
} as const;

/** One application as a subject access export shows it: every field held, and received, offered and answered in date order. */
function heldRecordOf(a: Held): HeldRecord {
  const fields: Record<string, string | number | boolean | null> = {
    Round: `${phaseLabel[a.phase]}, entry September ${a.entryYear}`,
    Reference: a.id,
    'Given name': a.child.givenName,
    'Family name': a.child.familyName,
    'Date of birth': a.child.dateOfBirth,
    UPN: a.child.upn,
    'Home postcode': a.homePostcode,
    'Home district': a.homeDistrictCode,
    'Made online': yesNo(a.online),
    'Received on': a.receivedOn,
    'Received after the closing date': yesNo(a.late),
    'Looked after': a.lookedAfter,
    'EHC plan names school (URN)': a.ehcPlanSchool,
    'Kent Test (selection test) outcome': a.assessedSuitable === null ? 'did not sit' : a.assessedSuitable ? 'assessed suitable' : 'not assessed suitable',
    'Current school (URN)': a.currentSchool,
  };
  for (const p of a.preferences)
    fields[`Preference ${p.rank}`] =
      `school URN ${p.urn}; sibling: ${yesNo(p.sibling)}; medical or social need: ${yesNo(p.medicalSocial)}; faith: ${yesNo(p.faith)}; staff: ${yesNo(p.staff)}`;
  const history: { on: string; what: string; by: string | null }[] = [
    { on: a.receivedOn, what: `Application received (${a.online ? 'online' : 'on paper'})`, by: null },
  ];
  const o = a.offer;
  if (o !== null) {
    const offered = `Offer made on offer day: ${offerLabel[o.kind]}${o.urn === null ? '' : `, school URN ${o.urn}`}${o.preferenceRank === null ? '' : ` (preference ${o.preferenceRank})`}`;
    const why = o.explanation.map((e) => `Preference ${e.rank} (URN ${e.urn}): ${e.text}`);
    history.push({ on: a.offerDay, what: [offered, ...why].join('. '), by: null });
    if (o.response !== null && o.respondedOn !== null) history.push({ on: o.respondedOn, what: `Offer ${o.response}`, by: null });
  }
  return { kind: 'Admissions application', id: `admission-application:${a.rowId}`, fields, history };
}

/** The offered school's straight-line distance in whole metres: the LA's allocation carries it, a preference's explanation does. */
function distanceToOffer(a: Held): number | null {
  const o = a.offer;
  if (o === null || o.urn === null) return null;
  const metres = o.distanceMetres ?? o.explanation.find((e) => e.outcome === 'offered')?.distanceMetres ?? null;
  return metres === null ? null : Math.round(metres);
}

/** Every application LA-wide for a pseudonymised extract: codes, flags and URNs only, never a name, date or postcode. */
async function admissionsExtract(tx: Store): Promise<TeamExtract> {
  const held = await tx.admissions.applicationsWithOffers(null);
  const most = Math.max(1, ...held.map((a) => a.preferences.length));
  const prefColumns = Array.from({ length: most }, (_, i) => `preference_${i + 1}_urn`);
  return {
    columns: [
      'phase',
      'entry_year',
      'home_district',
      'online',
      'late',
      'looked_after',
      'ehc_plan',
      'assessed_suitable',
      'preferences',
      'offer_kind',
      'offered_preference',
      'offered_school_urn',
      'distance_to_offer_metres',
      ...prefColumns,
    ],
    cases: held.map((a) => {
      const anonymised = a.anonymisedOn !== null;
      const cells: Record<string, string | number | boolean | null> = {
        phase: a.phase,
        entry_year: a.entryYear,
        home_district: a.homeDistrictCode,
        online: a.online,
        late: a.late,
        looked_after: a.lookedAfter,
        ehc_plan: a.ehcPlanSchool !== null,
        assessed_suitable: a.assessedSuitable,
        preferences: a.preferences.length,
        offer_kind: a.offer?.kind ?? null,
        offered_preference: a.offer?.preferenceRank ?? null,
        offered_school_urn: a.offer?.urn ?? null,
        distance_to_offer_metres: distanceToOffer(a),
      };
      prefColumns.forEach((c, i) => (cells[c] = a.preferences[i]?.urn ?? null));
      return {
        // An anonymised application names no one (its name columns hold the word 'anonymised'): hashing those would give
        // every anonymised application the same pseudonym, so it is given with no identity and gets none.
        child: anonymised
          ? { upn: null, givenName: null, familyName: null, dateOfBirth: null, postcode: null }
          : { upn: a.child.upn, givenName: a.child.givenName, familyName: a.child.familyName, dateOfBirth: a.child.dateOfBirth, postcode: a.homePostcode },
        cells,
      };
    }),
  };
}

/**
 * Coordinated admissions in the whole's retention run, subject access export and pseudonymised extracts (issues 15.7
 * and 16). Retention: admissions-retention.ts. Anonymising keeps the home district, preferences, offers and their
 * explanations (whose texts give positions, criteria, distances and school names, never a child's name), so the
 * round's figures and allocation profiles stand.
 */
export const admissionsModule: CaseworkModule = {
  team,
  key: 'admissions',
  action: 'work-admissions',
  extract: admissionsExtract,
  async retain(tx, today) {
    const anonymised = await tx.admissions.anonymiseRoundsUpTo(lastEntryYearDue(today), today);
    return { team, rule: admissionsRetentionRule, anonymised, deleted: 0 };
  },
  async subjectAccess(tx, child) {
    const ids = await tx.admissions.matching(child);
    const held = ids.length === 0 ? [] : await tx.admissions.applicationsWithOffers(ids);
    return { team, records: held.map(heldRecordOf) };
  },
};
