import type { Indicator } from '../../../domain/indicators/indicator.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { PupilFile } from '../../pupils/pupil-service.ts';
import { createApService } from './ap-service.ts';
import { createCareService } from './care-service.ts';
import { createExclusionService } from './exclusion-service.ts';

/** The inclusion team's use cases: exclusions, children in care (the Virtual School) and alternative provision. */
export function createInclusionService(
  store: Store,
  audit: AuditContext,
  pupilFiles: () => Promise<readonly PupilFile[]>,
  catalogue: () => readonly Indicator[],
) {
  return Object.freeze({
    exclusions: createExclusionService(store, audit, pupilFiles, catalogue),
    children: createCareService(store, audit, pupilFiles, catalogue),
    placements: createApService(store, audit, catalogue),
  });
}
export { inclusionModule } from './inclusion-module.ts';
