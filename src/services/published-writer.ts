import type { FileIssue } from '../domain/errors.ts';
import { england, regionCodeForExactName, regionCodeForName } from '../domain/geography/reference-places.ts';
import { batchFormat, type ImportFile } from '../domain/import-file.ts';
import { outsideUnit } from '../domain/indicators/dfe-number.ts';
import type { PlaceRef } from '../domain/indicators/published-values.ts';
import type { ObservationInput } from '../store/observation-store.ts';
import type { Store } from '../store/store.ts';
import { zeroCounts, type Counts } from './import-counts.ts';
import { rollUpFigures, rollUpMethod } from './roll-up-service.ts';

/** Writes figures read through a mapping: places found by code or name, LAs a file names with a code added, observations upserted. */
export async function writePublishedValues(
  tx: Store,
  file: Extract<ImportFile, { format: 'mapped-csv' }>,
  batchId: number,
  issues: FileIssue[],
): Promise<Counts> {
  const known = new Map((await tx.indicators.all()).map((i) => [i.code, i]));
  const unknown = [...new Set(file.records.map((r) => r.indicator))].filter((code) => !known.has(code));
  for (const code of unknown)
    issues.push({
      file: file.file,
      line: file.records.find((r) => r.indicator === code)!.line,
      column: null,
      message: `the mapping ${file.mapping} names indicator ${code}, which is not in the catalogue`,
    });
  if (unknown.length > 0) return zeroCounts();
  // Each value is held to its indicator's unit (a percentage 0-100), its numerator and denominator to counts.
  for (const r of file.records) {
    const indicator = known.get(r.indicator)!;
    const checks = [
      [r.value, indicator.unit, r.columns.value],
      [r.numerator, 'count', r.columns.numerator],
      [r.denominator, 'count', r.columns.denominator],
    ] as const;
    for (const [value, unit, column] of checks) {
      const problem = value === null ? null : outsideUnit(value, unit, `${indicator.title} ${indicator.methodology}`);
      if (problem !== null) issues.push({ file: file.file, line: r.line, column, message: `${problem}, the unit of ${indicator.code}` });
    }
  }
  if (issues.length > 0) return zeroCounts();

  const places = await placeFinder(tx, batchId);
  const unresolved = new Map<string, number>();
  const observations: ObservationInput[] = [];
  const firstLine = new Map<string, number>();
  for (const r of file.records) {
    const placeId = await places.find(r.place);
    if (placeId === null) {
      const key = `${r.place.kind} ${r.place.code ?? ''}${r.place.code && r.place.name ? ' ' : ''}${r.place.name ?? ''}`.trim();
      unresolved.set(key, (unresolved.get(key) ?? 0) + 1);
      continue;
    }
    // Two rows that land on the same figure (e.g. two spellings of one LA) would make the figure ambiguous.
    const key = `${r.indicator}|${placeId}|${r.period}|${r.breakdown}|${r.dataVersion}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      issues.push({
        file: file.file,
        line: r.line,
        column: null,
        message: `a second value for ${r.indicator} (${r.breakdown}), ${r.period}, ${r.place.name ?? r.place.code}: the first is on line ${seen}`,
      });
      continue;
    }
    firstLine.set(key, r.line);
    observations.push({
      indicatorCode: r.indicator,
      placeId,
      period: r.period,
      breakdown: r.breakdown,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      symbol: r.symbol,
      dataVersion: r.dataVersion,
      decimalPlaces: r.publishedDecimals,
      sourceLine: r.line,
    });
  }
  if (issues.length > 0) return zeroCounts();
  const counts = await tx.observations.upsert(observations, batchId, batchFormat(file));
  // School figures with a pupil count roll up to the LAs, districts and groupings the schools belong to.
  const schoolFigures = new Map<string, { indicatorCode: string; period: string }>();
  for (const r of file.records)
    if (r.place.kind === 'school' && r.denominator !== null && /^\d{6}$/.test(r.period))
      schoolFigures.set(`${r.indicator}|${r.period}`, { indicatorCode: r.indicator, period: r.period });
  // The figures just written have no planner statistics yet: refresh them so each roll-up is planned on real sizes.
  if (schoolFigures.size > 0) await tx.analyse(['observation', 'place', 'place_link']);
  const rolledUp = await rollUpFigures(tx, [...schoolFigures.values()], batchId);
  const skipped = [...unresolved.values()].reduce((a, b) => a + b, 0);
  const names = [...unresolved.keys()];
  return {
    ...zeroCounts(),
    ...counts,
    skipped,
    notes: [
      ...(names.length > 0
        ? [`${skipped} values for ${names.length} places not in the store skipped: ${names.slice(0, 12).join('; ')}${names.length > 12 ? '; …' : ''}`]
        : []),
      ...places.added(),
      ...(rolledUp > 0 ? [`${rolledUp} roll-ups of school figures to LAs, districts and groupings written (${rollUpMethod})`] : []),
    ],
  };
}

/** LA names as files write them ("Bristol, City of", "Herefordshire, County of", "St. Helens") compared loosely. */
export function normalisePlaceName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/,\s*(city|county) of$/, '')
    .replace(/^(city|county) of\s+/, '')
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

async function placeFinder(tx: Store, batchId: number) {
  const countryId = (await tx.places.find('country', england.code))!.id;
  const byKind = new Map<string, { byCode: Map<string, number>; byName: Map<string, number> }>();
  const load = async (kind: PlaceRef['kind']) => {
    const cached = byKind.get(kind);
    if (cached !== undefined) return cached;
    const rows = await tx.places.byKind(kind);
    const entry = { byCode: new Map(rows.map((p) => [p.code, p.id])), byName: new Map(rows.map((p) => [normalisePlaceName(p.name), p.id])) };
    for (const p of rows) {
      const ons = (p.attributes as { onsCode?: string | null }).onsCode;
      if (typeof ons === 'string') entry.byCode.set(ons, p.id);
    }
    byKind.set(kind, entry);
    return entry;
  };
  const added: string[] = [];
  return {
    async find(ref: PlaceRef): Promise<number | null> {
      if (ref.kind === 'country') return ref.code === null || ref.code === england.code ? countryId : null;
      const places = await load(ref.kind);
      const regionCode = ref.kind === 'region' && ref.code === null && ref.name !== null ? regionCodeForExactName(ref.name) : null;
      const byName = ref.kind === 'region' || ref.name === null ? undefined : places.byName.get(normalisePlaceName(ref.name));
      const found =
        (ref.code === null ? undefined : places.byCode.get(ref.code)) ?? (regionCode === null ? undefined : places.byCode.get(regionCode)) ?? byName;
      if (found !== undefined) return found;
      // An LA the file names with its DfE code and name is added to the store, in its region where the file gives one.
      if (ref.kind !== 'la' || ref.code === null || !/^\d{3}$/.test(ref.code) || ref.name === null) return null;
      const { ids } = await tx.places.upsert('la', [{ code: ref.code, name: ref.name }], batchId);
      const id = ids.get(ref.code)!;
      const region = ref.regionCode ?? (ref.regionName === null ? null : regionCodeForName(ref.regionName));
      const regionId = region === null ? undefined : (await load('region')).byCode.get(region);
      if (regionId !== undefined)
        await tx.places.addLinks(
          [{ placeId: id, parentId: regionId, validFrom: null, validTo: null, basis: `${ref.regionCode ? 'region code' : 'region name'} in the file` }],
          batchId,
        );
      places.byCode.set(ref.code, id);
      added.push(`${ref.code} ${ref.name}`);
      return id;
    },
    added: () => (added.length > 0 ? [`${added.length} LAs named only in this file were added: ${added.join(', ')}`] : []),
  };
}
