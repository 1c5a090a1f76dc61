import JSZip from 'jszip';
import { z } from 'zod';
import { openDataFiles, type ArchiveFile, type OpenDataFiles, type OpenDataPlace, type OpenDataRow } from '../../domain/indicators/open-data.ts';
import type { Comparison, PlaceFigure } from '../../services/comparison/comparison-service.ts';

/**
 * An indicator's LA comparison in the DfE's open-data layout (issue 19.3), for the indicator page's third download and
 * for the API (`/api/v1/indicators/:code/open-data.zip`): England, the regions and every LA, as disclosed for the
 * reader, written by the domain's `openDataFiles` and zipped as data.csv and meta.csv, as Explore Education
 * Statistics offers a data file with its metadata.
 */

/** The indicator page's choices, which its downloads and the API's open-data file read the same way. */
export const indicatorPageQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}(\d{2})?$/, 'a period is written 201516 (2015/16) or 2016')
    .optional(),
  // A code, never free text: it is echoed in a download's file name (an HTTP header, ASCII only).
  breakdown: z
    .string()
    .max(60)
    .regex(/^[a-z0-9][a-z0-9:+._-]*$/, 'a breakdown is a code such as all, fsm or gender:female')
    .optional(),
  focus: z
    .string()
    .regex(/^\d{3}$/, 'focus is an LA code such as 886')
    .optional(),
});

type Region = Readonly<{ code: string; name: string }>;

/** The comparison's rows, England first, then the regions, then every LA (with its region), as the page lists them. */
export function comparisonOpenData(c: Comparison, laRegions: ReadonlyMap<string, Region>): OpenDataRow[] {
  if (c.period === null) return [];
  const period = c.period;
  const row = (place: OpenDataPlace, f: PlaceFigure): OpenDataRow => ({
    indicator: c.indicator,
    period,
    periodType: c.indicator.periodType,
    place,
    breakdown: c.breakdown,
    value: f.value,
    symbol: f.symbol,
    decimalPlaces: f.decimalPlaces,
  });
  return [
    ...(c.england === null ? [] : [row({ level: 'National', code: c.england.code, name: c.england.name }, c.england)]),
    ...c.regions.map((r) => row({ level: 'Regional', code: r.code, name: r.name }, r)),
    ...c.las.map((la) => row({ level: 'Local authority', code: la.code, name: la.name, region: laRegions.get(la.code) ?? null }, la)),
  ];
}

/** The two files as a ZIP: data.csv and meta.csv. */
export function openDataZip(files: OpenDataFiles): Promise<Buffer> {
  return archiveZip([
    { name: 'data.csv', text: files.data },
    { name: 'meta.csv', text: files.meta },
  ]);
}

/** Files as a ZIP, in the order given, each dated the same fixed day, so the same figures make the same file byte for byte. */
export async function archiveZip(files: readonly ArchiveFile[]): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  for (const f of files) zip.file(f.name, f.text, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The file name of a comparison's open-data ZIP: ks2-expected-rwm-201516-all-open-data.zip. */
export function openDataFileName(c: Comparison): string {
  return `${c.indicator.code}-${c.period ?? 'none'}-${c.breakdown}-open-data.zip`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** The comparison as an open-data ZIP, with its file name. */
export async function comparisonOpenDataZip(c: Comparison, laRegions: ReadonlyMap<string, Region>): Promise<Readonly<{ name: string; body: Buffer }>> {
  return { name: openDataFileName(c), body: await openDataZip(openDataFiles(comparisonOpenData(c, laRegions))) };
}
