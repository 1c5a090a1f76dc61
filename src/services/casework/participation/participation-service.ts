import { londonDateOf } from '../../../domain/periods/london-time.ts';
import type { CaseScope } from '../../../domain/access/reach.ts';
import { activityCodes, activityGroupOn, isActivityCode } from '../../../domain/casework/nccis-codes.ts';
import { headlineOf, headlineRuleOf, septemberGuarantee, snapshotCounts } from '../../../domain/casework/participation-headline.ts';
import { cohortPositionOn, monthEnd, mustTrack } from '../../../domain/casework/participation-status.ts';
import { academicAge, academicStartYearOf } from '../../../domain/periods/period.ts';
import { isCalendarDate } from '../../../domain/periods/dates.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext, AuditWho } from '../../audit/audit-service.ts';
import type { Clock } from '../../clock.ts';
import { requireInScope } from '../case-scope.ts';
import { countyPlaces, remakeParticipationFigures } from './participation-figures.ts';

const inScope = (scope: CaseScope, placeId: number) => scope.kind === 'everywhere' || scope.placeIds.has(placeId);

export type NewActivity = Readonly<{ code: string; startDate: string; confirmedOn: string; source: string }>;
export type FieldErrors = Partial<Record<keyof NewActivity, string>>;

/** Check a new activity as a form gives it: every field, with a message per field. */
export function checkNewActivity(
  input: Readonly<Record<string, string | undefined>>,
  dateOfBirth: string,
  today: string,
): { value: NewActivity | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const code = (input.code ?? '').trim();
  if (!isActivityCode(code)) errors.code = 'Select the young person’s current activity';
  const date = (field: 'startDate' | 'confirmedOn', what: string) => {
    const value = (input[field] ?? '').trim();
    if (!isCalendarDate(value)) errors[field] = `${what} must be a real date, for example 2013-09-04`;
    else if (value > today) errors[field] = `${what} must be today or in the past`;
    else if (value < dateOfBirth) errors[field] = `${what} must be after the young person’s date of birth`;
    return value;
  };
  const startDate = date('startDate', 'The start date');
  const confirmedOn = date('confirmedOn', 'The date confirmed');
  if (errors.startDate === undefined && errors.confirmedOn === undefined && confirmedOn < startDate)
    errors.confirmedOn = 'The date confirmed must be on or after the start date';
  const source = (input.source ?? '').trim();
  if (source === '' || source.length > 100) errors.source = 'Enter who confirmed the activity (at most 100 characters)';
  return Object.keys(errors).length > 0 ? { value: null, errors } : { value: { code, startDate, confirmedOn, source }, errors };
}

/** The participation team's use cases: every read in scope and audited, every write audited in its transaction. */
export function createParticipationService(store: Store, clock: Clock, audit: AuditContext) {
  const today = () => londonDateOf(clock());

  /** People of must-track ages in scope on a day, with their position: the base of the chasing lists. */
  const positionsOn = async (tx: Store, scope: CaseScope, day: string) => {
    const start = academicStartYearOf(day);
    const { districtCodes } = await countyPlaces(tx);
    const rows = await tx.participation.tracked(`${start - 25}-09-01`, `${start - 16}-08-31`, scope.kind === 'everywhere' ? null : [...scope.placeIds]);
    return rows
      .filter((r) => (r.leftOn === null || r.leftOn > day) && mustTrack(academicAge(r.dateOfBirth, start), r.ehcPlan, start))
      .map((r) => {
        const age = academicAge(r.dateOfBirth, start);
        const spells = r.codes.map((code, i) => ({ code, startDate: r.starts[i]!, confirmedOn: r.confirmed[i]! }));
        return { id: r.id, age, district: districtCodes.get(r.districtPlaceId) ?? '', lastSchoolUrn: r.lastSchoolUrn, ...cohortPositionOn(spells, day, age) };
      });
  };

  return {
    today,

    /** Each month's position of an academic year by district (16-17 year olds), and the year's headline. */
    async position(scope: CaseScope, who: AuditWho, academicStartYear: number) {
      return store.transaction(async (tx) => {
        const { districtCodes, names } = await countyPlaces(tx);
        const rows = await tx.participation.tracked(
          `${academicStartYear - 19}-09-01`,
          `${academicStartYear - 16}-08-31`,
          scope.kind === 'everywhere' ? null : [...scope.placeIds],
        );
        const people = rows.map((r) => ({
          key: districtCodes.get(r.districtPlaceId) ?? '',
          dateOfBirth: r.dateOfBirth,
          leftOn: r.leftOn,
          spells: r.codes.map((code, i) => ({ code, startDate: r.starts[i]!, confirmedOn: r.confirmed[i]! })),
        }));
        const last = today();
        const months = Array.from({ length: 12 }, (_, i) => monthEnd(academicStartYear + (i < 4 ? 0 : 1), ((i + 8) % 12) + 1)).filter(
          (m) => m.slice(0, 7) <= last.slice(0, 7),
        );
        const monthly = months.map((day) => ({ day, byDistrict: snapshotCounts(people, day, { from: 16, to: 17 }) }));
        const rule = headlineRuleOf(academicStartYear);
        const headlineMonths = rule.months.map((day) => {
          const total = { cohort: 0, eet: 0, neet: 0, notKnown: 0 };
          for (const c of snapshotCounts(people, day, rule.band).values()) {
            total.cohort += c.cohort;
            total.eet += c.eet;
            total.neet += c.neet;
            total.notKnown += c.notKnown;
          }
          return total;
        });
        const headline = headlineMonths.every((m) => m.cohort === 0) ? null : { ...headlineOf(rule.method, rule.months, headlineMonths), words: rule.words };
        await audit.trail.record(tx, who, {
          action: 'participation.read-position',
          subject: `participation-year:${academicStartYear}`,
          detail: { people: people.length },
        });
        return { months: monthly, headline, names };
      });
    },

    /** The young people whose activity is not known on a day, oldest confirmation first (never confirmed first). */
    async notKnown(scope: CaseScope, who: AuditWho, day: string) {
      return store.transaction(async (tx) => {
        const all = await positionsOn(tx, scope, day);
        const chase = all.filter((p) => p.group === 'not-known').sort((a, b) => (a.confirmedOn ?? '').localeCompare(b.confirmedOn ?? '') || a.id - b.id);
        const people = new Map((await tx.participation.peopleByIds(chase.slice(0, 2000).map((p) => p.id))).map((p) => [p.id, p]));
        await audit.trail.record(tx, who, { action: 'participation.read-not-known', subject: `participation-day:${day}`, detail: { listed: chase.length } });
        const { names } = await countyPlaces(tx);
        return { names, tracked: all.length, listed: chase.length, rows: chase.slice(0, 2000).map((p) => ({ ...p, person: people.get(p.id)! })) };
      });
    },

    /** One young person's record and activity timeline; outside scope a 404 that names nothing, audited. */
    async person(scope: CaseScope, who: AuditWho, id: number) {
      return store.transaction(async (tx) => {
        const person = await tx.participation.person(id);
        if (person === undefined || !inScope(scope, person.districtPlaceId)) {
          await audit.trail.record(tx, who, { action: 'participation.read-refused', subject: `participation-person:${id}` });
          return null;
        }
        const activities = await tx.participation.activities(id);
        const offers = await tx.participation.offers([id], null);
        const day = today();
        const start = academicStartYearOf(day);
        const age = academicAge(person.dateOfBirth, start);
        const now = cohortPositionOn(activities, day, age);
        await audit.trail.record(tx, who, { action: 'participation.read', subject: `participation-person:${id}`, placeId: person.districtPlaceId });
        const timeline = activities
          .map((a) => ({ ...a, label: activityCodes[a.code]?.label ?? a.code, group: activityGroupOn(a.code, a.startDate) }))
          .reverse();
        return { person, age, position: now, mustTrack: mustTrack(age, person.ehcPlan, start), timeline, offers };
      });
    },

    /** Record a new activity for a young person in scope, and remake that academic year's figures. */
    async recordActivity(scope: CaseScope, who: AuditWho, id: number, activity: NewActivity) {
      return store.transaction(async (tx) => {
        const person = await tx.participation.person(id);
        requireInScope(scope, person?.districtPlaceId ?? null, 'young person');
        await tx.participation.upsertActivities([{ ccisId: person!.ccisId, ...activity, recordedBy: who.actor }], null);
        const batchId = await tx.register.openBatch({
          fileName: `activity recorded for participation-person:${id}`,
          fileHash: '',
          format: 'participation:record',
          rowCount: 1,
        });
        const start = academicStartYearOf(activity.startDate);
        const figures = await remakeParticipationFigures(tx, [start], batchId);
        await tx.register.closeBatch(batchId, {
          inserted: 1,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [`${figures} participation figures remade`],
        });
        await audit.trail.record(tx, who, {
          action: 'participation.record-activity',
          subject: `participation-person:${id}`,
          placeId: person!.districtPlaceId,
          detail: { code: activity.code, startDate: activity.startDate },
        });
      });
    },

    /** The September Guarantee of a summer's Year 11 and Year 12 leavers in scope. */
    async guarantee(scope: CaseScope, who: AuditWho, year: number) {
      return store.transaction(async (tx) => {
        const offers = await tx.participation.offers(null, year);
        const people = new Map((await tx.participation.peopleByIds([...new Set(offers.map((o) => o.personId))])).map((p) => [p.id, p]));
        const shown = offers.filter((o) => inScope(scope, people.get(o.personId)!.districtPlaceId));
        await audit.trail.record(tx, who, {
          action: 'participation.read-guarantee',
          subject: `participation-guarantee:${year}`,
          detail: { listed: shown.length },
        });
        return {
          summary: septemberGuarantee(shown, year),
          rows: shown
            .filter((o) => o.offeredOn === null || o.offeredOn > `${year}-09-30`)
            .map((o) => ({ ...o, person: people.get(o.personId)! }))
            .slice(0, 2000),
        };
      });
    },
  };
}

export type ParticipationService = ReturnType<typeof createParticipationService>;
