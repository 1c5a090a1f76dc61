import type { Framework } from '../domain/framework/framework.ts';
import type { Indicator } from '../domain/indicators/indicator.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import { createAccountService } from './account-service.ts';
import { noAudit, type RecordAudit } from './audit-hook.ts';
import { createCatalogueService } from './catalogue-service.ts';
import { createCollaborationService } from './collaboration-service.ts';
import { createComparisonService } from './comparison-service.ts';
import { createDemoService } from './demo-service.ts';
import { createFloorService } from './floor-service.ts';
import { createObservationService } from './observation-service.ts';
import { createOfstedService } from './ofsted-service.ts';
import { createRollUpService } from './roll-up-service.ts';
import { createPlaceService } from './place-service.ts';
import { createImportService, type Clock } from './import-service.ts';
import { createPupilService } from './pupil-service.ts';
import { createFrameworkService } from './framework-service.ts';
import { createReportService } from './report-service.ts';
import { createSchoolImprovementService } from './school-improvement-service.ts';
import { createSchoolOutcomesService } from './school-outcomes-service.ts';
import { createSessionService } from './session-service.ts';

export type ServiceOptions = Readonly<{
  /** Where pupil-level Parquet files live (WAYMARK_DATA_DIR/pupils by default). */
  pupilDir: string;
  /** The performance frameworks (frameworks/*.yaml). */
  frameworks: readonly Framework[];
  /** Called on every audited write (users, sessions, collaborations); a no-op until the audit trail (migration 0012) is wired in. */
  recordAudit?: RecordAudit;
}>;

/** The use cases every face calls. Everything is handed in: no module singletons. */
export function createServices(store: Store, clock: Clock, log: Log, catalogue: readonly Indicator[], options: ServiceOptions) {
  const catalogueService = createCatalogueService(store, catalogue, log);
  const pupils = createPupilService(store, log, options.pupilDir, () => catalogue);
  const frameworks = createFrameworkService(store, options.frameworks, () => catalogue);
  const floors = createFloorService(store, () => catalogue);
  const schoolOutcomes = createSchoolOutcomesService(store, clock, log, () => catalogue);
  const recordAudit = options.recordAudit ?? noAudit;
  const demo = createDemoService(
    store,
    log,
    () => catalogueService.sync(),
    pupils,
    () => schoolOutcomes.recompute(),
  );
  return Object.freeze({
    catalogue: catalogueService,
    health: { check: () => store.check() },
    imports: createImportService(
      store,
      clock,
      log,
      () => catalogueService.sync(),
      () => catalogue,
    ),
    places: createPlaceService(store, clock),
    demo,
    pupils,
    frameworks,
    reports: createReportService(store, frameworks, () => catalogue),
    observations: createObservationService(store),
    ofsted: createOfstedService(store),
    floors,
    schoolOutcomes,
    collaborations: createCollaborationService(store, clock, () => catalogue),
    schoolImprovement: createSchoolImprovementService(store, clock, () => catalogue, floors),
    comparison: createComparisonService(store),
    rollUps: createRollUpService(store, log),
    accounts: createAccountService(store, clock, recordAudit, demo.state),
    sessions: createSessionService(store, clock, recordAudit),
    recordAudit,
    batches: { recent: (limit?: number) => store.register.batches(limit) },
  });
}

export type Services = ReturnType<typeof createServices>;
export type { Clock };
