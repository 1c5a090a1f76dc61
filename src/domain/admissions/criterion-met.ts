/**
 * Which of a school's oversubscription criteria a child meets (School Admissions Code 2014 para 1.8-1.16, 1.36-1.39):
 * the first listed one. Looked-after from the application; medical or social need, sibling, faith and staff from the
 * preference for that school; catchment by the home postcode or its sector; feeder by the school attended; all others
 * by everyone.
 */
import { normalisePostcode } from '../geography/postcode.ts';
import type { Application, Arrangement, Criterion, Preference } from './admissions.ts';

/** A child's home postcode and its sector, normalised ('CT12AB', 'CT12'), read by catchment criteria. */
export type Home = Readonly<{ postcode: string; sector: string }> | null;

const codeOf: Readonly<Record<Criterion['kind'], number>> = {
  'looked-after': 0,
  'medical-social': 1,
  sibling: 2,
  catchment: 3,
  feeder: 4,
  faith: 5,
  staff: 6,
  other: 7,
};

/** A school's criteria made ready for the loop over every preference: kinds as small integers, lists as sets. */
export type CompiledCriteria = Readonly<{ codes: Uint8Array; catchment: ReadonlySet<string>; feeder: ReadonlySet<string> }>;

export function compileCriteria(a: Arrangement): CompiledCriteria {
  const catchment = new Set<string>();
  const feeder = new Set<string>();
  for (const c of a.criteria) {
    if (c.kind === 'catchment') for (const p of c.postcodes) catchment.add(normalisePostcode(p));
    if (c.kind === 'feeder') for (const urn of c.schools) feeder.add(urn);
  }
  return { codes: Uint8Array.from(a.criteria, (c) => codeOf[c.kind]), catchment, feeder };
}

/** The index of the first criterion the child meets at the school, criteria.length where none. */
export function criterionMet(school: CompiledCriteria, app: Application, pref: Preference, home: Home): number {
  const codes = school.codes;
  for (let i = 0; i < codes.length; i++) {
    switch (codes[i]) {
      case 0:
        if (app.lookedAfter !== null) return i;
        break;
      case 1:
        if (pref.medicalSocial) return i;
        break;
      case 2:
        if (pref.sibling) return i;
        break;
      case 3:
        if (home !== null && (school.catchment.has(home.postcode) || school.catchment.has(home.sector))) return i;
        break;
      case 4:
        if (app.currentSchool !== null && school.feeder.has(app.currentSchool)) return i;
        break;
      case 5:
        if (pref.faith) return i;
        break;
      case 6:
        if (pref.staff) return i;
        break;
      default:
        return i;
    }
  }
  return codes.length;
}
