import { exceptionReasons, type ClockState } from '../../../domain/casework/ehc-clock.ts';
import { establishmentTypes } from '../../../domain/casework/ehc-figures.ts';
import { ceaseReasons, requesters } from '../../../domain/casework/ehc-steps.ts';
import { activitySpan, sen2AgeGroups, type Sen2Tables } from '../../../domain/casework/sen2-tables.ts';
import type { SenCaseRows } from '../../../services/casework/sen/sen-case-service.ts';

const words = <T extends Record<string, string>>(map: T, key: string | null) => (key !== null && Object.hasOwn(map, key) ? map[key as keyof T] : (key ?? ''));

/** A day as people write it: 8 January 2024. */
export function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The clock in words, e.g. "Decision to assess due by 19 February 2024: 3 days overdue". */
export function clockWords(clock: ClockState): Readonly<{ text: string; overdue: boolean }> {
  if (clock.kind === 'ended') {
    const why = {
      withdrawn: 'Request withdrawn',
      'not-assessed': 'Decided not to assess',
      'no-plan': 'Decided not to issue a plan',
      'plan-issued': 'Final plan issued',
    }[clock.why];
    return { text: `${why} on ${longDate(clock.on)}: the clock has ended`, overdue: false };
  }
  const what = clock.step === 'decision' ? 'Decision whether to assess' : 'Final plan (or notice of no plan)';
  const left = clock.daysLeft < 0 ? `${-clock.daysLeft} days overdue` : clock.daysLeft === 0 ? 'due today' : `${clock.daysLeft} days left`;
  return { text: `${what} due by ${longDate(clock.dueOn)}: ${left}`, overdue: clock.overdue };
}

/** Everything that happened on a request, oldest first, as the case page shows it. */
export function timelineOf(c: SenCaseRows): { on: string; date: string; text: string }[] {
  const r = c.request;
  const items: { on: string; text: string }[] = [{ on: r.received_on, text: `Request for an assessment received from: ${words(requesters, r.requested_by)}` }];
  if (r.decision_on !== null)
    items.push({ on: r.decision_on, text: r.decision === 'assess' ? 'Decided to carry out an EHC needs assessment' : 'Decided not to assess' });
  for (const e of c.exceptions) items.push({ on: e.recorded_on, text: `Exception to the time limit: ${words(exceptionReasons, e.reason)}` });
  if (r.draft_on !== null) items.push({ on: r.draft_on, text: 'Draft plan sent to the family (15 days to comment and name a setting)' });
  if (r.outcome_on !== null) items.push({ on: r.outcome_on, text: r.outcome === 'plan' ? 'Final plan issued' : 'Decided not to issue a plan' });
  if (r.withdrawn_on !== null) items.push({ on: r.withdrawn_on, text: 'Request withdrawn' });
  for (const p of c.placements)
    items.push({
      on: p.starts_on,
      text: `Placement: ${words(establishmentTypes, p.establishment_type)}${p.school_urn === null ? '' : ` (URN ${p.school_urn})`}`,
    });
  for (const v of c.reviews) items.push({ on: v.reviewed_on, text: 'Annual review of the plan' });
  if (r.ceased_on !== null) items.push({ on: r.ceased_on, text: `Plan ceased: ${words(ceaseReasons, r.cease_reason)}` });
  return items.sort((a, b) => a.on.localeCompare(b.on)).map((i) => ({ ...i, date: longDate(i.on) }));
}

/** The steps a case offers next, by where it stands. */
export function stepsOffered(c: SenCaseRows): string[] {
  const r = c.request;
  if (r.withdrawn_on !== null || r.decision === 'not-assess') return [];
  if (r.outcome === 'plan') return r.ceased_on === null ? ['review', 'placement', 'cease'] : [];
  if (r.outcome === 'no-plan') return [];
  if (r.decision === null) return ['decision', 'exception', 'withdrawal'];
  return [...(r.draft_on === null ? ['draft'] : []), 'outcome', 'exception', 'withdrawal'];
}

/** The SEN2 tables as the page and its CSV show them: each table titled with the published definition it follows. */
export function sen2View(t: Sen2Tables) {
  const span = activitySpan(t.year);
  const calendar = `${longDate(span.from)} to ${longDate(span.to)}`;
  const n = t.newPlans;
  return {
    year: t.year,
    census: longDate(t.censusDate),
    sections: [
      {
        title: `Plans maintained on ${longDate(t.censusDate)}, by age`,
        definition:
          'Statements and EHC plans the LA maintained on the January census date; age on the 31 August before it (SEN2 "number of children and young people with a plan, by age group").',
        rows: [...sen2AgeGroups.map((g) => ({ label: g, count: t.maintained.byAge[g] ?? 0 })), { label: 'Total', count: t.maintained.total }],
      },
      {
        title: `Plans maintained on ${longDate(t.censusDate)}, by establishment`,
        definition:
          'The same plans by the establishment attended on that day (SEN2 "placement of children and young people with a plan"); "not recorded" where no placement is held.',
        rows: Object.entries(t.maintained.byEstablishment).map(([k, count]) => ({
          label: k === 'not-recorded' ? 'Not recorded' : words(establishmentTypes, k),
          count,
        })),
      },
      {
        title: `New plans issued ${calendar}`,
        definition:
          'New plans made in the previous calendar year (not transfers), and those issued within 20 weeks of the request (26 weeks for a statement requested before 1 September 2014); SEN2 publishes the measure including and excluding cases with an exception under the regulations.',
        rows: [
          { label: 'New plans issued', count: n.issued },
          { label: 'Within the time limit, including exceptions', count: n.inTime },
          { label: 'With an exception recorded', count: n.exceptions },
          { label: 'New plans issued, excluding exceptions', count: n.issuedExcludingExceptions },
          { label: 'Within the time limit, excluding exceptions', count: n.inTimeExcludingExceptions },
        ],
      },
      {
        title: `Requests, assessments and ceased plans ${calendar}`,
        definition:
          'Requests for assessment received, decisions to assess and not to assess, assessments ending with a decision not to issue a plan, and plans ceased, by reason (SEN2 in-year activity).',
        rows: [
          { label: 'Requests received', count: t.activity.requests },
          { label: 'Decided to assess', count: t.activity.assessed },
          { label: 'Decided not to assess', count: t.activity.notAssessed },
          { label: 'Assessed, decided not to issue a plan', count: t.activity.noPlan },
          { label: 'Plans ceased', count: t.activity.ceased },
          ...Object.entries(t.activity.ceasedByReason).map(([k, count]) => ({ label: `Ceased: ${words(ceaseReasons, k)}`, count })),
        ],
      },
    ],
  };
}
