import type { FileIssue } from '../../domain/errors.ts';
import { matchLaName } from '../../domain/geography/la-names.ts';
import { england, regionCodeForExactName, regionCodeForName } from '../../domain/geography/reference-places.ts';
import { isUnregistered, unregisteredSchool } from '../../domain/geography/unregistered-school.ts';
import { batchFormat, type EmploymentFormat, type ImportFile } from '../../domain/import-file.ts';
import { outsideUnit } from '../../domain/indicators/dfe-number.ts';
import type { PlaceRef, PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import { isSameFact } from '../../domain/indicators/same-fact.ts';
import type { ObservationInput } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from './import-counts.ts';
import { rollUpFigures, rollUpMethod } from '../indicators/roll-up-service.ts';

/** Writes figures read through a mapping (or by one of the employment formats, which make the same records): places found by code or name, LAs a file names with a code added, observations upserted. */
export async function writePublishedValues(
  tx: Store,
  file: Extract<ImportFile, { format: 'mapped-csv' | EmploymentFormat }>,
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
      message: `${file.format === 'mapped-csv' ? `the mapping ${file.mapping}` : `the format ${file.format}`} names indicator ${code}, which is not in the catalogue`,
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

  const places = await placeFinder(tx, batchId, file.file);
  await places.addUnregisteredSchools(file.records.map((r) => r.place));
  const unresolved = new Map<string, number>();
  const observations: ObservationInput[] = [];
  const first = new Map<string, PublishedValueRecord>();
  let repeats = 0;
  for (const r of file.records) {
    const found = await places.find(r.place, r.period);
    if (
      found === null &&
      (file.format === 'la-apprentice-return' || file.format === 'school-apprenticeship-survey' || file.format === 'la-supported-employment-return')
    ) {
      // An LA's own return names the LA it is about: one the store lacks is a mistake in the file, not a place to pass over.
      issues.push({ file: file.file, line: r.line, column: 'la_code', message: `unknown LA code ${r.place.code ?? ''}: not an LA the store holds` });
      continue;
    }
    if (found === null) {
      const key = `${r.place.kind} ${r.place.code ?? ''}${r.place.code && r.place.name ? ' ' : ''}${r.place.name ?? ''}`.trim();
      unresolved.set(key, (unresolved.get(key) ?? 0) + 1);
      continue;
    }
    if ('error' in found) {
      // One issue per line, however many of the row's values land on the unknown place.
      if (issues.at(-1)?.line !== r.line) issues.push({ file: file.file, line: r.line, column: null, message: found.error });
      continue;
    }
    const placeId = found.id;
    // Two rows that land on the same figure are one fact if they agree (a repeated row), ambiguous if they differ.
    const key = `${r.indicator}|${placeId}|${r.period}|${r.breakdown}|${r.dataVersion}`;
    const seen = first.get(key);
    if (seen !== undefined) {
      if (isSameFact(seen, r)) {
        repeats++;
        continue;
      }
      issues.push({
        file: file.file,
        line: r.line,
        column: r.columns.value,
        message: `a second, different value for ${r.indicator} (${r.breakdown}), ${r.period}, ${r.place.name ?? r.place.code}: the first is on line ${seen.line}`,
      });
      continue;
    }
    first.set(key, r);
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
  const skipped = [...unresolved.values()].reduce((a, b) => a + b, 0) + repeats;
  const names = [...unresolved.keys()];
  return {
    ...zeroCounts(),
    ...counts,
    skipped,
    notes: [
      ...(names.length > 0
        ? [`${skipped - repeats} values for ${names.length} places not in the store skipped: ${names.slice(0, 12).join('; ')}${names.length > 12 ? '; …' : ''}`]
        : []),
      ...(repeats > 0 ? [`${repeats} rows repeating a figure already read, with the same value, kept once`] : []),
      ...places.added(),
      ...unplacedNote(observations, places.unregistered()),
      ...(rolledUp > 0 ? [`${rolledUp} roll-ups of school figures to LAs, districts and groupings written (${rollUpMethod})`] : []),
    ],
  };
}

/**
 * What roll-ups leave out: results (with a pupil count) of schools the register does not hold, which belong to no LA,
 * district or grouping. Said per indicator and year, so a roll-up's reader knows how many schools and pupils it lacks.
 */
function unplacedNote(observations: readonly ObservationInput[], unregistered: ReadonlySet<number>): string[] {
  const byFigure = new Map<string, { schools: number; pupils: number }>();
  for (const o of observations) {
    if (!unregistered.has(o.placeId) || o.denominator === null || o.value === null) continue;
    const key = `${o.indicatorCode} ${o.period}${o.breakdown === 'all' ? '' : ` (${o.breakdown})`}`;
    const held = byFigure.get(key) ?? { schools: 0, pupils: 0 };
    byFigure.set(key, { schools: held.schools + 1, pupils: held.pupils + o.denominator });
  }
  if (byFigure.size === 0) return [];
  const parts = [...byFigure].map(([key, c]) => `${key}: ${c.schools} schools, ${c.pupils} pupils`);
  return [
    `results of schools the register does not hold are kept but counted in no LA, district or grouping roll-up: ${parts.slice(0, 12).join('; ')}${parts.length > 12 ? '; …' : ''}`,
  ];
}

type Found = { id: number } | { error: string };

async function placeFinder(tx: Store, batchId: number, fileName: string) {
  const countryId = (await tx.places.find('country', england.code))!.id;
  const byKind = new Map<string, { byCode: Map<string, number>; rows: { code: string; name: string }[] }>();
  const load = async (kind: PlaceRef['kind']) => {
    const cached = byKind.get(kind);
    if (cached !== undefined) return cached;
    const rows = await tx.places.byKind(kind);
    const entry = { byCode: new Map(rows.map((p) => [p.code, p.id])), rows: rows.map((p) => ({ code: p.code, name: p.name })) };
    for (const p of rows) {
      const ons = p.kind === 'la' ? p.attributes.onsCode : undefined;
      if (typeof ons === 'string') entry.byCode.set(ons, p.id);
    }
    byKind.set(kind, entry);
    return entry;
  };
  const added: string[] = [];
  const unregistered = new Set<number>();
  let unregisteredAdded = 0;
  /** Add an LA a file names (with its code, or by a name the alias table knows) to the store, in its region where known. */
  const addLa = async (code: string, name: string, regionCode: string | null, basis: string) => {
    const { ids } = await tx.places.upsert('la', [{ code, name }], batchId);
    const id = ids.get(code)!;
    const regionId = regionCode === null ? undefined : (await load('region')).byCode.get(regionCode);
    if (regionId !== undefined) await tx.places.addLinks([{ placeId: id, parentId: regionId, validFrom: null, validTo: null, basis }], batchId);
    (await load('la')).byCode.set(code, id);
    added.push(`${code} ${name}`);
    return id;
  };
  return {
    /** Schools the file names by URN that the register lacks get a place of their own (domain/geography/unregistered-school.ts). */
    async addUnregisteredSchools(refs: readonly PlaceRef[]): Promise<void> {
      if (!refs.some((ref) => ref.kind === 'school')) return;
      const schools = await load('school');
      for (const p of await tx.places.byKind('school')) if (isUnregistered(p.attributes)) unregistered.add(p.id);
      const missing = new Map<string, PlaceRef>();
      for (const ref of refs) if (ref.kind === 'school' && ref.code !== null && !schools.byCode.has(ref.code)) missing.set(ref.code, ref);
      if (missing.size === 0) return;
      const { ids } = await tx.places.upsert(
        'school',
        [...missing].map(([code, ref]) => ({
          code,
          name: ref.name ?? `URN ${code}`,
          status: 'closed' as const,
          attributes: unregisteredSchool(code, { laCode: ref.laCode, establishmentNumber: null, fileName }),
        })),
        batchId,
      );
      for (const [code, id] of ids) {
        schools.byCode.set(code, id);
        unregistered.add(id);
      }
      unregisteredAdded = ids.size;
    },
    async find(ref: PlaceRef, period: string): Promise<Found | null> {
      if (ref.kind === 'country') return ref.code === null || ref.code === england.code ? { id: countryId } : null;
      const places = await load(ref.kind);
      const byCode = ref.code === null ? undefined : places.byCode.get(ref.code);
      if (byCode !== undefined) return { id: byCode };
      if (ref.kind === 'region') {
        const regionCode = ref.code === null && ref.name !== null ? regionCodeForExactName(ref.name) : null;
        const id = regionCode === null ? undefined : places.byCode.get(regionCode);
        return id === undefined ? null : { id };
      }
      if (ref.kind === 'la' && ref.code === null && ref.name !== null) {
        // An LA named without a code: through the alias table, then the store's names; a name neither knows refuses the file.
        const match = matchLaName(ref.name, period, places.rows);
        if (match === null)
          return { error: `unknown LA name ${JSON.stringify(ref.name)} in ${period}: not a name of any LA the store or the LA alias table knows` };
        return { id: places.byCode.get(match.code) ?? (await addLa(match.code, match.laName, match.regionCode, 'LA alias table')) };
      }
      if (ref.kind !== 'la' || ref.code === null || ref.name === null) return null;
      // A code the store lacks with a name it knows (an ONS code for an LA held by its DfE code) is that LA.
      const named = matchLaName(ref.name, period, places.rows);
      if (named !== null && places.byCode.has(named.code)) return { id: places.byCode.get(named.code)! };
      // An LA the file names with its DfE code and name is added to the store, in its region where the file gives one.
      if (!/^\d{3}$/.test(ref.code)) return null;
      const region = ref.regionCode ?? (ref.regionName === null ? null : regionCodeForName(ref.regionName));
      return { id: await addLa(ref.code, ref.name, region, `${ref.regionCode ? 'region code' : 'region name'} in the file`) };
    },
    added: () => [
      ...(added.length > 0 ? [`${added.length} LAs named only in this file were added: ${added.join(', ')}`] : []),
      ...(unregisteredAdded > 0
        ? [`${unregisteredAdded} schools the register does not hold were added from this file (URN, name and LA as the file gives them)`]
        : []),
    ],
    unregistered: (): ReadonlySet<number> => unregistered,
  };
}
