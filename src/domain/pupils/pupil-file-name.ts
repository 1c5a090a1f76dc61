import type { DataVersion } from '../indicators/indicator.ts';
import { isCollection, type Collection } from './pupil-record.ts';

/**
 * How a pupil-record file is named under the pupil directory (and recorded as its import batch's file name):
 * `<collection>/<collection>-<period>-<data version>-<first 12 hex digits of its SHA-256>.parquet`. The hash in the
 * name means a new extract never overwrites the one an earlier batch recorded.
 */
export function pupilFileName(collection: Collection, period: string, dataVersion: string, hash: string): string {
  return `${collection}/${collection}-${period}-${dataVersion}-${hash.slice(0, 12)}.parquet`;
}

export type PupilFileKey = Readonly<{ collection: Collection; period: string; dataVersion: DataVersion }>;

/** The collection, period and data version a pupil-record file's name gives, or null for a name not made by `pupilFileName`. */
export function readPupilFileName(name: string): PupilFileKey | null {
  const match = /^(\w+)\/\w+-(\d{6})-(provisional|revised|final)-[0-9a-f]{12}\.parquet$/.exec(name);
  if (match === null || !isCollection(match[1]!)) return null;
  return { collection: match[1], period: match[2]!, dataVersion: match[3] as DataVersion };
}
