import { londonDateOf } from '../../domain/periods/london-time.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { Clock } from '../clock.ts';
import { readAreaView } from './area-view.ts';
import { createForecastService } from './forecast-service.ts';
import type { PlanningContext } from './planning-context.ts';
import { createPlanningOverviews } from './planning-overview.ts';
import { createPlanningRecorder } from './planning-records.ts';
import type { AreaView, ScapExport } from './planning-views.ts';
import { readScapExport } from './scap-export.ts';

/** School place planning (issue 17): the records, forecasts and backtests, and what the planning pages show. */
export function createPlacePlanningServices(store: Store, clock: Clock, audit: AuditContext) {
  const context: PlanningContext = { store, trail: audit.trail, now: clock, today: () => londonDateOf(clock()) };
  return {
    ...createPlanningRecorder(context),
    ...createForecastService(context),
    ...createPlanningOverviews(store),
    area: (code: string): Promise<AreaView> => readAreaView(store, code),
    scapExport: (laCode: string): Promise<ScapExport> => readScapExport(store, laCode),
  };
}
