import { comparatorFigures } from '../../demo/comparator-figures.ts';
import type { DemoCounty } from '../../demo/generate-county.ts';
import { generateCollaborations, generateInspections } from '../../demo/generate-inspections.ts';
import { kent, kentDistricts, kentNeighbours2012, laOnsCodes } from '../../domain/geography/reference-places.ts';
import { pupilsOnRollCode, type Observation } from '../../domain/indicators/indicator.ts';
import type { ObservationInput } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { ensureReferenceGeography } from '../geography/reference-geography.ts';

export const demoFormat = 'demo-county';

export type DemoCountyCounts = Readonly<{
  batchId: number;
  schools: number;
  successions: number;
  inspections: number;
  rollObservations: number;
  comparatorObservations: number;
}>;

/**
 * The demo county's first step, in the caller's transaction, recorded as one import batch: places, successions,
 * inspections, collaborations, rolls and comparator figures.
 */
export async function writeDemoCounty(tx: Store, county: DemoCounty, seed: number, hash: string, progress: (step: string) => void): Promise<DemoCountyCounts> {
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
  return {
    batchId,
    schools: county.schools.length,
    successions: county.successions.length,
    inspections: inspections.length,
    rollObservations: observations.length,
    comparatorObservations: comparators.length,
  };
}

/** The demo county's own counts, as writeDemoCounty reports them, for a build that resumes after it. */
export function demoCountyCounts(county: DemoCounty, seed: number, batchId: number): DemoCountyCounts {
  const schoolYears = new Set(county.rolls.map((r) => `${r.urn}|${r.period}`));
  return {
    batchId,
    schools: county.schools.length,
    successions: county.successions.length,
    inspections: generateInspections(county, seed).length,
    rollObservations: county.rolls.length + schoolYears.size,
    comparatorObservations: comparatorFigures(seed).length,
  };
}
