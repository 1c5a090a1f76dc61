import { generateCmeCasework } from '../../../demo/cme-casework.ts';
import type { Unit } from '../../../domain/indicators/indicator.ts';
import type { DemoCaseworkStep } from '../../demo/demo-service.ts';
import { remakeCmeFigures } from './cme-figures.ts';

/**
 * The demo build's children missing education step: the cases of the build's years, then target 20's and 28's figures.
 * The build's years are academic start years (2011 is 2011/12); the cases and figures are made by the year's end (2012).
 */
export function cmeDemoStep(unitOf: (code: string) => Unit, today: () => string): DemoCaseworkStep {
  return {
    name: 'cme',
    label: 'generating children missing education cases',
    async write(tx, county, seed, years, batchId) {
      const districtIds = await tx.places.idsByCode('district');
      const schoolsByDistrict = new Map<string, string[]>();
      for (const s of county.schools) if (s.closedOn === null) schoolsByDistrict.set(s.districtCode, [...(schoolsByDistrict.get(s.districtCode) ?? []), s.urn]);
      const endYears = years.map((y) => y + 1);
      const cases = generateCmeCasework(seed, endYears, schoolsByDistrict).filter((c) => districtIds.has(c.districtCode));
      const written = await tx.cme.bulkInsert(
        cases.map((c) => ({
          child: { ...c, postcode: null, districtId: districtIds.get(c.districtCode)!, districtBasis: 'chosen' as const },
          episodes: c.episodes,
        })),
        batchId,
      );
      const figures = await remakeCmeFigures(tx, unitOf, today(), endYears, batchId);
      return [`${written} children missing education cases`, `${figures} figures (targets 20 and 28)`];
    },
  };
}
