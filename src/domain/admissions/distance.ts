import type { GridPoint } from './admissions.ts';

/**
 * The straight-line distance between two points on the Ordnance Survey National Grid, in metres: Euclidean, since the
 * grid is a plane projection (most arrangements define home-to-school distance this way; School Admissions Code 1.13).
 */
export function straightLineMetres(a: GridPoint, b: GridPoint): number {
  const de = a.easting - b.easting;
  const dn = a.northing - b.northing;
  return Math.sqrt(de * de + dn * dn);
}
