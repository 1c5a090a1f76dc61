import { cmeClockDays, cmeOutcomeLabels, isPlacement, isReportedSeparately } from '../../../domain/casework/cme-clock.ts';
import { cmeSources } from '../../../domain/casework/cme-referral.ts';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import type { Services } from '../../../services/create-services.ts';

type TaskList = Awaited<ReturnType<Services['cme']['taskList']>>;
type Districts = Awaited<ReturnType<Services['cme']['districtsFor']>>;
type FoundCase = Awaited<ReturnType<Services['cme']['caseOf']>>;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2024-03-04' as people write it: '4 March 2024'. */
export function longDate(iso: string | null): string {
  if (iso === null) return '';
  return `${Number(iso.slice(8, 10))} ${monthNames[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

const dayWord = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The clock in words and the tag colour a caseworker reads it by: overdue red, due within 7 days yellow. */
function clockTag(clock: Readonly<{ daysOpen: number; daysLeft: number; overdue: boolean; open: boolean }>) {
  if (!clock.open) return { text: `Closed after ${dayWord(clock.daysOpen)}`, classes: 'govuk-tag--grey' };
  if (clock.overdue) return { text: `${dayWord(-clock.daysLeft)} past 30`, classes: 'govuk-tag--red' };
  if (clock.daysLeft <= 7) return { text: `Due in ${dayWord(clock.daysLeft)}`, classes: 'govuk-tag--yellow' };
  return { text: `${dayWord(clock.daysLeft)} left`, classes: 'govuk-tag--blue' };
}

export function taskListView(list: TaskList, districts: Districts) {
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const byDistrict = new Map<number, { open: number; overdue: number; dueSoon: number }>();
  for (const r of list.rows) {
    const c = byDistrict.get(r.districtId) ?? { open: 0, overdue: 0, dueSoon: 0 };
    c.open++;
    if (r.clock.overdue) c.overdue++;
    else if (r.clock.daysLeft <= 7) c.dueSoon++;
    byDistrict.set(r.districtId, c);
  }
  return {
    rows: list.rows.map((r) => [
      { html: `<a class="govuk-link" href="/cme/${r.caseId}">${escapeHtml(r.name === '' ? `Case ${r.caseId}` : r.name)}</a>` },
      { text: districtName.get(r.districtId) ?? '' },
      { text: longDate(r.knownOn) },
      { text: String(r.clock.daysOpen), format: 'numeric' },
      { text: longDate(r.clock.dueOn) },
      { text: r.lastEnquiryOn === null ? 'None yet' : longDate(r.lastEnquiryOn) },
      { html: `<strong class="govuk-tag ${clockTag(r.clock).classes}">${clockTag(r.clock).text}</strong>` },
    ]),
    summary: [...byDistrict].map(([id, c]) => [
      { text: districtName.get(id) ?? String(id) },
      { text: String(c.open), format: 'numeric' },
      { text: String(c.overdue), format: 'numeric' },
      { text: String(c.dueSoon), format: 'numeric' },
    ]),
    months: {
      yearLabel: academicYearLabel(list.months.period),
      head: [
        { text: 'District' },
        ...list.months.months.map((m) => ({ text: `${monthNames[Number(m.slice(5, 7)) - 1]!.slice(0, 3)} ${m.slice(0, 4)}`, format: 'numeric' })),
      ],
      rows: list.months.districts
        .filter((d) => districtName.has(d.districtId))
        .map((d) => [
          { text: districtName.get(d.districtId)! },
          ...d.cells.map((c) => ({
            text: c === null ? '–' : c.value === null ? 'pending' : `${Math.round(c.value)}% (${c.within} of ${c.decided})`,
            format: 'numeric',
          })),
        ]),
    },
    open: list.rows.length,
    overdue: list.rows.filter((r) => r.clock.overdue).length,
    clockDays: cmeClockDays,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A case as a timeline: each episode's referral, enquiries and outcome in date order, with the clock shown. */
export function caseView(found: FoundCase) {
  const { held, clocks, anonymiseOn } = found;
  const last = held.episodes.at(-1)!;
  const events = held.episodes.flatMap((e, i) => [
    {
      on: longDate(e.knownOn),
      title: i === 0 ? 'Became known: case opened' : `Became known again: case reopened (episode ${e.seq})`,
      lines: [cmeSources[e.source], ...(e.deletionGround === null ? [] : [`Ground: ${e.deletionGround}`]), e.reason],
    },
    ...e.enquiries.map((q) => ({ on: longDate(q.madeOn), title: `Enquiry: ${q.action}`, lines: [`Result: ${q.result}`] })),
    ...(e.outcome === null
      ? []
      : [
          {
            on: longDate(e.outcomeOn),
            title: `Closed: ${cmeOutcomeLabels[e.outcome]}`,
            lines: [
              ...(e.schoolUrn === null ? [] : [`School URN ${e.schoolUrn}`]),
              isPlacement(e.outcome)
                ? `${dayWord(clocks[i]!.daysOpen)} after becoming known: ${clocks[i]!.daysOpen <= cmeClockDays ? 'within' : 'not within'} 30 days`
                : isReportedSeparately(e.outcome)
                  ? 'Reported separately: not counted in the 30-day figure'
                  : 'Closed without a place: counts as not within 30 days',
              ...(e.outcomeNote === null ? [] : [e.outcomeNote]),
            ],
          },
        ]),
  ]);
  const clock = clocks.at(-1)!;
  return {
    held,
    name: held.givenName === null ? 'Anonymised' : `${held.givenName} ${held.familyName}`,
    child: [
      { key: { text: 'Date of birth' }, value: { text: held.dateOfBirth === null ? `Year ${held.birthYear}` : longDate(held.dateOfBirth) } },
      { key: { text: 'Sex' }, value: { text: held.sex === 'F' ? 'Female' : 'Male' } },
      { key: { text: 'UPN' }, value: { text: held.upn ?? 'Not known' } },
      { key: { text: 'Home postcode' }, value: { text: held.postcode ?? 'Not known' } },
      { key: { text: 'District' }, value: { text: `${held.districtName} (${held.districtBasis === 'postcode' ? 'from the postcode' : 'chosen'})` } },
    ],
    clock: {
      open: last.outcome === null,
      tag: clockTag(clock),
      knownOn: longDate(last.knownOn),
      dueOn: longDate(clock.dueOn),
      daysOpen: clock.daysOpen,
    },
    events,
    lastKnownOn: last.knownOn,
    anonymiseOn: longDate(anonymiseOn),
    anonymised: held.anonymisedOn !== null,
  };
}
