import type { GridPoint } from '../../domain/admissions/admissions.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { normalisePostcode } from '../../domain/geography/postcode.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import { conversionLines } from '../../domain/geography/succession.ts';
import { partnershipImpact, seriesAlong, type Impact } from '../../domain/schools/partnership-impact.ts';
import { headlineIndicators } from '../../domain/schools/school-assessment.ts';
import { supportNeedOf, type SupportNeed } from '../../domain/schools/support-needs.ts';
import { matchLeaders, partnershipsInForce, type LeaderKind, type LeaderMatch } from '../../domain/schools/system-leaders.ts';
import type { HeldLeader, HeldPartnership } from '../../store/system-leadership-store.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { createSchoolImprovementService } from './school-improvement-service.ts';
import { supportedSchoolsCode } from './supported-schools-figures.ts';

/** Who recorded a leader or partnership is the audit trail's, not the page's: officers' names are not shown to the public. */
export type LeaderShown = Omit<HeldLeader, 'recordedBy' | 'recordedAt'> & Readonly<{ schoolName: string; inForce: number }>;
export type PartnershipShown = Omit<HeldPartnership, 'recordedBy' | 'recordedAt'> &
  Readonly<{
    leaderName: string;
    leaderKind: LeaderKind;
    schoolName: string;
    /** The school the supported one is today where its URN has changed since (an academy conversion), its impact read across its URNs. */
    now: Readonly<{ urn: string; name: string }> | null;
    inForceToday: boolean;
    impact: Impact;
  }>;
export type NeedShown = SupportNeed & Readonly<{ district: string | null; supportedBy: readonly string[]; matches: readonly LeaderMatch[] }>;

/** A record without who recorded it and when (the audit trail's, not the public page's). */
function unrecorded<T extends Readonly<{ recordedBy: string; recordedAt: string }>>(record: T): Omit<T, 'recordedBy' | 'recordedAt'> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'recordedBy' && key !== 'recordedAt')) as Omit<T, 'recordedBy' | 'recordedAt'>;
}

/**
 * The system leadership page's reading (issue 18.7, docs/adr/0025-system-leadership.md): the LA's leaders with their
 * places taken today, every partnership with its impact, the schools needing support each matched to leaders, and
 * target 14's figures year by year. Reads only; the rules are the domain's.
 */
export function createLeadershipOverview(
  store: Store,
  clock: Clock,
  catalogue: () => readonly Indicator[],
  schoolImprovement: ReturnType<typeof createSchoolImprovementService>,
) {
  /**
   * Each school's grid reference: its postcode's in Code-Point Open where held, else the one its latest admission
   * arrangement records (the demo county's schools have no postcodes).
   */
  const locationsOf = async (urns: readonly string[]): Promise<Map<string, GridPoint>> => {
    const schools = await store.places.findMany('school', [...new Set(urns)]);
    const postcodeOf = new Map(
      schools.flatMap((s) => (s.attributes.address.postcode === null ? [] : [[s.code, normalisePostcode(s.attributes.address.postcode)] as const])),
    );
    const points = await store.admissions.postcodes([...postcodeOf.values()]);
    const located = await store.admissions.arrangementLocations(schools.map((s) => s.code));
    for (const [urn, postcode] of postcodeOf) {
      const p = points.get(postcode);
      if (p !== undefined && p.easting !== null && p.northing !== null) located.set(urn, { easting: p.easting, northing: p.northing });
    }
    return located;
  };

  /**
   * Each school's headline figures (all pupils, as held: published or computed) as this reader may see them, as a
   * reader of (urn, indicator): a figure hidden from the reader (a small cohort's, for the public) is read as not
   * held, so no change is worked from it and none gives it away.
   */
  async function headlineSeries(urns: readonly string[], policy: DisclosurePolicy) {
    const places = await store.places.findMany('school', urns);
    const codeOf = new Map(places.map((p) => [p.id, p.code]));
    const rows = ownFigures(
      await store.observations.find({
        indicatorCodes: [...headlineIndicators.primary, ...headlineIndicators.secondary],
        placeIds: places.map((p) => p.id),
        breakdown: 'all',
        basis: ['published', 'computed'],
        limit: 1_000_000,
      }),
    );
    const shown = discloseRows(rows, (code) => catalogue().find((i) => i.code === code)!, policy);
    const byKey = new Map<string, { period: string; value: number | null }[]>();
    rows.forEach((r, i) => {
      const key = `${codeOf.get(r.placeId)}|${r.indicatorCode}`;
      // The unrounded value where the reader may see the figure at all (a change is worked from unrounded figures).
      byKey.set(key, [...(byKey.get(key) ?? []), { period: r.period, value: shown[i]!.value === null ? null : r.value }]);
    });
    return (urn: string, code: string) => byKey.get(`${urn}|${code}`) ?? [];
  }

  return {
    /**
     * The LA's system leadership as at today: its leaders with the schools they lead from and their partnerships in
     * force; every partnership with its impact; and the schools needing support, each with the leaders best matched.
     */
    async overview(laCode: string, policy: DisclosurePolicy) {
      const la = await store.places.find('la', laCode);
      if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
      const today = londonDateOf(clock());
      const [leaders, partnerships, assessment] = await Promise.all([
        store.leadership.leaders(laCode),
        store.leadership.partnerships(laCode),
        schoolImprovement.assess(laCode),
      ]);
      const urns = [...leaders.map((l) => l.urn), ...partnerships.map((p) => p.urn), ...assessment.schools.map((s) => s.urn)];
      const names = new Map((await store.places.findMany('school', [...new Set(urns)])).map((s) => [s.code, s.name]));
      const nameOf = (urn: string) => names.get(urn) ?? `URN ${urn}`;
      const located = await locationsOf(urns);
      const leaderById = new Map(leaders.map((l) => [l.id, l]));
      const shownLeaders: LeaderShown[] = leaders.map((l) => ({
        ...unrecorded(l),
        schoolName: nameOf(l.urn),
        inForce: partnershipsInForce(l.id, partnerships, today),
      }));

      // Impact: each supported school's headline series beside its similar schools that had no partnership in force,
      // each school read along its line of URNs (an academy conversion changes the URN, not the school).
      const lineOf = conversionLines(await store.register.allSuccessions());
      const bySchool = new Map(assessment.schools.map((s) => [s.urn, s]));
      const schoolOf = (p: HeldPartnership) => bySchool.get(lineOf(p.urn)[0]!);
      const comparatorUrns = [...new Set(partnerships.flatMap((p) => schoolOf(p)?.similar.map((s) => s.urn) ?? []))];
      const seriesOf = await headlineSeries([...new Set([...partnerships.map((p) => p.urn), ...comparatorUrns].flatMap(lineOf))], policy);
      const shownPartnerships: PartnershipShown[] = partnerships.map((p) => {
        const leader = leaderById.get(p.leaderId)!;
        const school = schoolOf(p);
        const impact: Impact =
          school === undefined
            ? {
                measured: false,
                reason:
                  'it is not, nor has it become by conversion, an open state-funded mainstream school of the LA today (closed, merged, split, or special)',
              }
            : partnershipImpact(
                p.startedOn,
                headlineIndicators[school.phase].map((code) => {
                  const indicator = catalogue().find((i) => i.code === code);
                  return {
                    indicator: code,
                    title: indicator?.title ?? code,
                    higherIsBetter: indicator?.polarity !== 'lower_is_better',
                    supported: seriesAlong(lineOf(p.urn), (urn) => seriesOf(urn, code)),
                    comparators: school.similar.map((s) => ({
                      urn: s.urn,
                      points: seriesAlong(lineOf(s.urn), (urn) => seriesOf(urn, code)),
                      partnerships: partnerships.filter((q) => lineOf(s.urn).includes(q.urn)),
                    })),
                  };
                }),
              );
        return {
          ...unrecorded(p),
          leaderName: leader.name,
          leaderKind: leader.kind,
          schoolName: nameOf(p.urn),
          now: school === undefined || school.urn === p.urn ? null : { urn: school.urn, name: nameOf(school.urn) },
          inForceToday: p.startedOn <= today && (p.endedOn === null || p.endedOn > today),
          impact,
        };
      });

      // Needs, each matched to the leaders free today; a school already supported says by whom.
      const candidates = leaders.map((leader) => ({
        leader,
        location: located.get(leader.urn) ?? null,
        inForce: partnershipsInForce(leader.id, partnerships, today),
      }));
      const needs: NeedShown[] = assessment.schools.flatMap((s) => {
        const need = supportNeedOf(s);
        if (need === null) return [];
        const supportedBy = partnerships
          .filter((p) => lineOf(s.urn).includes(p.urn) && p.startedOn <= today && (p.endedOn === null || p.endedOn > today))
          .map((p) => leaderById.get(p.leaderId)!.name);
        const matches = matchLeaders({ urn: s.urn, phase: s.phase, areas: need.areas, location: located.get(s.urn) ?? null }, candidates, today);
        return [{ ...need, district: s.district?.name ?? null, supportedBy, matches }];
      });
      // Target 14's figures for the LA, year by year, as this reader may see them (the framework and indicator pages'
      // disclosure), with the counts behind each (the figure's detail) only where the figure itself is shown.
      const rows = await store.observations.find({ indicatorCode: supportedSchoolsCode, placeIds: [la.id], breakdown: 'all', limit: 100 });
      const shown = discloseRows(rows, (code) => catalogue().find((i) => i.code === code)!, policy);
      const target14 = rows
        .map((r, i) => {
          const seen = shown[i]!;
          const d = (r.detail ?? {}) as unknown as Readonly<{ history?: number; decided?: number; met?: number; undecided?: number }>;
          const counts = seen.value === null ? null : { history: d.history ?? 0, decided: d.decided ?? 0, met: d.met ?? 0, undecided: d.undecided ?? 0 };
          return { period: r.period, value: seen.value, symbol: seen.symbol, counts };
        })
        .sort((a, b) => a.period.localeCompare(b.period));
      return { la: { code: la.code, name: la.name }, asAt: today, leaders: shownLeaders, partnerships: shownPartnerships, needs, target14 };
    },
  };
}
