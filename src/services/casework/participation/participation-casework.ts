import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { Clock } from '../../clock.ts';
import { createParticipationExtract } from './participation-extract.ts';
import { participationModule } from './participation-module.ts';
import { createParticipationService } from './participation-service.ts';

/** The participation team's face to the rest: its use cases, its NCCIS extract, and its casework module. */
export function createParticipationCasework(store: Store, clock: Clock, audit: AuditContext) {
  return { ...createParticipationService(store, clock, audit), ...createParticipationExtract(store, audit), module: participationModule };
}

export { participationModule };
