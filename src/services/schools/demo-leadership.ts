import { demoDeliveryRecorder } from '../../demo/delivery-records.ts';
import { generateSystemLeadership, type DemoLeadershipSchool } from '../../demo/system-leadership.ts';
import { laOfficerDisclosure } from '../../domain/indicators/disclosure.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import { endYearOf } from '../../domain/periods/period.ts';
import { floorIndicators } from '../../domain/schools/floor-standards.ts';
import { judgementIndex } from '../../domain/schools/inspection-history.ts';
import { mainstreamPhaseOf } from '../../domain/schools/school-phase.ts';
import type { Store } from '../../store/store.ts';
import { principalOf } from '../access/principal-of.ts';
import type { Clock } from '../clock.ts';
import type { DemoState } from '../demo/demo-service.ts';
import type { createFloorService } from './floor-service.ts';
import type { SystemLeadershipService } from './system-leadership-service.ts';

/** The summers whose floor results the demo's partnerships follow: 2012-2015, so 2013-2016 can be read from them. */
const demoSummers = [2012, 2013, 2014, 2015];

/**
 * The demo county's system leaders and partnerships (src/demo/system-leadership.ts), recorded by its LA officer through
 * the system leadership service (checked, audited, target 14 remade), once the county is built and its users exist. An
 * LA that already has leaders is left as it is, so a second start adds nothing.
 */
export function createDemoLeadership(
  store: Store,
  clock: Clock,
  leadership: SystemLeadershipService,
  floors: ReturnType<typeof createFloorService>,
  demoState: () => Promise<DemoState>,
  laCode: () => string,
) {
  return {
    /** Record the demo's leaders and partnerships where the LA has none; returns how many partnerships were recorded. */
    async ensureDemoLeadership(): Promise<number> {
      if ((await demoState()) !== 'built') return 0;
      const la = laCode();
      if ((await leadership.leaders(la)).length > 0) return 0;
      const officer = await store.access.userByName(demoDeliveryRecorder);
      const principal = officer === undefined ? null : await principalOf(store, officer.id);
      if (principal === null) return 0;

      const belowIn = new Map<string, Set<number>>();
      for (const phase of ['primary', 'secondary'] as const)
        for (const period of await store.observations.periodsOf(floorIndicators[phase])) {
          const summer = endYearOf(period);
          if (!demoSummers.includes(summer)) continue;
          // Below, or possibly below (failing the attainment condition, progress not decidable): both are brokered.
          const listing = await floors.floorStandards(la, phase, period, laOfficerDisclosure);
          for (const s of [...listing.below, ...listing.undecided]) belowIn.set(s.urn, (belowIn.get(s.urn) ?? new Set()).add(summer));
        }
      const placements = (await store.places.placementsOn(londonDateOf(clock()))).schools;
      const everInLa = new Set(
        (await store.places.placementsOn('2012-01-19')).schools
          .concat(placements)
          .filter((p) => p.parentKind === 'la' && p.parentCode === la)
          .map((p) => p.urn),
      );
      const places = await store.places.findMany('school', [...everInLa]);
      const located = await store.admissions.arrangementLocations(places.map((p) => p.code));
      const judgementOf = judgementIndex(await store.register.allSuccessions(), await store.inspections.forUrns(places.map((p) => p.code)));
      const schools: DemoLeadershipSchool[] = places.flatMap((p) => {
        const phase = mainstreamPhaseOf(p.attributes);
        if (phase === null) return [];
        return [
          {
            urn: p.code,
            name: p.name,
            phase,
            location: located.get(p.code) ?? null,
            gradeOn: (day: string) => judgementOf(p.code, day)?.grade ?? null,
            belowIn: belowIn.get(p.code) ?? new Set(),
          },
        ];
      });
      const generated = generateSystemLeadership(schools, 2013, demoSummers, londonDateOf(clock()));
      const outcome = await leadership.recordMany(principal, la, generated.leaders, generated.partnerships);
      if (!outcome.ok) throw new Error(`The demo's system leadership is refused: ${outcome.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      return outcome.partnerships;
    },
  };
}
