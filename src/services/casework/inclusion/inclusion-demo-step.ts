import { readPupilRows } from '../../../compute/pupil-rows.ts';
import { inclusionDemoYear, yearGroupOf } from '../../../demo/inclusion-casework.ts';
import {} from '../../../domain/casework/exclusion-rules.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import { academicYearCode, academicYearOf, censusDateOf } from '../../../domain/periods/period.ts';
import type { Store } from '../../../store/store.ts';
import type { DemoCaseworkStep } from '../../demo/demo-service.ts';
import type { PupilFile } from '../../pupils/pupil-service.ts';
import { remakeInclusionFigures } from './inclusion-figures.ts';

/** Who the demo's records say recorded them (an actor id, never a name). */
export const demoRecorder = 'system:demo';

/**
 * The demo build's inclusion step: for each year, the census pupils with an exclusion or in care and the pupils of the
 * PRUs (with the Year 11s' KS4 results) are read from the demo's own pupil files, turned into exclusion notifications,
 * SSDA903 episodes and alternative curriculum placements (demo/inclusion-casework.ts), written in bulk, and the figures
 * they feed remade: so the LA's exclusion count and the census's agree pupil for pupil.
 */
export function inclusionDemoStep(pupilFiles: () => Promise<readonly PupilFile[]>, catalogue: () => readonly Indicator[]): DemoCaseworkStep {
  return {
    name: 'inclusion',
    label: 'generating exclusions, alternative provision placements and children in care',
    async write(tx, county, seed, years, batchId) {
      const files = await pupilFiles();
      const fileOf = (collection: string, period: string) => files.find((f) => f.collection === collection && f.period === period && f.dataVersion === 'final');
      const pruUrns = county.schools.filter((s) => s.attributes.sector === 'alternative-provision').map((s) => s.urn);
      const schoolIds = await tx.places.idsByCode('school');
      const laIds = await tx.places.idsByCode('la');
      const periods: string[] = [];
      let exclusions = 0;
      let children = 0;
      let placements = 0;
      for (const startYear of years) {
        const period = academicYearCode(startYear);
        const census = fileOf('census', period);
        if (census === undefined) continue;
        periods.push(period);
        const pupils = await readPupilRows(census.path, 'census', { excluded: true, inCare: true, urns: pruUrns });
        const year11 = pupils.filter((p) => yearGroupOf(p.pupilId) === 11).map((p) => p.pupilId);
        const ks4File = fileOf('ks4', period);
        const ks4 = ks4File === undefined ? [] : await readPupilRows(ks4File.path, 'ks4', { pupilIds: year11 });
        const made = inclusionDemoYear(county, seed, startYear, pupils, new Map(ks4.map((r) => [r.pupilId, r])));
        const laOf = await schoolLas(tx, period);
        exclusions += await tx.inclusion.addExclusions(
          made.exclusions.map((e) => ({
            ...e,
            schoolPlaceId: schoolIds.get(e.schoolUrn) ?? null,
            period: academicYearOf(e.decisionDate),
            recordedBy: demoRecorder,
          })),
          batchId,
        );
        const byUpn = new Map(pupils.map((p) => [p.pupilId, p.urn]));
        const careChildren = made.careChildren.flatMap((c) => {
          const placeId = laIds.get(laOf.get(byUpn.get(c.upn) ?? '') ?? '');
          return placeId === undefined ? [] : [{ ...c, placeId }];
        });
        const kept = new Set(careChildren.map((c) => c.child));
        children += await tx.inclusion.putCareChildren(
          careChildren,
          made.careEpisodes.filter((e) => kept.has(e.child)),
          batchId,
        );
        placements += await tx.inclusion.addApPlacements(
          made.apPlacements.flatMap((p) => {
            const placeId = schoolIds.get(p.homeSchoolUrn);
            return placeId === undefined ? [] : [{ ...p, placeId, period, recordedBy: demoRecorder }];
          }),
          batchId,
        );
      }
      const figures = periods.length === 0 ? 0 : await remakeInclusionFigures(tx, periods, batchId, catalogue);
      return [`${exclusions} exclusions`, `${children} children in care`, `${placements} alternative provision placements`, `${figures} figures`];
    },
  };
}

async function schoolLas(tx: Store, period: string): Promise<Map<string, string>> {
  const { schools } = await tx.places.placementsOn(censusDateOf(period));
  return new Map(schools.filter((s) => s.parentKind === 'la').map((s) => [s.urn, s.parentCode]));
}
