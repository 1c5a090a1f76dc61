import type { Framework } from '../domain/framework/framework.ts';
import type { Indicator } from '../domain/indicators/indicator.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import { admissionsDemoStep } from './admissions/admissions-demo-step.ts';
import { createAdmissionsServices } from './admissions/admissions-services.ts';
import { createPlacePlanningServices } from './place-planning/place-planning-services.ts';
import { planningDemoStep } from './place-planning/planning-demo-step.ts';
import { attainmentAt19DemoStep } from './demo/attainment-at-19-demo-step.ts';
import { employmentDemoStep } from './demo/employment-demo-step.ts';
import type { ReadPublishedFile } from '../domain/import-file.ts';
import { createAccountService } from './access/account-service.ts';
import { createDemoAccounts } from './access/demo-accounts.ts';
import { createDemoDelivery } from './framework/demo-delivery.ts';
import { demoDeliveryFramework } from '../demo/delivery-records.ts';
import { createSystemLeadershipService } from './schools/system-leadership-service.ts';
import { createDemoLeadership } from './schools/demo-leadership.ts';
import { createIdentityService } from './access/identity-service.ts';
import type { RecordAudit } from './audit/audit-hook.ts';
import { createAuditReader } from './audit/audit-reader.ts';
import { createAuditService, type AuditContext, type AuditWho } from './audit/audit-service.ts';
import { createCatalogueService } from './indicators/catalogue-service.ts';
import { createCollaborationService } from './geography/collaboration-service.ts';
import { createComparisonService } from './comparison/comparison-service.ts';
import { createDemoService } from './demo/demo-service.ts';
import { participationDemoStep } from './casework/participation/participation-demo-step.ts';
import { createParticipationCasework } from './casework/participation/participation-casework.ts';
import { createFloorService } from './schools/floor-service.ts';
import { createObservationService } from './indicators/observation-service.ts';
import { createKeptReads, oneVersionARequest, withinOneReadingRequest } from './kept-reads.ts';
import { keptPageReads } from './kept-page-reads.ts';
import { createOfstedService } from './schools/ofsted-service.ts';
import { createRollUpService } from './indicators/roll-up-service.ts';
import { createPlaceService } from './geography/place-service.ts';
import type { Clock } from './clock.ts';
import { createImportService } from './imports/import-service.ts';
import { inclusionDemoStep } from './casework/inclusion/inclusion-demo-step.ts';
import { createInclusionService } from './casework/inclusion/inclusion-service.ts';
import { createPupilService } from './pupils/pupil-service.ts';
import { createFrameworkService } from './framework/framework-service.ts';
import { createDeliveryService } from './framework/delivery-service.ts';
import { createReportService } from './reports/report-service.ts';
import { createSchoolImprovementService } from './schools/school-improvement-service.ts';
import { createSchoolOutcomesService } from './schools/school-outcomes-service.ts';
import { createSessionService } from './access/session-service.ts';
import { createTokenService } from './access/token-service.ts';
import { createTwoStepService } from './access/two-step-service.ts';
import { createCaseworkServices } from './casework/casework-services.ts';
import { createSenCaseService } from './casework/sen/sen-case-service.ts';
import { senDemoStep } from './casework/sen/sen-demo-step.ts';
import { createSenTransfer } from './casework/sen/sen-transfer.ts';
import { createPlaceDashboard } from './geography/place-dashboard.ts';
import { createTableBuilder } from './tables/table-builder-service.ts';
import { createReleaseService } from './releases/release-service.ts';
import { createDemoRelease } from './releases/demo-release.ts';

export type ServiceOptions = Readonly<{
  /** Where pupil-level Parquet files live (WAYMARK_DATA_DIR/pupils by default). */
  pupilDir: string;
  /** The performance frameworks (frameworks/*.yaml). */
  frameworks: readonly Framework[];
  /** Who the audit trail records when a call names nobody: `cli:<OS user>` for a command, `system` for the server. */
  who: AuditWho;
  /** Reads a published file as an import does (the composition root's reader); the demo build imports the files it makes. */
  readPublishedFile?: ReadPublishedFile;
  /** Megabytes of the pages' reads kept a data version (kept-reads.ts; 0: none, each read on every request). */
  keptReadsMb?: number;
}>;

/** The use cases every face calls. Everything is handed in: no module singletons. */
export function createServices(store: Store, clock: Clock, log: Log, catalogue: readonly Indicator[], options: ServiceOptions) {
  const catalogueService = createCatalogueService(store, catalogue, log);
  const audit: AuditContext = { trail: createAuditService(store, clock, log), who: options.who };
  const pupils = createPupilService(store, log, options.pupilDir, () => catalogue, audit);
  const frameworks = createFrameworkService(store, options.frameworks, () => catalogue);
  const floors = createFloorService(store, () => catalogue);
  const schoolOutcomes = createSchoolOutcomesService(store, clock, log, () => catalogue, audit);
  // Accounts and sessions record each write as its own audit entry: the signed-in user when there is one, else the
  // process (a command's OS user). The entry is appended in a transaction of its own, after the write.
  const recordAudit: RecordAudit = (event) =>
    store.transaction((tx) =>
      audit.trail
        .record(tx, event.actorUserId === null ? audit.who : { actor: `user:${event.actorUserId}`, requestId: null }, {
          action: event.action,
          subject: event.subject,
          placeId: event.placeId ?? null,
          ...(event.detail === undefined ? {} : { detail: event.detail }),
        })
        .then(() => undefined),
    );
  // Casework (issue 15): each team's module (retention, subject access) is one line in casework-services.ts.
  // The data version read once a reading request (kept-reads.ts), and what the pages and a reader's reach read most, kept
  // a data version for every reader (kept-page-reads.ts, ADR 0026).
  const version = oneVersionARequest(() => store.dataVersion.current());
  const keep = createKeptReads(version, clock, { megabytes: options.keptReadsMb ?? 64 });
  const sessions = createSessionService(store, clock, recordAudit, keep);
  const casework = createCaseworkServices(store, clock, audit, catalogue, (principal, action) => sessions.scopeFor(principal, action));
  const demo = createDemoService(
    store,
    log,
    () => catalogueService.sync(),
    pupils,
    (who) => schoolOutcomes.recompute(who),
    audit,
    // Casework (issue 15): each team's demo records and the figures they feed, in this order.
    [
      casework.cmeDemoStep,
      senDemoStep,
      participationDemoStep,
      inclusionDemoStep(
        () => pupils.files(),
        () => catalogue,
      ),
      admissionsDemoStep(() => catalogue),
      planningDemoStep(clock, audit.trail),
      attainmentAt19DemoStep(options.readPublishedFile),
      employmentDemoStep(options.readPublishedFile),
    ],
  );
  const accounts = createAccountService(store, clock, recordAudit);
  const delivery = createDeliveryService(store, clock, audit, frameworks.find, (principal, action) => sessions.scopeFor(principal, action));
  const demoDelivery = createDemoDelivery(store, delivery, demo.state);
  const schoolImprovement = createSchoolImprovementService(store, clock, () => catalogue, floors);
  const leadership = createSystemLeadershipService(
    store,
    clock,
    log,
    audit,
    () => catalogue,
    schoolImprovement,
    (principal, action) => sessions.scopeFor(principal, action),
  );
  const demoLeadership = createDemoLeadership(store, clock, leadership, floors, demo.state, () => frameworks.find(demoDeliveryFramework).la);
  const tables = createTableBuilder(store, clock);
  const releases = createReleaseService(store, clock, audit, tables.permalink);
  const pageReads = keptPageReads(keep, {
    places: createPlaceService(store, clock),
    dashboards: createPlaceDashboard(store, frameworks, schoolImprovement, () => catalogue),
    frameworks,
    reports: createReportService(store, frameworks, () => catalogue),
    ofsted: createOfstedService(store),
    schoolImprovement,
    comparison: createComparisonService(store),
  });
  return Object.freeze({
    catalogue: catalogueService,
    health: { check: () => store.check() },
    /** The data version pages are cached by (migration 0028): it moves with every committed change to what they show. */
    dataVersion: version,
    /** Run a request that writes nothing (a GET or HEAD) reading the data version once: every read of it sees the same. */
    withinOneReadingRequest,
    imports: createImportService(
      store,
      clock,
      log,
      () => catalogueService.sync(),
      () => catalogue,
      audit,
    ),
    places: pageReads.places,
    dashboards: pageReads.dashboards,
    demo,
    pupils,
    frameworks: pageReads.frameworks,
    delivery: { ...delivery, ...demoDelivery },
    reports: pageReads.reports,
    observations: createObservationService(store),
    ofsted: pageReads.ofsted,
    floors,
    schoolOutcomes,
    collaborations: createCollaborationService(store, clock, () => catalogue),
    schoolImprovement: pageReads.schoolImprovement,
    leadership: { ...leadership, ...demoLeadership },
    comparison: pageReads.comparison,
    rollUps: createRollUpService(store, log, audit),
    audit: createAuditReader(store, audit.trail),
    accounts: { ...accounts, ...createDemoAccounts(store, (input) => accounts.add(input), demo.state) },
    sessions,
    identities: createIdentityService(store, clock, recordAudit),
    tokens: createTokenService(store, clock, recordAudit),
    twoStep: createTwoStepService(store, clock, recordAudit),
    participation: createParticipationCasework(store, clock, audit),
    inclusion: createInclusionService(
      store,
      audit,
      () => pupils.files(),
      () => catalogue,
    ),
    batches: { recent: (limit?: number) => store.register.batches(limit) },
    cme: casework.cme,
    casework: casework.whole,
    sen: { ...createSenCaseService(store, clock, audit), ...createSenTransfer(store, clock, audit) },
    admissions: createAdmissionsServices(store, clock, audit, catalogue, (principal, action) => sessions.scopeFor(principal, action)),
    placePlanning: createPlacePlanningServices(store, clock, audit),
    tables,
    releases: { ...releases, ...createDemoRelease(store, clock, tables, releases, demo.state) },
  });
}

export type Services = ReturnType<typeof createServices>;
export type { Clock };
