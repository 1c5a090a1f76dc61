import type { FileIssue } from '../../domain/errors.ts';
import { batchFormat, type EmploymentFormat, type ImportFile } from '../../domain/import-file.ts';
import { outsideUnit } from '../../domain/indicators/dfe-number.ts';
import type { PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import { isSameFact, type Fact } from '../../domain/indicators/same-fact.ts';
import type { ObservationInput } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from './import-counts.ts';
import { rollUpFigures, rollUpMethod } from '../indicators/roll-up-service.ts';
import { placeFinder } from './place-finder.ts';

/** A figure found for one record, and the key of the cell it lands on. */
type Placed = Readonly<{ record: PublishedValueRecord; at: number; placeId: number; key: string }>;

/**
 * Writes figures read through a mapping (or by one of the employment formats, which make the same records): places
 * found by code or name, LAs a file names with a code added, observations upserted. A mapped file comes a chunk of
 * records at a time (issue 20.5), each written before the next is read: a problem stops the writing, and what the
 * chunks before it wrote is undone with the import's transaction. A value out of its unit in a later chunk is listed
 * with the problems of places and repeats found in the chunks before it (the whole file was checked for units first).
 * One figure a cell: a repeat of an earlier chunk's is found in the file's figures so far, held by the store for the
 * transaction (store/file-figure-store.ts).
 */
export async function writePublishedValues(
  tx: Store,
  file: Extract<ImportFile, { format: 'mapped-csv' | EmploymentFormat }>,
  batchId: number,
  issues: FileIssue[],
): Promise<Counts> {
  const known = new Map((await tx.indicators.all()).map((i) => [i.code, i]));
  // An indicator the catalogue lacks refuses the file before anything is read again, on the first line that gives it.
  const named = file.format === 'mapped-csv' ? file.summary.indicators : firstLines(file.records);
  const unknown = [...named].filter(([code]) => !known.has(code));
  for (const [code, line] of unknown) {
    const by = file.format === 'mapped-csv' ? `the mapping ${file.mapping}` : `the format ${file.format}`;
    issues.push({ file: file.file, line, column: null, message: `${by} names indicator ${code}, which is not in the catalogue` });
  }
  if (unknown.length > 0) return zeroCounts();
  // A file refused already (by an earlier file of the import, or a value out of its unit) is checked for values out of
  // their unit only from then on: its places are not looked up nor its figures written.
  let refused = issues.length > 0;
  const places = await placeFinder(tx, batchId, file.file);
  await tx.fileFigures.begin();
  const unresolved = new Map<string, number>();
  const unplaced = new Map<string, { schools: number; pupils: number }>();
  const schoolFigures = new Map<string, { indicatorCode: string; period: string }>();
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let repeats = 0;
  const chunks = file.format === 'mapped-csv' ? file.records(issues) : [file.records];
  for await (const records of chunks) {
    // Each value is held to its indicator's unit (a percentage 0-100), its numerator and denominator to counts.
    for (const r of records) {
      const indicator = known.get(r.indicator)!;
      const checks = [
        [r.value, indicator.unit, r.columns.value],
        [r.numerator, 'count', r.columns.numerator],
        [r.denominator, 'count', r.columns.denominator],
      ] as const;
      for (const [value, unit, column] of checks) {
        const problem = value === null ? null : outsideUnit(value, unit, `${indicator.title} ${indicator.methodology}`);
        if (problem !== null) {
          issues.push({ file: file.file, line: r.line, column, message: `${problem}, the unit of ${indicator.code}` });
          refused = true;
        }
      }
    }
    if (refused) continue;
    for (const r of records)
      if (r.place.kind === 'school' && r.denominator !== null && /^\d{6}$/.test(r.period))
        schoolFigures.set(`${r.indicator}|${r.period}`, { indicatorCode: r.indicator, period: r.period });
    await places.addUnregisteredSchools(records.map((r) => r.place));
    const found: Placed[] = [];
    // A chunk's issues about places and repeats, each at its record's place in the chunk (the file's order).
    const chunkIssues: { at: number; issue: FileIssue }[] = [];
    for (const [at, r] of records.entries()) {
      const place = await places.find(r.place, r.period);
      if (
        place === null &&
        (file.format === 'la-apprentice-return' || file.format === 'school-apprenticeship-survey' || file.format === 'la-supported-employment-return')
      ) {
        // An LA's own return names the LA it is about: one the store lacks is a mistake in the file, not a place to pass over.
        const message = `unknown LA code ${r.place.code ?? ''}: not an LA the store holds`;
        chunkIssues.push({ at, issue: { file: file.file, line: r.line, column: 'la_code', message } });
        continue;
      }
      if (place === null) {
        const key = `${r.place.kind} ${r.place.code ?? ''}${r.place.code && r.place.name ? ' ' : ''}${r.place.name ?? ''}`.trim();
        unresolved.set(key, (unresolved.get(key) ?? 0) + 1);
        continue;
      }
      if ('error' in place) {
        // One issue per line, however many of the row's values land on the unknown place.
        if (chunkIssues.at(-1)?.issue.line !== r.line) chunkIssues.push({ at, issue: { file: file.file, line: r.line, column: null, message: place.error } });
        continue;
      }
      found.push({ record: r, at, placeId: place.id, key: `${r.indicator}|${place.id}|${r.period}|${r.breakdown}|${r.dataVersion}` });
    }
    // Two rows that land on the same figure are one fact if they agree (a repeated row), ambiguous if they differ.
    const firstInChunk = new Map<string, Placed>();
    for (const f of found) if (!firstInChunk.has(f.key)) firstInChunk.set(f.key, f);
    const candidates = [...firstInChunk.values()];
    const earlier = await tx.fileFigures.firstOf(candidates.map(({ record: r, placeId }) => ({ ...r, indicatorCode: r.indicator, placeId, line: r.line })));
    const firstOfCell = new Map<string, Fact & { line: number }>(candidates.map((c, i) => [c.key, earlier[i] ?? c.record]));
    const observations: ObservationInput[] = [];
    for (const { record: r, at, placeId, key } of found) {
      const first = firstOfCell.get(key)!;
      if (first !== r) {
        if (isSameFact(first, r)) repeats++;
        else
          chunkIssues.push({
            at,
            issue: {
              file: file.file,
              line: r.line,
              column: r.columns.value,
              message: `a second, different value for ${r.indicator} (${r.breakdown}), ${r.period}, ${r.place.name ?? r.place.code}: the first is on line ${first.line}`,
            },
          });
        continue;
      }
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
    issues.push(...chunkIssues.sort((x, y) => x.at - y.at).map((c) => c.issue));
    // Once the file is refused nothing more is written, and what was is undone with the import's transaction; the
    // later chunks' places and repeats are still checked, so the file's problems are all listed, as when read whole.
    if (issues.length > 0) continue;
    const written = await tx.observations.upsert(observations, batchId, batchFormat(file));
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    countUnplaced(unplaced, observations, places.unregistered());
  }
  if (issues.length > 0) return zeroCounts();
  // School figures with a pupil count roll up to the LAs, districts and groupings the schools belong to.
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
      ...unplacedNote(unplaced),
      ...(rolledUp > 0 ? [`${rolledUp} roll-ups of school figures to LAs, districts and groupings written (${rollUpMethod})`] : []),
    ],
  };
}

/** Results (with a pupil count) of schools the register does not hold, added up per indicator, year and breakdown. */
function countUnplaced(
  byFigure: Map<string, { schools: number; pupils: number }>,
  observations: readonly ObservationInput[],
  unregistered: ReadonlySet<number>,
): void {
  for (const o of observations) {
    if (!unregistered.has(o.placeId) || o.denominator === null || o.value === null) continue;
    const key = `${o.indicatorCode} ${o.period}${o.breakdown === 'all' ? '' : ` (${o.breakdown})`}`;
    const held = byFigure.get(key) ?? { schools: 0, pupils: 0 };
    byFigure.set(key, { schools: held.schools + 1, pupils: held.pupils + o.denominator });
  }
}

/**
 * What roll-ups leave out: results (with a pupil count) of schools the register does not hold, which belong to no LA,
 * district or grouping. Said per indicator and year, so a roll-up's reader knows how many schools and pupils it lacks.
 */
function unplacedNote(byFigure: ReadonlyMap<string, { schools: number; pupils: number }>): string[] {
  if (byFigure.size === 0) return [];
  const parts = [...byFigure].map(([key, c]) => `${key}: ${c.schools} schools, ${c.pupils} pupils`);
  return [
    `results of schools the register does not hold are kept but counted in no LA, district or grouping roll-up: ${parts.slice(0, 12).join('; ')}${parts.length > 12 ? '; …' : ''}`,
  ];
}

/** Each indicator a file's records give, with the first line giving it, in the order first given. */
function firstLines(records: readonly PublishedValueRecord[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const r of records) if (!lines.has(r.indicator)) lines.set(r.indicator, r.line);
  return lines;
}
