import type { FileIssue } from '../../domain/errors.ts';
import { england, regionCodeForExactName, regionCodeForName } from '../../domain/geography/reference-places.ts';
import { batchFormat, type ImportFile } from '../../domain/import-file.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { outsideUnit } from '../../domain/indicators/dfe-number.ts';
import { laitIndicatorCode, laitPeriod } from '../../domain/indicators/lait.ts';
import type { ObservationInput } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from './import-counts.ts';

export { laitIndicatorCode } from '../../domain/indicators/lait.ts';

export async function writeLaitDictionary(tx: Store, file: Extract<ImportFile, { format: 'lait-dictionary' }>): Promise<Counts> {
  const existing = await tx.indicators.all();
  const fromCatalogue = new Set(existing.filter((i) => i.lait !== null && !i.code.startsWith('lait-')).map((i) => i.lait));
  const own = file.records.filter((m) => !fromCatalogue.has(m.shortDesc));
  const defaultDecimals = { percent: 1, rate: 1, average_score: 1, points: 1, count: 0, band: 0 } as const;
  const indicators: Indicator[] = own.map((m) => ({
    code: laitIndicatorCode(m.shortDesc),
    title: m.title,
    unit: m.unit,
    decimalPlaces: m.decimalPlaces ?? defaultDecimals[m.unit],
    polarity: m.polarity,
    periodType: m.periodType,
    source: `DfE Local Authority Interactive Tool (LAIT)${m.dataOwner === null ? '' : `; data owner: ${m.dataOwner.split('\n')[0]}`}`,
    methodology: m.description === '' ? `LAIT measure ${m.shortDesc} (${m.topic}).` : m.description,
    numerator: null,
    denominator: null,
    periods: { from: null, to: null },
    successor: null,
    yearRule: null,
    breaks: [],
    feed: 'published',
    lait: m.shortDesc,
    framework: [],
  }));
  const counts = await tx.indicators.saveAll(indicators);
  return {
    ...zeroCounts(),
    ...counts,
    notes: [
      `${file.records.length - own.length} measures are indicators of Waymark's catalogue and keep its definitions; ${own.length} are held as LAIT's own (lait-… codes)`,
    ],
  };
}

/** Pseudo LA numbers LAIT gives England and the regions; Inner and Outer London are not places here. */
const londonHalves = new Set(['987', '988']);

export async function writeLaitData(tx: Store, file: Extract<ImportFile, { format: 'lait-data' }>, batchId: number, issues: FileIssue[]): Promise<Counts> {
  const indicators = await tx.indicators.all();
  // A catalogue indicator takes precedence over LAIT's own definition of the same measure.
  const byKey = new Map<string, Indicator>();
  for (const i of indicators.filter((x) => x.lait !== null).sort((a, b) => Number(a.code.startsWith('lait-')) - Number(b.code.startsWith('lait-'))))
    if (!byKey.has(i.lait!)) byKey.set(i.lait!, i);
  const unknown = [...file.summary.measures].filter(([key]) => !byKey.has(key));
  for (const [key, line] of unknown)
    issues.push({
      file: file.file,
      line,
      column: 'Short Desc',
      message: `unknown code: measure ${key} is in neither the catalogue nor the LAIT dictionary (import lait_data_dictionary.csv with it)`,
    });
  if (unknown.length > 0) return zeroCounts();
  const before = issues.length;
  const places = await resolvePlaces(tx, file, batchId, issues);
  if (issues.length > before) return zeroCounts();
  const skips = new Map<string, number>();
  const skip = (reason: string) => skips.set(reason, (skips.get(reason) ?? 0) + 1);
  let stageless = 0;
  let unavailable = 0;
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  // A chunk at a time, each written before the next is made (issue 20.5).
  for (const records of file.records()) {
    const observations: ObservationInput[] = [];
    for (const r of records) {
      const indicator = byKey.get(r.shortDesc)!;
      // Values are held to their indicator's unit. LAIT's own percentages are the exception: their unit is guessed from
      // a chart's axis label, and the DfE publishes figures above 100 and below 0 on some of them (take-up of funded
      // early education at 102.6%, inequality gaps, in bds_long_all_las.csv.gz), so they are not held to 0-100.
      const problem =
        r.value === null || (indicator.code.startsWith('lait-') && indicator.unit === 'percent')
          ? null
          : outsideUnit(r.value, indicator.unit, `${indicator.title} ${indicator.methodology}`);
      if (problem !== null) issues.push({ file: file.file, line: r.line, column: 'Values', message: `${problem}, the unit of ${indicator.code}` });
      if (issues.length > before) continue;
      const placeId = places.ids.get(r.laNumber);
      if (placeId === undefined) {
        skip(places.skipped.get(r.laNumber) ?? `area ${r.laNumber}`);
        continue;
      }
      const period = laitPeriod(r.yearsLabel, indicator.periodType);
      if (period.kind === 'skip') {
        skip(period.reason);
        continue;
      }
      if (!period.stageStated) stageless++;
      if (r.value === null) unavailable++;
      observations.push({
        indicatorCode: indicator.code,
        placeId,
        period: period.period,
        breakdown: 'all',
        value: r.value,
        numerator: null,
        denominator: null,
        symbol: r.value === null ? 'x' : null,
        dataVersion: period.dataVersion,
        decimalPlaces: r.publishedDecimals,
        sourceLine: r.line,
      });
    }
    // Once a value is out of its unit nothing more is written: the import is refused and its transaction undone.
    if (issues.length > before) continue;
    const written = await tx.observations.upsert(observations, batchId, batchFormat(file));
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
  }
  if (issues.length > before) return zeroCounts();
  const skipped = [...skips.values()].reduce((a, b) => a + b, 0);
  return {
    ...zeroCounts(),
    ...counts,
    skipped,
    notes: [
      ...[...skips].map(([reason, n]) => `${n} ${reason} skipped`),
      `${unavailable} values published as "-" (not available, suppressed or not applicable: LAIT does not say which) stored as x`,
      `${stageless} values carry no release stage in LAIT (which shows each year's latest figure): recorded as final`,
      ...places.notes,
    ],
  };
}

async function resolvePlaces(tx: Store, file: Extract<ImportFile, { format: 'lait-data' }>, batchId: number, issues: FileIssue[]) {
  const areas = file.summary.areas;
  const las = await tx.places.idsByCode('la');
  const regions = await tx.places.idsByCode('region');
  const country = await tx.places.find('country', england.code);
  // Regions are reference places every import ensures; one missing is named in the file, not left to the database.
  const missingRegion = (code: string, line: number, column: string) =>
    issues.push({ file: file.file, line, column, message: `unknown code: region ${code} is not in the store` });
  const ids = new Map<string, number>();
  const skipped = new Map<string, string>();
  const notes: string[] = [];
  const missing: { code: string; name: string; regionCode: string | null; line: number }[] = [];
  for (const [laNumber, area] of areas) {
    if (Number(laNumber) >= 970) {
      const regionCode = area.name === england.name ? null : regionCodeForExactName(area.name);
      const regionId = regionCode === null ? undefined : regions.get(regionCode);
      if (area.name === england.name) {
        if (country === undefined) issues.push({ file: file.file, line: area.line, column: 'LA and Regions', message: 'England is not in the store' });
        else ids.set(laNumber, country.id);
      } else if (londonHalves.has(laNumber) || regionCode === null) skipped.set(laNumber, `values for ${area.name} (not a region)`);
      else if (regionId === undefined) missingRegion(regionCode, area.line, 'LA and Regions');
      else ids.set(laNumber, regionId);
    } else if (las.has(laNumber)) ids.set(laNumber, las.get(laNumber)!);
    else missing.push({ code: laNumber, name: area.name, regionCode: area.region === null ? null : regionCodeForName(area.region), line: area.line });
  }
  for (const m of missing) if (m.regionCode !== null && !regions.has(m.regionCode)) missingRegion(m.regionCode, m.line, 'Region');
  if (missing.length > 0) {
    const { ids: created } = await tx.places.upsert(
      'la',
      missing.map((m) => ({ code: m.code, name: m.name })),
      batchId,
    );
    await tx.places.addLinks(
      missing.flatMap((m) => {
        const regionId = m.regionCode === null ? undefined : regions.get(m.regionCode);
        return regionId === undefined ? [] : [{ placeId: created.get(m.code)!, parentId: regionId, validFrom: null, validTo: null, basis: 'LAIT region' }];
      }),
      batchId,
    );
    for (const [code, id] of created) ids.set(code, id);
    notes.push(`${missing.length} LAs named only in this file were added with their LAIT region: ${missing.map((m) => `${m.code} ${m.name}`).join(', ')}`);
  }
  return { ids, skipped, notes };
}
