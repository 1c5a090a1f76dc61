/**
 * Admission arrangements as an admissions officer writes and checks them: the criteria as one line of text (parsed and
 * written back), each criterion's plain-English name, and the School Admissions Code's rules an arrangement must keep.
 */
import { isPostcode, normalisePostcode } from '../geography/postcode.ts';
import type { AdmissionPhase, Arrangement, Criterion, CriterionKind } from './admissions.ts';
import { ordinal } from '../framework/evaluate.ts';

const labels: Readonly<Record<CriterionKind | 'ehc-plan', string>> = {
  'ehc-plan': 'an EHC plan naming the school',
  'looked-after': 'looked-after and previously looked-after children',
  'medical-social': 'exceptional medical or social need',
  sibling: 'a brother or sister at the school',
  catchment: 'living in the catchment area',
  feeder: 'attending a feeder school',
  faith: 'meeting the faith criterion',
  staff: 'a child of staff at the school',
  other: 'all other children',
};

/** The plain-English name of a criterion, as an explanation or an allocation profile shows it. */
export function criterionLabel(c: CriterionKind | 'ehc-plan'): string {
  return labels[c];
}

const simpleKinds = ['looked-after', 'medical-social', 'sibling', 'faith', 'staff', 'other'] as const;
const listKinds = ['catchment', 'feeder'] as const;
const kindsText = [...simpleKinds.slice(0, 3), ...listKinds, ...simpleKinds.slice(3)].join(', ');

/**
 * Criteria from one line of text, in order: `looked-after; sibling; catchment(CT1 2|CT1 3); feeder(900123|900124); other`.
 * `distance` is read as `other` (all other children, who are then put in order by the tie-break). Throws an Error naming
 * the part it cannot read.
 */
export function parseCriteria(text: string): Criterion[] {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.map((part, i) => {
    const match = /^([a-z-]+)\s*(?:\(([^()]*)\))?$/.exec(part);
    const where = `criterion ${i + 1} '${part}'`;
    if (match === null) throw new Error(`${where} is not a criterion name with an optional list in brackets`);
    const [, name = '', list] = match;
    if (name === 'distance' || (simpleKinds as readonly string[]).includes(name)) {
      if (list !== undefined) throw new Error(`${where}: ${name} takes no list`);
      return { kind: name === 'distance' ? 'other' : (name as (typeof simpleKinds)[number]) };
    }
    if (name === 'catchment' || name === 'feeder') {
      const items = (list ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length === 0)
        throw new Error(`${where}: ${name} needs a list in brackets, e.g. ${name === 'catchment' ? 'catchment(CT1 2|CT1 3)' : 'feeder(900123|900124)'}`);
      return name === 'catchment' ? { kind: 'catchment', postcodes: items } : { kind: 'feeder', schools: items };
    }
    if (name === 'ehc-plan') throw new Error(`${where}: children with an EHC plan naming the school are admitted before any criterion (Code 1.6)`);
    throw new Error(`${where}: '${name}' is not one of ${kindsText}`);
  });
}

/** The criteria as one line of text, read back by `parseCriteria`. */
export function criteriaText(criteria: readonly Criterion[]): string {
  return criteria
    .map((c) => (c.kind === 'catchment' ? `catchment(${c.postcodes.join('|')})` : c.kind === 'feeder' ? `feeder(${c.schools.join('|')})` : c.kind))
    .join('; ');
}

/** A postcode sector as arrangements write it: outward code, a space, the first digit of the inward code ('CT1 2'). */
const sectorShape = /^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9]$/;

function isCatchmentPostcode(written: string): boolean {
  const upper = written.trim().toUpperCase();
  return sectorShape.test(upper) || isPostcode(normalisePostcode(upper));
}

/**
 * What is wrong with an arrangement, one sentence per problem naming the field ([] = none): School Admissions Code 2014
 * para 1.2 (a published admission number), 1.7 (looked-after and previously looked-after children first), 1.8 (clear,
 * objective criteria: each once, `other` last, catchment and feeder lists that can be checked), 1.35 (a recorded seed for
 * random allocation); and selection by ability only at a grammar school, which admits at 11 (secondary).
 */
export function arrangementProblems(a: Arrangement): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(a.admissionNumber) || a.admissionNumber < 0)
    problems.push(`admissionNumber must be a whole number of at least 0 (it is ${a.admissionNumber}).`);
  const kinds = a.criteria.map((c) => c.kind);
  const lookedAfter = kinds.indexOf('looked-after');
  if (lookedAfter < 0)
    problems.push('criteria must include looked-after and previously looked-after children, first (Code 1.7: they have the highest priority).');
  else if (lookedAfter > 0) problems.push(`criteria must list looked-after first (Code 1.7), not ${ordinal(lookedAfter + 1)}.`);
  const other = kinds.indexOf('other');
  if (other >= 0 && other !== kinds.length - 1) problems.push('criteria must list other (all other children) last.');
  for (const kind of new Set(kinds)) if (kinds.filter((k) => k === kind).length > 1) problems.push(`criteria lists ${kind} more than once.`);
  for (const c of a.criteria) {
    if (c.kind === 'catchment') {
      if (c.postcodes.length === 0) problems.push('criteria: catchment lists no postcodes or postcode sectors.');
      for (const p of c.postcodes)
        if (!isCatchmentPostcode(p)) problems.push(`criteria: catchment '${p}' is not a postcode ('CT1 2AB') or postcode sector ('CT1 2').`);
    }
    if (c.kind === 'feeder') {
      if (c.schools.length === 0) problems.push('criteria: feeder lists no schools.');
      for (const urn of c.schools) if (!/^[0-9]{6}$/.test(urn)) problems.push(`criteria: feeder school '${urn}' is not a 6-digit URN.`);
    }
  }
  if (a.selective && a.phase !== ('secondary' satisfies AdmissionPhase))
    problems.push(`selective is only for secondary (grammar) schools, and this arrangement's phase is ${a.phase}.`);
  const seed = a.tieBreak.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push(`tieBreak.seed must be a whole number from 0 to 4294967295 (it is ${seed}).`);
  return problems;
}
