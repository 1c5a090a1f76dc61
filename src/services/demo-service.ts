import { createHash } from 'node:crypto';
import { generateCollaborations, generateInspections } from '../demo/generate-inspections.ts';
import { comparatorFigures } from '../demo/comparator-figures.ts';
import { generateCounty } from '../demo/generate-county.ts';
import { generatePupilFiles } from '../demo/generate-pupils.ts';
import { kent, kentDistricts, kentNeighbours2012, laOnsCodes } from '../domain/geography/reference-places.ts';
import { pupilsOnRollCode, type Observation } from '../domain/indicators/indicator.ts';
import { academicYearLabel } from '../domain/periods/academic-year.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { ObservationInput } from '../store/observation-store.ts';
import type { ComputeSummary, createPupilService } from './pupil-service.ts';
import { ensureReferenceGeography } from './reference-geography.ts';

export const demoFormat = 'demo-county';

export type DemoSummary = Readonly<{
  batchId: number;
  schools: number;
  successions: number;
  inspections: number;
  rollObservations: number;
  comparatorObservations: number;
  pupilFiles: number;
  pupilRecords: number;
  compute: ComputeSummary;
}>;

/**
 * Build the synthetic demo county into an empty store: places, rolls and comparator figures in one transaction
 * recorded as one import batch; then the pupil records, one Parquet file per collection and year, each registered as
 * its own batch; then the compute. `syncCatalogue` writes the indicator definitions the figures refer to.
 */
export function createDemoService(
  store: Store,
  log: Log,
  syncCatalogue: () => Promise<unknown>,
  pupils: ReturnType<typeof createPupilService>,
  recomputeSchoolOutcomes: () => Promise<unknown>,
) {
  return {
    async isEmpty(): Promise<boolean> {
      return (await store.places.count()) === 0;
    },

    async build(seed = 2013, progress: (step: string) => void = () => {}, options: Readonly<{ pupilYears?: readonly number[] }> = {}): Promise<DemoSummary> {
      await syncCatalogue();
      progress('generating the county');
      const county = generateCounty(seed);
      const hash = createHash('sha256').update(JSON.stringify(county)).digest('hex');
      const built = await store.transaction(async (tx) => {
        if (await tx.register.hasFormat(demoFormat)) throw new Error('the demo county is already built in this database');
        progress('writing places');
        const batchId = await tx.register.openBatch({
          fileName: `demo county (seed ${seed})`,
          fileHash: hash,
          format: demoFormat,
          rowCount: county.schools.length + county.rolls.length,
        });
        const { englandId, regionIds } = await ensureReferenceGeography(tx);
        const las = [{ code: kent.code, name: kent.name, regionCode: kent.regionCode }, ...kentNeighbours2012.members];
        const { ids: laIds } = await tx.places.upsert(
          'la',
          las.map((la) => ({ code: la.code, name: la.name, attributes: { onsCode: laOnsCodes[la.code] ?? null } })),
          batchId,
        );
        await tx.places.addLinks(
          las.map((la) => ({ placeId: laIds.get(la.code)!, parentId: regionIds.get(la.regionCode)!, validFrom: null, validTo: null, basis: 'reference' })),
          batchId,
        );
        const { ids: groupIds } = await tx.places.upsert(
          'neighbour_group',
          [
            {
              code: kentNeighbours2012.code,
              name: kentNeighbours2012.name,
              attributes: { of: kent.code, version: '2012', source: 'Kent Vision and Priorities for Improvement 2013-2016' },
            },
          ],
          batchId,
        );
        const groupId = groupIds.get(kentNeighbours2012.code)!;
        await tx.places.addLinks(
          las.map((la) => ({ placeId: laIds.get(la.code)!, parentId: groupId, validFrom: null, validTo: null, basis: 'reference' })),
          batchId,
        );
        const kentId = laIds.get(kent.code)!;
        const { ids: districtIds } = await tx.places.upsert(
          'district',
          kentDistricts.map((d) => ({ code: d.code, name: d.name })),
          batchId,
        );
        await tx.places.addLinks(
          kentDistricts.map((d) => ({ placeId: districtIds.get(d.code)!, parentId: kentId, validFrom: null, validTo: null, basis: 'reference' })),
          batchId,
        );

        progress(`writing ${county.schools.length} schools`);
        const { ids: schoolIds } = await tx.places.upsert(
          'school',
          county.schools.map((s) => ({
            code: s.urn,
            name: s.name,
            status: s.closedOn === null ? 'open' : 'closed',
            openedOn: s.openedOn,
            closedOn: s.closedOn,
            attributes: { ...s.attributes, demo: true },
          })),
          batchId,
        );
        await tx.places.addLinks(
          county.schools.flatMap((s) => [
            { placeId: schoolIds.get(s.urn)!, parentId: kentId, validFrom: s.openedOn, validTo: s.closedOn, basis: 'demo county' },
            { placeId: schoolIds.get(s.urn)!, parentId: districtIds.get(s.districtCode)!, validFrom: s.openedOn, validTo: s.closedOn, basis: 'demo county' },
          ]),
          batchId,
        );
        await tx.register.upsertSuccessions(
          county.successions.map((s, i) => ({ ...s, line: i + 1, linkType: 'Successor' })),
          batchId,
        );

        progress('writing Ofsted inspections and collaborations');
        const inspections = generateInspections(county, seed);
        await tx.inspections.upsert(inspections, batchId);
        const collaborations = generateCollaborations(county, seed);
        const { ids: collaborationIds } = await tx.places.upsert(
          'grouping',
          collaborations.map((c) => ({ code: c.code, name: c.name, attributes: { definedBy: 'demo county', kind: 'collaboration' } })),
          batchId,
        );
        await tx.places.addLinks(
          collaborations.flatMap((c) =>
            c.members.map((m) => ({
              placeId: schoolIds.get(m.urn)!,
              parentId: collaborationIds.get(c.code)!,
              validFrom: m.validFrom,
              validTo: m.validTo,
              basis: 'demo collaboration',
            })),
          ),
          batchId,
        );

        progress(`writing ${county.rolls.length} roll figures`);
        const observations: Observation[] = [];
        const totals = new Map<string, number>();
        for (const r of county.rolls) {
          const placeId = schoolIds.get(r.urn)!;
          observations.push({
            indicatorCode: pupilsOnRollCode,
            placeId,
            period: r.period,
            breakdown: `year-group:${r.yearGroup}`,
            value: r.pupils,
            numerator: null,
            denominator: null,
            symbol: null,
            dataVersion: 'final',
          });
          totals.set(`${placeId}|${r.period}`, (totals.get(`${placeId}|${r.period}`) ?? 0) + r.pupils);
        }
        for (const [key, value] of totals) {
          const [placeId, period] = key.split('|');
          observations.push({
            indicatorCode: pupilsOnRollCode,
            placeId: Number(placeId),
            period: period!,
            breakdown: 'all',
            value,
            numerator: null,
            denominator: null,
            symbol: null,
            dataVersion: 'final',
          });
        }
        // England, the South East and the 2012 neighbours, so Kent's computed figures have something to be ranked against.
        const comparators: ObservationInput[] = comparatorFigures(seed).map((f) => ({
          indicatorCode: f.indicator,
          placeId: f.placeKind === 'country' ? englandId : f.placeKind === 'region' ? regionIds.get(f.placeCode)! : laIds.get(f.placeCode)!,
          period: f.period,
          breakdown: f.breakdown,
          value: f.value,
          numerator: null,
          denominator: null,
          symbol: null,
          dataVersion: 'final',
          decimalPlaces: f.decimalPlaces,
        }));
        await tx.observations.insert([...observations, ...comparators], batchId, demoFormat);
        await tx.register.closeBatch(batchId, {
          inserted: county.schools.length,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [
            `synthetic county, seed ${seed}`,
            `${inspections.length} synthetic Ofsted inspections (src/demo/generate-inspections.ts) and ${collaborations.length} collaborations`,
            `${comparators.length} comparator figures for England, the South East and the 2012 neighbours: synthetic, shaped on national releases (src/demo/calibration.ts)`,
          ],
        });
        log.info({ batchId, schools: county.schools.length }, 'demo county built');
        return {
          batchId,
          schools: county.schools.length,
          successions: county.successions.length,
          inspections: inspections.length,
          rollObservations: observations.length,
          comparatorObservations: comparators.length,
        };
      });

      let pupilFiles = 0;
      let pupilRecords = 0;
      for (const file of generatePupilFiles(county, seed, options.pupilYears)) {
        progress(`writing ${file.records.length} ${file.collection} pupil records for ${academicYearLabel(file.period)}`);
        const written = await pupils.writeFile({ ...file, dataVersion: 'final', source: `demo county (seed ${seed})` });
        pupilFiles++;
        pupilRecords += written.rows;
      }
      const compute = await pupils.compute((step) => progress(`computed pupil file ${step.index} of ${step.of} (${step.file}): ${step.figures} figures`));
      progress('remaking the place-level Ofsted and floor-standard figures');
      await recomputeSchoolOutcomes();
      return { ...built, pupilFiles, pupilRecords, compute };
    },
  };
}
