/**
 * Ofsted judgements across the changes of scale (domain.md §10): grade 3 is "satisfactory" before 1 September 2012
 * and "requires improvement" from then; no single-word overall grade from 1 September 2024; report cards (five-point
 * areas, no overall grade) from November 2025, which Ofsted says cannot be mapped to the old scale.
 */

export type OverallGrade = 1 | 2 | 3 | 4;
export type Category = 'special-measures' | 'serious-weaknesses' | 'notice-to-improve' | null;

const requiresImprovementFrom = '2012-09-01';
const noOverallGradeFrom = '2024-09-01';

/** The words for an overall grade on the date of the inspection. */
export function gradeLabel(grade: OverallGrade, inspectedOn: string): string {
  if (grade === 1) return 'Outstanding';
  if (grade === 2) return 'Good';
  if (grade === 4) return 'Inadequate';
  return inspectedOn < requiresImprovementFrom ? 'Satisfactory' : 'Requires improvement';
}

/** An overall grade as a file gives it; from September 2024 none is given, and a figure in that column is refused. */
export function overallGrade(raw: string, inspectedOn: string): { grade: OverallGrade | null; note: string | null } {
  const value = raw.trim();
  if (inspectedOn >= noOverallGradeFrom)
    return value === '' || value.toUpperCase() === 'NULL' || value === '9'
      ? { grade: null, note: 'no overall effectiveness grade (inspections from September 2024)' }
      : { grade: null, note: `an overall grade "${value}" on an inspection from September 2024, when Ofsted gave none: not used` };
  if (['1', '2', '3', '4'].includes(value)) return { grade: Number(value) as OverallGrade, note: null };
  return { grade: null, note: value === '' || value.toUpperCase() === 'NULL' || value === '9' ? 'no overall judgement' : `unknown grade "${value}"` };
}

export const categoryLabels: Readonly<Record<NonNullable<Category>, string>> = {
  'special-measures': 'Special measures',
  'serious-weaknesses': 'Serious weaknesses',
  'notice-to-improve': 'Notice to improve',
};

/** The category of concern column as Ofsted files write it ('SM ', 'SWK', 'swk', 'NTI', blank or 0). */
export function categoryOf(raw: string): Category {
  const value = raw.trim().toUpperCase();
  if (value === 'SM') return 'special-measures';
  if (value === 'SWK') return 'serious-weaknesses';
  if (value === 'NTI') return 'notice-to-improve';
  return null;
}
