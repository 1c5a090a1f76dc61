import { permanentExclusionCounts } from '../../../domain/casework/exclusion-rules.ts';
import type { Store } from '../../../store/store.ts';
import type { ExtractCase, TeamExtract } from '../casework-module.ts';

const columns = [
  'record',
  'district',
  'school_urn',
  'period',
  'kind',
  'reason_code',
  'decision_date',
  'start_date',
  'sessions',
  'counted',
  'fsm',
  'sen',
  'in_care',
  'provider_urn',
  'provider_kind',
  'year_group',
  'end_date',
  'outcome',
  'legal_status',
  'placement',
  'episodes',
  'sex',
] as const;

type Row = Partial<Record<(typeof columns)[number], string | number | boolean | null>>;
const full = (row: Row): ExtractCase['cells'] => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));

/**
 * The inclusion team's records for a pseudonymised extract, one row each, marked by `record`: exclusions (with
 * whether a permanent one counts after its reviews), alternative provision placements, and children in care (their
 * first episode's start, the latest episode's legal status and placement; the 903 child id and ethnicity left out).
 */
export async function inclusionExtract(tx: Store): Promise<TeamExtract> {
  const districtOf = new Map([...(await tx.places.idsByCode('district'))].map(([code, id]) => [id, code]));
  const cases: ExtractCase[] = [];
  for (const e of await tx.inclusion.exclusions({ places: null, limit: 10_000_000 })) {
    cases.push({
      child: e,
      cells: full({
        record: 'exclusion',
        district: e.districtPlaceId === null ? null : (districtOf.get(e.districtPlaceId) ?? null),
        school_urn: e.schoolUrn,
        period: e.period,
        kind: e.kind,
        reason_code: e.reasonCode,
        decision_date: e.decisionDate,
        start_date: e.startDate,
        sessions: e.sessions,
        counted: e.kind === 'permanent' ? permanentExclusionCounts(e) : null,
        fsm: e.fsm,
        sen: e.sen,
        in_care: e.inCare,
      }),
    });
  }
  for (const p of await tx.inclusion.apPlacements({ places: null })) {
    cases.push({
      child: p,
      cells: full({
        record: 'alternative-provision',
        school_urn: p.homeSchoolUrn,
        period: p.period,
        start_date: p.start,
        provider_urn: p.providerUrn,
        provider_kind: p.kind,
        year_group: p.yearGroup,
        end_date: p.end,
        outcome: p.outcome,
      }),
    });
  }
  for (const c of await tx.inclusion.careChildren({ places: null })) {
    const last = c.episodes.at(-1);
    cases.push({
      child: { upn: c.upn, givenName: null, familyName: null, dateOfBirth: c.dateOfBirth },
      cells: full({
        record: 'child-in-care',
        start_date: c.episodes[0]?.start ?? null,
        end_date: last?.end ?? null,
        legal_status: last?.legalStatus ?? null,
        placement: last?.placement ?? null,
        episodes: c.episodes.length,
        sex: c.sex,
      }),
    });
  }
  return { columns, cases };
}
