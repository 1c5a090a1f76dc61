import { isCalendarDate } from '../periods/dates.ts';

/**
 * A release's publication time as an administrator enters it and a reader is shown it: a day and a time on the clocks
 * in England (GMT in winter, BST in summer), held as an instant. Official statistics are released at 9:30am (Code of
 * Practice for Statistics, practice T3.6: "Statistics should be released to all users at 9.30am on a weekday",
 * https://www.statisticsauthority.gov.uk/code-of-practice/the-code/trustworthiness/t3-orderly-release/), so the
 * approval form offers 9:30 unless another time is typed.
 */

export const conventionalReleaseTime = '09:30';

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The day and time ('YYYY-MM-DD', 'HH:MM') the clocks in England showed at an instant. */
export function londonWallClock(at: Date): Readonly<{ date: string; time: string }> {
  const parts = Object.fromEntries(wallClock.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant the clocks in England show a day and time ('YYYY-MM-DD', 'HH:MM', 24-hour): null for a day that is no
 * day, a time that is no time, or a time the clocks skip when they go forward (01:30 on the last Sunday in March).
 * In the hour the clocks go back, the first (BST) one.
 */
export function londonInstant(date: string, time: string): Date | null {
  if (!isCalendarDate(date)) return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) return null;
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  // England is UTC or UTC+1: try BST first (the earlier instant), then GMT; keep the one whose clock reads back the same.
  for (const offsetHours of [1, 0]) {
    const at = new Date(asUtc - offsetHours * 3_600_000);
    const shown = londonWallClock(at);
    if (shown.date === date && shown.time === time) return at;
  }
  return null;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day in full, as GOV.UK writes it: "4 December 2026". */
export function dateInFull(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1]} ${y}`;
}

/** A time as GOV.UK writes it: "9:30am", "5pm", "midday", "midnight". */
export function timeInWords(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  if (m === 0 && h === 12) return 'midday';
  if (m === 0 && h === 0) return 'midnight';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}${h < 12 ? 'am' : 'pm'}`;
}

/** An instant in full, in England's time: "4 December 2026 at 9:30am". */
export function londonDateTimeInFull(at: Date): string {
  const { date, time } = londonWallClock(at);
  return `${dateInFull(date)} at ${timeInWords(time)}`;
}
