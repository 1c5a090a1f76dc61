/** Academic years as DfE files write them: 2015/16 is '201516'. */

export function academicYearCode(startYear: number): string {
  return `${startYear}${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function academicYearLabel(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new Error(`not an academic year code: ${code}`);
  return `${code.slice(0, 4)}/${code.slice(4)}`;
}

export function startYearOf(code: string): number {
  if (!/^\d{6}$/.test(code)) throw new Error(`not an academic year code: ${code}`);
  const start = Number(code.slice(0, 4));
  if ((start + 1) % 100 !== Number(code.slice(4))) throw new Error(`not an academic year code: ${code}`);
  return start;
}

/** The January census date of an academic year (third Thursday of January, approximated here as 15 January). */
export function censusDateOf(code: string): string {
  return `${startYearOf(code) + 1}-01-15`;
}

/** The first and last days of an academic year (1 September to 31 August). */
export function academicYearSpan(code: string): Readonly<{ from: string; to: string }> {
  const start = startYearOf(code);
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}
