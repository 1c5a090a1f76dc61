import { londonDateOf } from '../../domain/periods/london-time.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { headlineIndicators } from '../../domain/schools/school-assessment.ts';
import { isMemberOn } from '../../domain/geography/place.ts';
import { isPlanningArea } from '../../domain/geography/place-attributes.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';

/**
 * Collaborations and hubs: LA-defined groupings of schools with dated membership. Their figures are roll-ups or
 * computed figures like any district's; here they are listed and compared with each other on the headline indicators.
 */
export function createCollaborationService(store: Store, clock: Clock, catalogue: () => readonly Indicator[]) {
  return {
    /** Every collaboration with its headline figures, disclosed for the reader as every figure is. */
    async list(policy: DisclosurePolicy) {
      const today = londonDateOf(clock());
      // Planning areas are groupings too, but place planning's (issue 17): they are not collaborations.
      const groupings = (await store.places.byKind('grouping')).filter((g) => !isPlanningArea(g.attributes)).sort((a, b) => a.name.localeCompare(b.name));
      const members = await Promise.all(groupings.map((g) => store.places.members(g.id, 'school')));
      const codes = [...headlineIndicators.primary, ...headlineIndicators.secondary];
      const rows = await store.observations.find({
        indicatorCodes: codes,
        placeIds: groupings.map((g) => g.id),
        breakdown: 'all',
        basis: ['computed', 'roll-up'],
        limit: 100_000,
      });
      const shown = discloseRows(rows, (code) => catalogue().find((i) => i.code === code)!, policy);
      const shownOf = new Map(rows.map((r, i) => [r, shown[i]!]));
      // The comparison columns: the newest year of each headline indicator any collaboration has a figure for.
      const columns = codes
        .map((code) => {
          const held = rows.filter((r) => r.indicatorCode === code && r.value !== null);
          const period = held.reduce((a, r) => (r.period > a ? r.period : a), '');
          const indicator = catalogue().find((i) => i.code === code);
          return { code, title: indicator?.title ?? code, unit: indicator?.unit ?? 'percent', decimalPlaces: indicator?.decimalPlaces ?? 0, period };
        })
        .filter((c) => c.period !== '');
      return {
        columns,
        collaborations: groupings.map((g, i) => ({
          code: g.code,
          name: g.name,
          current: members[i]!.filter((m) => isMemberOn(m, today)).length,
          everMembers: new Set(members[i]!.map((m) => m.id)).size,
          values: columns.map((c) => {
            // Computed from pupil records where held, otherwise the roll-up of published school figures.
            const held = rows.filter((r) => r.placeId === g.id && r.indicatorCode === c.code && r.period === c.period);
            const row = held.find((r) => r.basis === 'computed') ?? held.find((r) => r.basis === 'roll-up');
            return row === undefined ? null : { value: shownOf.get(row)!.value, symbol: shownOf.get(row)!.symbol, basis: row.basis };
          }),
        })),
      };
    },

    /** One collaboration's members, current and past, as the form shows them (`URN, valid from, valid to`). */
    async members(code: string) {
      const grouping = await store.places.find('grouping', code);
      if (grouping === undefined || isPlanningArea(grouping.attributes)) throw new NotFoundError(`no collaboration with code ${code}`);
      const members = await store.places.members(grouping.id, 'school');
      return {
        code: grouping.code,
        name: grouping.name,
        members: members.map((m) => ({ urn: m.code, name: m.name, validFrom: m.validFrom, validTo: m.validTo })),
        asText: members.map((m) => [m.code, m.validFrom ?? '', m.validTo ?? ''].join(', ').replace(/(, )+$/, '')).join('\n'),
      };
    },
  };
}
