import type { Principal } from '../../domain/access/decide-access.ts';
import type { CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import { defaultCmeRetentionYears } from '../../domain/casework/cme-retention.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext, AuditWho } from '../audit/audit-service.ts';
import type { Clock } from '../clock.ts';
import { createCaseworkExtract } from './casework-extract.ts';
import type { CaseworkModule, ChildQuery } from './casework-module.ts';
import { cmeDemoStep } from './cme/cme-demo.ts';
import { cmeModule } from './cme/cme-module.ts';
import { createCmeService } from './cme/cme-service.ts';
import { createCmeTransfer } from './cme/cme-transfer.ts';
import { admissionsModule } from '../admissions/admissions-module.ts';
import { inclusionModule } from './inclusion/inclusion-module.ts';
import { participationModule } from './participation/participation-module.ts';
import { senCaseworkModule } from './sen/sen-module.ts';
import { runRetention } from './retention-runner.ts';
import { answerSubjectAccess } from './subject-access.ts';

/**
 * The casework teams (issue 15) and what spans them: each team's service, and the list of modules the retention run
 * and the subject access export go through. Another team's module is one line in `modules`.
 */
export function createCaseworkServices(
  store: Store,
  clock: Clock,
  audit: AuditContext,
  catalogue: readonly Indicator[],
  scopeFor: (principal: Principal | null, action: Action) => Promise<CaseScope>,
) {
  const today = () => londonDateOf(clock());
  const trail = audit.trail;
  const unitOf = (code: string) => {
    const indicator = catalogue.find((i) => i.code === code);
    if (indicator === undefined) throw new Error(`indicator ${code} is not in the catalogue`);
    return indicator.unit;
  };
  const cmeContext = {
    store,
    trail,
    today,
    scopeFor: (principal: Principal | null) => scopeFor(principal, 'work-cme-cases'),
    unitOf,
    retentionYears: defaultCmeRetentionYears,
  };
  const modules: readonly CaseworkModule[] = [
    cmeModule(defaultCmeRetentionYears),
    senCaseworkModule,
    participationModule,
    inclusionModule,
    admissionsModule,
    // Other teams' modules, one line each.
  ];
  return {
    cmeDemoStep: cmeDemoStep(unitOf, today),
    cme: { ...createCmeService(cmeContext), ...createCmeTransfer(cmeContext) },
    whole: {
      modules,
      today,
      /** Apply every team's retention rule on `on` (default today, in England), as `who` (default the process). */
      runRetention: (on?: string, who: AuditWho = audit.who) => runRetention(store, trail, modules, who, on ?? today()),
      /** Everything the teams hold on one child, as `who` (default the process). */
      subjectAccess: (query: ChildQuery, who: AuditWho = audit.who) => answerSubjectAccess(store, trail, modules, who, query, today()),
      /** Pseudonymised extracts of each team's cases for analysis (ADR 0018). */
      extracts: createCaseworkExtract(store, trail, modules, today, scopeFor),
    },
  };
}
