import type { DfeSymbol } from './indicator.ts';

/**
 * Target 35's figure (vocational-starts-skills-shortage): starts on level 2 and level 3 vocational learning, by young
 * people aged 16-24, in the sector subject areas (SSA tier 1) the LA names as its skills shortage areas, summed from a
 * DfE further education file's cells (one cell per place, year, SSA, level and age band; src/imports/employment/
 * fe-skills-starts.ts reads them).
 *
 * Levels: DfE's apprenticeship files write the level as Intermediate Apprenticeship (level 2), Advanced Apprenticeship
 * (level 3) and Higher Apprenticeship (4 and above); its further education and skills files write Level 2, Level 3,
 * Below Level 2, Level 4+ and, as subsets of Level 2 and Level 3 published beside them, Full Level 2 and Full Level 3,
 * which are not counted again. Files that join provision and level ("Apprenticeships: Advanced Apprenticeship") are
 * read by the part after the colon.
 *
 * Ages: DfE's FE files give age at the start of learning in the bands Under 19, 19-24 and 25+ (with a Total); 16-24 is
 * Under 19 plus 19-24. Adult education and training (the "Further education and skills" release) is for learners aged
 * 19 and over, so its under-19 starts are the apprenticeships'.
 *
 * Symbols in a count (Explore Education Statistics footnotes to these files: "Volumes are rounded to the nearest 10 and
 * 'low' indicates a base value of fewer than 5. Where data shows 'x' this indicates data is unavailable, 'z' indicates
 * data is not applicable, and 'c' indicates data is suppressed"): `z` adds nothing (there are no such starts); `low`
 * adds 0, as the volume rounded to the nearest 10 that every other cell is (a count of 1 to 4 rounds to 0), and is
 * counted so the reader knows; `c` or `x` in a cell the sum needs leaves the year without a figure, carrying the symbol
 * (x before c), because a sum without it would understate the figure by an unknown amount.
 */

/** The 15 sector subject areas of tier 1 (Ofqual's SSA classification), numbered 1-15, as DfE's files name them. */
export const ssaTier1 = [
  'Health, Public Services and Care',
  'Science and Mathematics',
  'Agriculture, Horticulture and Animal Care',
  'Engineering and Manufacturing Technologies',
  'Construction, Planning and the Built Environment',
  'Information and Communication Technology',
  'Retail and Commercial Enterprise',
  'Leisure, Travel and Tourism',
  'Arts, Media and Publishing',
  'History, Philosophy and Theology',
  'Social Sciences',
  'Languages, Literature and Culture',
  'Education and Training',
  'Preparation for Life and Work',
  'Business, Administration and Law',
] as const;

export type SsaTier1 = (typeof ssaTier1)[number];

/**
 * Kent's default skills shortage areas, used when an import names none. The seed (Vision and Priorities for
 * Improvement 2013-2016) sets the target without naming the areas, so this is our stated assumption, taken from the
 * sectors Kent and Medway's own skills evidence names as short of skills: construction, engineering and manufacturing,
 * health and care, and digital (the Kent and Medway Workforce Skills Evidence Base 2021 and Local Skills Improvement
 * Plan 2023; the Greater North Kent evidence base names construction and healthcare). An LA names its own list at import
 * (`waymark import --skills-shortage-areas`); the list used is written in the batch's notes.
 */
export const kentSkillsShortageAreas: readonly SsaTier1[] = [
  'Construction, Planning and the Built Environment',
  'Engineering and Manufacturing Technologies',
  'Health, Public Services and Care',
  'Information and Communication Technology',
];

const normal = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** An SSA's tier 1 name as a file or an LA writes it (any case and spacing, or its number 1-15), or null. */
export function ssaTier1Of(text: string): SsaTier1 | null {
  const t = normal(text);
  if (/^\d{1,2}$/.test(t)) return ssaTier1[Number(t) - 1] ?? null;
  return ssaTier1.find((name) => normal(name) === t) ?? null;
}

/** The LA's list of skills shortage areas read from names or numbers; unknown entries named so the LA can correct them. */
export function readSkillsShortageAreas(entries: readonly string[]): { ok: true; areas: SsaTier1[] } | { ok: false; unknown: string[] } {
  const read = entries.map((e) => [e, ssaTier1Of(e)] as const);
  const unknown = read.filter(([, a]) => a === null).map(([e]) => e);
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, areas: [...new Set(read.map(([, a]) => a!))] };
}

/** The level a file's level text names, 2 or 3, or null for any other level, a total or a subset (Full Level 2). */
export function vocationalLevel(text: string): 2 | 3 | null {
  const t = normal(text.includes(':') ? text.slice(text.lastIndexOf(':') + 1) : text);
  if (t === 'intermediate apprenticeship' || t === 'level 2' || t === '2') return 2;
  if (t === 'advanced apprenticeship' || t === 'level 3' || t === '3') return 3;
  return null;
}

/** Whether an age band is one of those 16-24 is made of (Under 19, 19-24); Total, 25+ and unknown ages are not. */
export function isAged16to24(text: string): boolean {
  const t = normal(text);
  return t === 'under 19' || t === '16-18' || t === '19-24';
}

export type StartsCell = Readonly<{ ssa: string; level: string; age: string; starts: number | null; symbol: DfeSymbol | null }>;

export type ShortageStarts = Readonly<{
  /** The sum, or null when a cell it needs is suppressed (c) or unavailable (x). */
  value: number | null;
  symbol: 'c' | 'x' | null;
  /** Cells summed (level 2 or 3, aged 16-24, in a named area), and of them those written low or z. */
  cells: number;
  low: number;
  notApplicable: number;
}>;

/** The starts at level 2 and 3 by 16-24 year olds in `areas`, from one place's and one year's cells. */
export function skillsShortageStarts(cells: readonly StartsCell[], areas: readonly SsaTier1[]): ShortageStarts {
  const named = new Set<string>(areas);
  let sum = 0;
  let counted = 0;
  let low = 0;
  let notApplicable = 0;
  const missing = new Set<'c' | 'x'>();
  for (const c of cells) {
    const ssa = ssaTier1Of(c.ssa);
    if (ssa === null || !named.has(ssa) || vocationalLevel(c.level) === null || !isAged16to24(c.age)) continue;
    counted++;
    if (c.symbol === 'low') low++;
    else if (c.symbol === 'z') notApplicable++;
    else if (c.symbol === 'c' || c.symbol === 'x') missing.add(c.symbol);
    else sum += c.starts ?? 0;
  }
  const symbol = missing.has('x') ? 'x' : missing.has('c') ? 'c' : null;
  return { value: symbol === null ? sum : null, symbol, cells: counted, low, notApplicable };
}
