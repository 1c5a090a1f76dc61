import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileIssue } from '../domain/errors.ts';
import { defaultReadLimits, type ImportFile, type ReadLimits } from '../domain/import-file.ts';
import { codepointCodeNames } from './codepoint/code-names.ts';
import { codepointPostcodes } from './codepoint/postcodes.ts';
import { readCsvHeader, streamCsvFile } from './csv-stream.ts';
import { readCsvBytes, readFileBytes, tableText, type CsvTable, type CsvText } from './csv-table.ts';
import { giasEstablishments } from './gias/establishments.ts';
import { giasGroupLinks } from './gias/group-links.ts';
import { giasLinks } from './gias/links.ts';
import { groupingFile } from './grouping/grouping-file.ts';
import { laCodeList } from './lait/la-code-list.ts';
import { laitData } from './lait/lait-data.ts';
import { laitDictionary } from './lait/lait-dictionary.ts';
import { statisticalNeighbours } from './lait/statistical-neighbours.ts';
import { performanceTablesSpine } from './performance-tables/spine.ts';
import type { Mapping } from './mapped-csv/mapping.ts';
import { ofstedInspectionOutcomes } from './ofsted/inspection-outcomes.ts';
import { ofstedManagementInformation } from './ofsted/management-information.ts';
import { ofstedRatingsHistory } from './ofsted/ratings-history.ts';
import { onsBirths } from './ons/births.ts';
import { laApprenticeReturn } from './employment/la-apprentice-return.ts';
import { nomisClaimantCount } from './employment/nomis-claimant-count.ts';
import { schoolApprenticeshipSurvey } from './employment/school-apprenticeship-survey.ts';
import { feSkillsStarts } from './employment/fe-skills-starts.ts';
import { laSupportedEmploymentReturn } from './employment/la-supported-employment-return.ts';
import { kentSkillsShortageAreas, type SsaTier1 } from '../domain/indicators/skills-shortage-starts.ts';
import { recognisedBy, screenMapped } from './mapped-csv/read-mapped.ts';
import { readInChunks, screenRecords, wholeTable, type ChunkReader, type RecordReader, type TableHead } from './chunk-reader.ts';
import { schoolFileSummary, schoolsReader } from './school-register-file.ts';

/** Every register file Waymark reads, recognised by its header, in the order a batch of them must be written. */
export const importFormats = [
  laCodeList,
  performanceTablesSpine,
  giasEstablishments,
  codepointCodeNames,
  codepointPostcodes,
  giasLinks,
  giasGroupLinks,
  groupingFile,
  statisticalNeighbours,
  laitDictionary,
  laitData,
  ofstedInspectionOutcomes,
  ofstedManagementInformation,
  ofstedRatingsHistory,
  onsBirths,
  nomisClaimantCount,
  laApprenticeReturn,
  schoolApprenticeshipSurvey,
  feSkillsStarts,
  laSupportedEmploymentReturn,
] as const;

type ImportFormat = (typeof importFormats)[number];
export type ImportFormatId = ImportFormat['id'];
export type { ImportFile };

export type ReadImportResult = { ok: true; file: ImportFile } | { ok: false; issues: FileIssue[] };

/**
 * Choices a format leaves to the LA: `skillsShortageAreas`, the sector subject areas target 35 sums starts in
 * (domain/indicators/skills-shortage-starts.ts; Kent's default when not given).
 */
export type ImportOptions = Readonly<{ skillsShortageAreas?: readonly SsaTier1[] }>;

/**
 * What reads a file, as its import batch records it (migration 0030): Waymark's version (its parsers and rules), the
 * mappings loaded (shipped and an LA's own) and the options given. A file the store holds unchanged is read again when
 * any of them differs from its batch's (domain/import-file.ts heldBatch).
 */
export function readerOf(waymark: string, mappings: readonly Mapping[], options: ImportOptions): string {
  return createHash('sha256').update(JSON.stringify({ waymark, mappings, options })).digest('hex');
}

/** A batch's format as people read it: a Waymark format's label, the mapping a file was read through, or the demo. */
export function formatLabel(format: string): string {
  if (format.startsWith('mapped-csv:')) return `mapped CSV (${format.slice('mapped-csv:'.length)})`;
  if (format === 'demo-county') return 'Synthetic demo county';
  if (format === 'compute-roll-ups') return 'Roll-ups of school figures (computed)';
  if (format === 'compute-school-outcomes') return 'Ofsted and floor-standard figures by place (computed)';
  return importFormats.find((f) => f.id === format)?.label ?? format;
}

/**
 * Read and screen one file, recognised by its header: one of Waymark's own formats, or a published file that one of
 * the `mappings` describes (the shipped mappings/*.yaml and any an LA adds). Nothing is written here: the service
 * writes all files of a command in one transaction.
 */
export async function readImportFile(
  filePath: string,
  mappings: readonly Mapping[] = [],
  limits: ReadLimits = defaultReadLimits,
  options: ImportOptions = {},
): Promise<ReadImportResult> {
  const file = path.basename(filePath);
  // A file is read as it streams in, held to its format's encoding (csv-stream.ts; issue 20.5). A file whose first
  // record cannot be read that way, or that nothing recognises, is read whole and refused as the whole-file reader
  // refuses it.
  const formatOf = (header: readonly string[]) => importFormats.find((f) => f.recognise(header));
  const mappingOf = (header: readonly string[]) => (formatOf(header) === undefined ? mappings.find((m) => recognisedBy(header, m)) : undefined);
  // A file GIAS wrote in Windows-1252 may hold a byte that is not UTF-8 before its header ends being read.
  const strictHead = await readCsvHeader(filePath, limits);
  const head = strictHead.ok ? strictHead : await readCsvHeader(filePath, limits, 'Windows-1252');
  const headFormat = head.ok ? formatOf(head.header) : undefined;
  const headMapping = head.ok ? mappingOf(head.header) : undefined;
  const encoding = headFormat?.encoding ?? (headMapping === undefined ? null : 'utf-8');
  if (encoding !== null && (strictHead.ok || encoding === 'utf-8-or-windows-1252')) {
    const read = await streamCsvFile(filePath, limits, encoding);
    if (!read.ok) return read;
    const { text } = read;
    // The header read again with the file's encoding: another kind of file (a Windows-1252 file starting with a UTF-8
    // byte-order mark, whose header then starts "ï»¿"; a file changed since) is read whole below, as it is now.
    if (formatOf(text.header) === headFormat && mappingOf(text.header) === headMapping)
      return headFormat !== undefined ? readFormat(filePath, text, headFormat, options) : readMappedFile(filePath, text, headMapping!);
  }
  const bytes = await readFileBytes(filePath, limits);
  if (!bytes.ok) return bytes;
  // Decoded as UTF-8-or-Windows-1252 to see the header (always ASCII), then the file held to its format's encoding.
  const sniff = readCsvBytes(file, bytes.bytes, 'utf-8-or-windows-1252', limits);
  if (!sniff.ok) return sniff;
  const format = formatOf(sniff.table.header);
  const mapping = mappingOf(sniff.table.header);
  if (format === undefined && mapping === undefined) {
    const shown = sniff.table.header
      .slice(0, 8)
      .map((h) => (h.length > 40 ? `${h.slice(0, 40)}…` : h))
      .join(', ');
    return {
      ok: false,
      issues: [
        {
          file,
          line: 1,
          column: null,
          message: `unknown header (${shown}${sniff.table.header.length > 8 ? ', …' : ''}): not a file Waymark recognises. Known: ${[...importFormats.map((f) => f.label), ...mappings.map((m) => m.label)].join('; ')}`,
        },
      ],
    };
  }
  const strict = sniff.table.encoding === 'UTF-8' || format?.encoding === 'utf-8-or-windows-1252' ? sniff : readCsvBytes(file, bytes.bytes, 'utf-8', limits);
  if (!strict.ok) return strict;
  // Its start could not be read as it streams in: it is read by the same rules, whole.
  const text = tableText(strict.table);
  return format !== undefined ? readFormat(filePath, text, format, options) : readMappedFile(filePath, text, mapping!);
}

/** A file refused by its format's reader: its issues. */
class Refused extends Error {
  readonly issues: FileIssue[];
  constructor(issues: FileIssue[]) {
    super(issues[0]?.message);
    this.issues = issues;
  }
}

/**
 * A file of one of Waymark's own formats, its rows read a chunk at a time through the format's rules (chunk-reader.ts):
 * what the format keeps of it, its notes and the rows it leaves out on purpose.
 */
async function readFormat(filePath: string, text: CsvText, format: ImportFormat, options: ImportOptions): Promise<ReadImportResult> {
  if (format.id === 'lait-data') return readLaitData(filePath, text);
  try {
    return await readRows(filePath, text, format, options);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, issues: error.issues };
    throw error;
  }
}

async function readRows(
  filePath: string,
  text: CsvText,
  format: Exclude<ImportFormat, { id: 'lait-data' }>,
  options: ImportOptions,
): Promise<ReadImportResult> {
  let rowCount = 0;
  const { file, hash, encoding, header } = text;
  const head: TableHead = { file, hash, encoding, header };
  const read = async <P>(reader: ChunkReader<P>): Promise<P> => {
    const result = await readInChunks(text, reader);
    if (!result.ok) throw new Refused(result.issues);
    rowCount = result.rowCount;
    return result.parsed;
  };
  /** A format whose writer takes its records a chunk at a time (chunk-reader.ts screenRecords). */
  const streamed = async <R, P extends { issues: FileIssue[] }>(reader: () => RecordReader<R, P>, seen?: (records: readonly R[]) => void) => {
    const result = await screenRecords(text, reader, seen);
    if (!result.ok) throw new Refused(result.issues);
    rowCount = result.rowCount;
    return { ...result.parsed, records: result.records };
  };
  /** A format whose file is bounded by what it lists (chunk-reader.ts wholeTable). */
  const whole = <P>(parse: (table: CsvTable) => P) => read(wholeTable(head, parse));
  const notes = encodingNotes(encoding);
  /** Rows a format leaves out on purpose are counted and each reason becomes a note on the batch. */
  type Skip = readonly [count: number, reason: string];
  const done = <F extends ImportFile['format'], R>(
    f: F,
    parsed: { records: R[] | ((issues: FileIssue[]) => AsyncIterable<readonly R[]>); issues: FileIssue[] },
    skips: readonly Skip[] = [],
    said: readonly string[] = [],
    more: object = {},
  ): ReadImportResult => {
    if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
    const kept = skips.filter(([count]) => count > 0);
    const imported = {
      ...factsOf(filePath, text, rowCount),
      format: f,
      records: parsed.records,
      skipped: kept.reduce((a, [count]) => a + count, 0),
      notes: [...notes, ...kept.map(([count, reason]) => `${count} ${reason}`), ...said],
      ...more,
    };
    return { ok: true, file: imported as ImportFile };
  };
  switch (format.id) {
    case 'la-code-list': {
      const parsed = await whole((t) => laCodeList.parse(t));
      return done(format.id, parsed, [[parsed.skipped, 'rows for England and the regions (region "NA") skipped']]);
    }
    case 'performance-tables-spine':
    case 'gias-establishments': {
      // The LAs and districts the file names: the writer settles them before it writes a school.
      const { summary, seen } = schoolFileSummary();
      const parsed = await streamed(() => schoolsReader(head, format), seen);
      const overseas = "Service Children's Education schools overseas (MINORGROUP n/a) skipped: they belong to no English LA";
      return done(format.id, parsed, [[parsed.skipped, overseas]], [], { summary });
    }
    case 'codepoint-code-names':
      return done(format.id, await whole((t) => codepointCodeNames.parse(t)));
    case 'codepoint-postcodes': {
      // The first line giving each county: the writer refuses a county the store does not hold before writing any.
      const counties = new Map<string, number>();
      const parsed = await streamed(
        () => codepointPostcodes.reader(head),
        (records) => {
          for (const r of records) if (!counties.has(r.countyCode)) counties.set(r.countyCode, r.line);
        },
      );
      return done(format.id, parsed, [], [], { counties });
    }
    case 'gias-links': {
      const parsed = await read(giasLinks.reader());
      return done(format.id, parsed, [
        ...[...parsed.otherLinks].map(([type, n]) => [n, `links of type "${type}" are not successions and were not stored`] as const),
        [
          parsed.twoWayAmalgamations,
          '"Result of Amalgamation" links written on both schools\' rows (neither named as the one that went on) not stored as successions',
        ] as const,
      ]);
    }
    case 'gias-group-links': {
      const parsed = await read(giasGroupLinks.reader());
      return done(
        format.id,
        parsed,
        [...parsed.skippedTypes].map(([type, n]) => [n, `rows of "${type}" (not school groups) skipped`] as const),
      );
    }
    case 'grouping-file':
      return done(format.id, await whole((t) => groupingFile.parse(t)));
    case 'statistical-neighbours': {
      const parsed = await whole((t) => statisticalNeighbours.parse(t));
      return done(format.id, parsed, [[parsed.unlisted, 'LAs with no neighbours in this list (every SN is "-")']]);
    }
    case 'lait-dictionary': {
      const parsed = await whole((t) => laitDictionary.parse(t));
      return done(format.id, parsed, [[parsed.repeats, 'repeated definitions of a measure that agree with the first skipped']]);
    }
    case 'ofsted-inspection-outcomes':
      return done(format.id, await streamed(() => ofstedInspectionOutcomes.reader(head)));
    case 'ofsted-management-information': {
      const parsed = await streamed(() => ofstedManagementInformation.reader(head));
      return done(format.id, parsed, [[parsed.notInspected, 'schools not yet inspected (no inspection date) skipped']]);
    }
    case 'ons-births':
      return done(format.id, await whole((t) => onsBirths.parse(t)));
    case 'nomis-claimant-count': {
      const parsed = await read(nomisClaimantCount.reader(head));
      const left = parsed.incomplete;
      const incomplete = `years with a month missing are not averaged and were left out: ${left.slice(0, 12).join('; ')}${left.length > 12 ? '; …' : ''}`;
      return done(
        format.id,
        parsed,
        [[parsed.skipped, 'rows of other ages, one sex, other measures or areas Waymark holds no kind for skipped']],
        left.length === 0 ? [] : [incomplete],
      );
    }
    case 'la-apprentice-return': {
      const parsed = await whole((t) => laApprenticeReturn.parse(t));
      const completions = `${parsed.completions} rows give completions: read and checked, not yet held by any indicator`;
      return done(format.id, parsed, [], parsed.completions === 0 ? [] : [completions]);
    }
    case 'school-apprenticeship-survey':
      return done(format.id, await whole((t) => schoolApprenticeshipSurvey.parse(t)));
    case 'fe-skills-starts': {
      const areas = options.skillsShortageAreas ?? kentSkillsShortageAreas;
      const parsed = await read(feSkillsStarts.reader(head, areas));
      const named = `starts at level 2 and 3 by 16-24 year olds summed over the skills shortage areas ${areas.join('; ')}${options.skillsShortageAreas === undefined ? " (Kent's default; name an LA's own with --skills-shortage-areas)" : ''}`;
      const left = parsed.withheld;
      return done(
        format.id,
        parsed,
        [
          [parsed.skipped, 'rows of geographic levels other than National, Regional and Local authority skipped'],
          [parsed.skippedProvision, 'rows of provision types other than Apprenticeships and Education and training (totals, community learning) skipped'],
        ],
        [
          named,
          ...(parsed.low > 0 ? [`${parsed.low} cells summed were written low (fewer than 5) and read as 0, the nearest 10 every count is rounded to`] : []),
          ...(left.length > 0
            ? [
                `figures left without a value, a cell they need being suppressed (c) or unavailable (x): ${left.slice(0, 12).join('; ')}${left.length > 12 ? '; …' : ''}`,
              ]
            : []),
        ],
      );
    }
    case 'la-supported-employment-return':
      return done(format.id, await whole((t) => laSupportedEmploymentReturn.parse(t)));
    case 'ofsted-ratings-history': {
      const parsed = await streamed(() => ofstedRatingsHistory.reader(head));
      const result = done(format.id, parsed, [[parsed.repeats, 'rows repeating an inspection already listed with the same grade skipped']]);
      if (!result.ok || parsed.lateSatisfactory === 0) return result;
      const note = `${parsed.lateSatisfactory} ratings worded "Satisfactory" on inspections from September 2012 read as grade 3, "requires improvement" by their date`;
      return { ok: true, file: { ...result.file, notes: [...result.file.notes, note] } };
    }
  }
}

/**
 * A file read through a mapping, screened a chunk of rows at a time (issue 20.5): its problems and skipped rows are
 * found here, before anything is written, and the writer reads it again a chunk of records at a time.
 */
async function readMappedFile(filePath: string, text: CsvText, mapping: Mapping): Promise<ReadImportResult> {
  const read = await screenMapped(text, mapping);
  if (read.issues.length > 0) return { ok: false, issues: read.issues };
  const kept = read.skips.filter(([n]) => n > 0);
  return {
    ok: true,
    file: {
      ...factsOf(filePath, text, read.rowCount),
      skipped: kept.reduce((a, [n]) => a + n, 0),
      notes: [`read through the mapping ${mapping.id} (${mapping.label})`, ...kept.map(([n, reason]) => `${n} ${reason} skipped`)],
      format: 'mapped-csv',
      mapping: mapping.id,
      summary: read.summary,
      records: read.records,
    },
  };
}

/** What an import batch records of any file: its name, path, hash, encoding and rows. */
const factsOf = (filePath: string, text: CsvText, rowCount: number) => ({
  file: text.file,
  path: filePath,
  hash: text.hash,
  encoding: text.encoding,
  rowCount,
});

/** A file decoded as GIAS writes it says so on its batch. */
const encodingNotes = (encoding: CsvText['encoding']) => (encoding === 'UTF-8' ? [] : [`decoded as ${encoding}, the encoding GIAS publishes in`]);

/**
 * LAIT's long table, screened a chunk of rows at a time and held as columns of values, not rows (issue 20.5): the
 * writer takes the records a chunk at a time. Every problem is found here, before anything is written.
 */
async function readLaitData(filePath: string, text: CsvText): Promise<ReadImportResult> {
  const { issues, summary, values } = await laitData.screen(text);
  if (issues.length > 0) return { ok: false, issues };
  const records = () => values.chunks(summary.areas);
  return {
    ok: true,
    file: {
      ...factsOf(filePath, text, values.length),
      skipped: 0,
      notes: [],
      format: 'lait-data',
      summary,
      records,
    },
  };
}
