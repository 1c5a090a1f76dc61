import { isUpn } from '../../domain/casework/cme-referral.ts';
import { isCalendarDate } from '../../domain/periods/dates.ts';
import type { FieldProblem } from '../../domain/casework/cme-referral.ts';
import type { Store } from '../../store/store.ts';
import type { AuditTrail, AuditWho } from '../audit/audit-service.ts';
import type { CaseworkModule, ChildQuery, SubjectAccessSection } from './casework-module.ts';

/** Everything the casework teams hold on one child, as given to the requester (issue 15.7). */
export type SubjectAccessAnswer = Readonly<{ query: ChildQuery; answeredOn: string; sections: readonly SubjectAccessSection[]; records: number }>;

/** A subject access search: by UPN, or by given name, family name and date of birth together. */
export function childQueryOf(
  values: Readonly<{ upn: string; givenName: string; familyName: string; dateOfBirth: string }>,
): { query: ChildQuery } | { problems: FieldProblem[] } {
  const upn = values.upn.trim().toUpperCase();
  if (upn !== '')
    return isUpn(upn)
      ? { query: { upn, givenName: '', familyName: '', dateOfBirth: '' } }
      : { problems: [{ field: 'upn', text: 'Enter a UPN of 13 characters with its check letter' }] };
  const problems: FieldProblem[] = [];
  if (values.givenName.trim() === '') problems.push({ field: 'given-name', text: 'Enter the child’s first name, or search by UPN' });
  if (values.familyName.trim() === '') problems.push({ field: 'family-name', text: 'Enter the child’s last name, or search by UPN' });
  if (!isCalendarDate(values.dateOfBirth.trim()))
    problems.push({ field: 'date-of-birth', text: 'Enter the date of birth as a real date, for example 2010-05-06' });
  if (problems.length > 0) return { problems };
  return { query: { upn: null, givenName: values.givenName.trim(), familyName: values.familyName.trim(), dateOfBirth: values.dateOfBirth.trim() } };
}

/**
 * Answer a subject access request (UK GDPR article 15) from every casework team's records, in one transaction, audited
 * with how the child was found and how many records were given, never the child's name.
 */
export async function answerSubjectAccess(
  store: Store,
  trail: AuditTrail,
  modules: readonly CaseworkModule[],
  who: AuditWho,
  query: ChildQuery,
  today: string,
): Promise<SubjectAccessAnswer> {
  return store.transaction(async (tx) => {
    const sections: SubjectAccessSection[] = [];
    for (const module of modules) sections.push(await module.subjectAccess(tx, query));
    const records = sections.reduce((n, s) => n + s.records.length, 0);
    await trail.record(tx, who, {
      action: 'subject-access.export',
      subject: 'subject-access',
      detail: { by: query.upn === null ? 'name-and-date-of-birth' : 'upn', records, subjects: sections.flatMap((s) => s.records.map((r) => r.id)) },
    });
    return { query, answeredOn: today, sections, records };
  });
}
