import type { Category, OverallGrade } from './ofsted-judgements.ts';

/**
 * One Ofsted inspection as a file records it. `official` inspections come from Ofsted's own releases (official
 * statistics, management information); `unofficial` ones from a scrape of its report pages, kept for history and
 * never preferred over an official row for the same school and date.
 */
export type InspectionProvenance = 'official' | 'unofficial';

export type InspectionRecord = Readonly<{
  line: number;
  urn: string;
  /** The LA code from LAESTAB (its first three digits), when the file gives one. */
  laCode: string | null;
  schoolName: string | null;
  phase: string | null;
  postcode: string | null;
  inspectionNumber: string | null;
  startedOn: string;
  endedOn: string | null;
  inspectionType: string | null;
  grade: OverallGrade | null;
  /** Why there is no grade, or why a figure in the grade column was not used. */
  gradeNote: string | null;
  category: Category;
  /** Sub-judgements by the file's own column names, 1-4 or null (not judged). */
  judgements: Readonly<Record<string, OverallGrade | null>>;
  provenance: InspectionProvenance;
}>;

/** Ofsted's grade words as its report pages write them (both "satisfactory" and "requires improvement" are 3). */
export function gradeOfWord(word: string): OverallGrade | null {
  switch (word.trim().toLowerCase()) {
    case 'outstanding':
      return 1;
    case 'good':
      return 2;
    case 'satisfactory':
    case 'requires improvement':
      return 3;
    case 'inadequate':
      return 4;
    default:
      return null;
  }
}
