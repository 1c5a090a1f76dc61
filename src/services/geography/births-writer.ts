import { england } from '../../domain/geography/reference-places.ts';
import type { ImportFile } from '../../domain/import-file.ts';
import { birthsByArea, englandBirths, englandMinimumAreas, sumOfAreas, type BirthsSum } from '../../domain/indicators/births.ts';
import type { DerivedFigure, ObservationInput } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from '../imports/import-counts.ts';

export const birthsCode = 'births';

/**
 * Keeps an ONS births file's rows (births_record) and remakes the births figures from every row held: each district's
 * (or unitary authority's) births by sex as published, and the sums Waymark makes, stored as computed with their
 * rule — each area's both-sexes figure, each LA's as the sum of the districts the store links to it (Kent's 12),
 * England's as the sum of every area held. Areas the store does not yet hold as a district, or as an LA by its ONS
 * code, are counted in England's sum and placed when the register learns them (remakeBirths after a register import).
 */
export async function writeBirths(tx: Store, file: Extract<ImportFile, { format: 'ons-births' }>, batchId: number): Promise<Counts> {
  await tx.births.keep(file.records, batchId);
  return remakeBirths(tx);
}

/** The births figures remade from every births row held and the register as it now is; a no-op with no rows held. */
export async function remakeBirths(tx: Store): Promise<Counts> {
  const records = await tx.births.all();
  if (records.length === 0) return zeroCounts();
  const batchOf = new Map(records.map((r) => [`${r.areaCode}|${r.year}|${r.sex}`, r.batchId]));
  const latestBatch = Math.max(...records.map((r) => r.batchId));
  const figures = birthsByArea(records);
  const placeOf = new Map<string, number>();
  for (const la of await tx.places.byKind('la')) {
    const ons = la.attributes.onsCode;
    if (typeof ons === 'string') placeOf.set(ons, la.id);
  }
  for (const d of await tx.places.byKind('district')) placeOf.set(d.code, d.id);

  const published = new Map<number, ObservationInput[]>();
  const derived: DerivedFigure[] = [];
  const unheld = new Set<string>();
  for (const f of figures) {
    const placeId = placeOf.get(f.areaCode);
    if (placeId === undefined) {
      unheld.add(f.areaCode);
      continue;
    }
    const figure = { indicatorCode: birthsCode, placeId, period: f.period, breakdown: f.breakdown, value: f.births, numerator: null, denominator: null };
    if (f.breakdown === 'all')
      derived.push({ ...figure, symbol: null, rule: 'the female and male births the file gives for the area, added', detail: { areas: 1 } });
    else {
      const batch = batchOf.get(`${f.areaCode}|${f.period}|${f.breakdown.slice('sex:'.length)}`)!;
      published.set(batch, [...(published.get(batch) ?? []), { ...figure, symbol: null, dataVersion: 'final', decimalPlaces: 0, sourceLine: f.line }]);
    }
  }

  const sums = (placeId: number, list: readonly BirthsSum[], rule: (s: BirthsSum) => string): DerivedFigure[] =>
    list.map((s) => ({
      indicatorCode: birthsCode,
      placeId,
      period: s.period,
      breakdown: s.breakdown,
      value: s.births,
      numerator: null,
      denominator: null,
      symbol: null,
      rule: rule(s),
      detail: { areas: s.areas },
    }));
  const notes: string[] = [];
  for (const laCode of await tx.places.lasWithDistricts()) {
    const la = (await tx.places.find('la', laCode))!;
    const districts = (await tx.places.members(la.id, 'district')).map((d) => d.code);
    const laSums = sumOfAreas(figures, districts);
    derived.push(...sums(la.id, laSums, (s) => `the sum of its ${s.areas} districts' births in the file (ONS gives no county figure)`));
    if (laSums.length > 0) notes.push(`${la.name}'s births written as the sum of its ${districts.length} districts`);
  }
  const country = (await tx.places.find('country', england.code))!;
  const national = englandBirths(figures);
  derived.push(...sums(country.id, national, (s) => `the sum of the births of all ${s.areas} districts and unitary authorities in the file`));
  if (national.length === 0)
    notes.push(`no England births: no year of the file covers England (${englandMinimumAreas} or more districts and unitary authorities)`);

  let counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const [batch, list] of published) {
    const c = await tx.observations.upsert(list, batch, 'ons-births');
    counts = { inserted: counts.inserted + c.inserted, updated: counts.updated + c.updated, unchanged: counts.unchanged + c.unchanged };
  }
  const written = await tx.observations.replaceDerived([birthsCode], derived, latestBatch);
  const skipped = records.filter((r) => unheld.has(r.areaCode)).length;
  if (unheld.size > 0)
    notes.push(
      `${skipped} rows for ${unheld.size} areas not held as districts or LAs kept unplaced (counted in England's sum; placed when the register names them): ${[...unheld].slice(0, 8).join(', ')}${unheld.size > 8 ? ', …' : ''}`,
    );
  return {
    ...zeroCounts(),
    ...counts,
    skipped,
    notes: [`${written} sums (both sexes, LAs from their districts, England) written as computed figures`, ...notes],
  };
}
