import type { Ssda903Episode } from '../domain/casework/children-in-care-rules.ts';
import type { ApOutcome } from '../domain/casework/alternative-provision-rules.ts';
import type { ExclusionRecord } from '../domain/casework/exclusion-rules.ts';
import { exclusionReasons } from '../domain/casework/exclusion-rules.ts';
import { academicYearCode } from '../domain/periods/period.ts';
import type { AnyPupilRecord } from '../domain/pupils/pupil-record.ts';
import { hashOf, seededRandom, type DemoCounty } from './generate-county.ts';

/**
 * The demo county's exclusions, alternative provision placements and children in care, made from the same pupils as
 * its census and KS4 files (generate-pupils.ts): every census pupil with a permanent exclusion gets one notification
 * that stands (so the LA's count reconciles with the census's), each fixed-period exclusion a suspension, and a few
 * other suspended pupils a permanent exclusion the governors or a panel overturned (which does not count). Children
 * in care are the census's pupils in care, with SSDA903 episodes; PRU pupils in Year 11 and some suspended Year 10-11
 * pupils in mainstream schools get alternative curriculum placements, with results that improve year on year.
 */

export type DemoIdentity = Readonly<{ upn: string; givenName: string; familyName: string; dateOfBirth: string }>;
export type DemoExclusion = DemoIdentity & ExclusionRecord;
export type DemoCareChild = Readonly<{ child: string; upn: string; sex: string; dateOfBirth: string; ethnic: string }>;
export type DemoCareEpisode = Ssda903Episode;
export type DemoApPlacement = DemoIdentity &
  Readonly<{
    homeSchoolUrn: string;
    providerName: string;
    providerUrn: string | null;
    kind: 'pru' | 'commissioned';
    yearGroup: 10 | 11;
    start: string;
    end: string | null;
    outcome: ApOutcome | null;
  }>;

export type InclusionDemoYear = Readonly<{
  exclusions: DemoExclusion[];
  careChildren: DemoCareChild[];
  careEpisodes: DemoCareEpisode[];
  apPlacements: DemoApPlacement[];
}>;

const givenNames = ['Aaron', 'Amelia', 'Ben', 'Chloe', 'Daniel', 'Ella', 'Finn', 'Grace', 'Harry', 'Isla', 'Jack', 'Jade', 'Kyle', 'Leah', 'Liam', 'Mia'];
const moreGiven = ['Noah', 'Olivia', 'Oscar', 'Poppy', 'Reece', 'Ruby', 'Sam', 'Sophie', 'Tyler', 'Zara', 'Kai', 'Lily', 'Mason', 'Evie', 'Callum', 'Amy'];
const familyNames = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Johnson', 'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson'];
const moreFamily = ['White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Clark', 'Turner', 'Hill'];

const providers = ['Skills for Work Centre', 'Vocational Pathways', 'Oasis Education Centre', 'Motor Vehicle Training Academy', 'Horizons Learning'];

/** Reason codes weighted roughly as the DfE's 2011/12 permanent exclusions fell (persistent disruption most common). */
const reasonWeights: Readonly<Record<string, number>> = { PD: 33, PA: 14, VA: 14, PP: 10, DA: 8, OT: 8, VP: 4, DM: 2, BU: 2, SM: 2, RA: 1, TH: 2 };

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The next weekday on or after a date (exclusions are decided and start on school days). */
function weekdayFrom(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(iso, 2) : day === 0 ? addDays(iso, 1) : iso;
}

/** A term-time day of the academic year starting in `startYear` (5 September to 19 July). */
const termDay = (startYear: number, random: () => number) => weekdayFrom(addDays(`${startYear}-09-05`, Math.floor(random() * 317)));

/** The year group a demo pupil id carries (`201112-URN-YG-n`): R is 0. */
export function yearGroupOf(pupilId: string): number {
  const group = pupilId.split('-')[2] ?? '0';
  return group === 'R' ? 0 : Number(group);
}

/** A demo pupil's name and date of birth, fixed by their id (born in the year their year group implies). */
export function identityOf(pupilId: string, startYear: number): DemoIdentity {
  const random = seededRandom(hashOf(pupilId));
  const born = startYear - yearGroupOf(pupilId) - 5;
  return {
    upn: pupilId,
    givenName: pick(random() < 0.5 ? givenNames : moreGiven, random),
    familyName: pick(random() < 0.5 ? familyNames : moreFamily, random),
    dateOfBirth: addDays(`${born}-09-01`, Math.floor(random() * 365)),
  };
}

function reasonOf(random: () => number, period: string): string {
  const codes = new Set(exclusionReasons(period).map((r) => r.code));
  let r = random() * 100;
  for (const [code, weight] of Object.entries(reasonWeights)) {
    if (r < weight && codes.has(code)) return code;
    r -= weight;
  }
  return 'PD';
}

/** The share of alternative curriculum pupils achieving a level 1 qualification without level 2 English and maths, rising each year. */
const level1Share = (startYear: number) => Math.min(0.85, 0.5 + 0.08 * (startYear - 2011));

/**
 * One academic year's records from its census (every enrolment) and KS4 rows (`ks4`: Year 11 pupils of the PRUs and of
 * suspended pupils, by pupil id), deterministic in the seed.
 */
export function inclusionDemoYear(
  county: DemoCounty,
  seed: number,
  startYear: number,
  census: readonly AnyPupilRecord[],
  ks4: ReadonlyMap<string, AnyPupilRecord>,
): InclusionDemoYear {
  const period = academicYearCode(startYear);
  const random = seededRandom(seed * 6_151 + startYear);
  const sectorOf = new Map(county.schools.map((s) => [s.urn, s.attributes.sector]));
  const districtOf = new Map(county.schools.map((s) => [s.urn, s.districtCode]));
  const nameOf = new Map(county.schools.map((s) => [s.urn, s.name]));
  const exclusions: DemoExclusion[] = [];
  const careChildren: DemoCareChild[] = [];
  const careEpisodes: DemoCareEpisode[] = [];
  const apPlacements: DemoApPlacement[] = [];
  const characteristics = (p: AnyPupilRecord) => ({ fsm: p.fsm, sen: p.sen, inCare: p.inCare, schoolUrn: p.urn });

  for (const p of census) {
    const identity = identityOf(p.pupilId, startYear);
    if (p.permanentExclusion === true) {
      const decisionDate = termDay(startYear, random);
      const reviewed = decisionDate < `${startYear + 1}-07-01` && random() < 0.9;
      const governorsDate = reviewed ? weekdayFrom(addDays(decisionDate, 10 + Math.floor(random() * 5))) : null;
      const panel = reviewed && random() < 0.12;
      exclusions.push({
        ...identity,
        ...characteristics(p),
        kind: 'permanent',
        reasonCode: reasonOf(random, period),
        decisionDate,
        startDate: weekdayFrom(addDays(decisionDate, 1)),
        sessions: null,
        governorsOutcome: reviewed ? 'upheld' : null,
        governorsDate,
        panelOutcome: panel ? 'upheld' : null,
        panelDate: panel ? weekdayFrom(addDays(governorsDate!, 40)) : null,
        reconsideredOutcome: null,
        reconsideredDate: null,
      });
    }
    const suspensions = p.fixedPeriodExclusions ?? 0;
    let sessionsLeft = 90;
    // A pupil's suspensions start on different days (the record's natural key is pupil, school, kind and start date).
    const startDays = new Set<string>();
    const freshStart = (day: string): string => {
      let start = day;
      while (startDays.has(start)) start = weekdayFrom(addDays(start, 1));
      startDays.add(start);
      return start;
    };
    for (let i = 0; i < suspensions && sessionsLeft > 0; i++) {
      const sessions = Math.min(sessionsLeft, 1 + Math.floor(random() * random() * 10));
      sessionsLeft -= sessions;
      const decisionDate = termDay(startYear, random);
      exclusions.push({
        ...identity,
        ...characteristics(p),
        kind: 'suspension',
        reasonCode: reasonOf(random, period),
        decisionDate,
        startDate: freshStart(weekdayFrom(addDays(decisionDate, Math.floor(random() * 2)))),
        sessions,
        governorsOutcome: null,
        governorsDate: null,
        panelOutcome: null,
        panelDate: null,
        reconsideredOutcome: null,
        reconsideredDate: null,
      });
      // About one permanent exclusion in eight is overturned: the pupil is back on roll and the census has them suspended, not excluded.
      if (i === 0 && p.permanentExclusion !== true && random() < 0.006) {
        const permanentOn = termDay(startYear, random);
        const governorsDate = weekdayFrom(addDays(permanentOn, 12));
        const byPanel = random() < 0.4;
        exclusions.push({
          ...identity,
          ...characteristics(p),
          kind: 'permanent',
          reasonCode: reasonOf(random, period),
          decisionDate: permanentOn,
          startDate: weekdayFrom(addDays(permanentOn, 1)),
          sessions: null,
          governorsOutcome: byPanel ? 'upheld' : 'reinstated',
          governorsDate,
          panelOutcome: byPanel ? 'quash-reconsider' : null,
          panelDate: byPanel ? weekdayFrom(addDays(governorsDate, 35)) : null,
          reconsideredOutcome: byPanel ? 'reinstated' : null,
          reconsideredDate: byPanel ? weekdayFrom(addDays(governorsDate, 45)) : null,
        });
      }
    }

    if (p.inCare) {
      const child = `C${startYear % 100}${String(careChildren.length + 1).padStart(5, '0')}`;
      careChildren.push({
        child,
        upn: p.pupilId,
        sex: p.gender === 'F' ? '2' : '1',
        dateOfBirth: identity.dateOfBirth,
        ethnic: p.ethnicity === 'white' ? 'WBRI' : 'MOTH',
      });
      // Most have been in care for years; about one in five came into care during the twelve months before 31 March. A
      // child permanently excluded has been in care longer (calibration.ts's in-care exclusions are target 22's figure).
      const recent = random() < 0.2 && p.permanentExclusion !== true;
      const firstStart = recent ? addDays(`${startYear}-04-02`, Math.floor(random() * 300)) : addDays(`${startYear}-03-31`, -Math.floor(365 + random() * 2500));
      const legalStatus = random() < 0.7 ? 'C2' : 'V2';
      const moved = !recent && random() < 0.35;
      const moveOn = moved ? addDays(`${startYear}-04-01`, Math.floor(random() * 360)) : null;
      const placement = random() < 0.75 ? 'U1' : random() < 0.5 ? 'U4' : 'K2';
      careEpisodes.push({
        child,
        start: firstStart,
        end: moveOn,
        reasonNewEpisode: 'S',
        legalStatus,
        categoryOfNeed: random() < 0.6 ? 'N1' : 'N4',
        placement,
        placementProvider: placement === 'K2' ? 'PR4' : 'PR1',
        reasonEpisodeCeased: moveOn === null ? null : 'X1',
        reasonPlaceChange: moveOn === null ? null : 'CARPL',
        placementUrn: placement === 'K2' ? `SC${400_000 + (hashOf(child) % 99_999)}` : null,
      });
      if (moveOn !== null)
        careEpisodes.push({
          child,
          start: moveOn,
          end: null,
          reasonNewEpisode: 'P',
          legalStatus,
          categoryOfNeed: 'N1',
          placement: 'U1',
          placementProvider: 'PR1',
          reasonEpisodeCeased: null,
          reasonPlaceChange: null,
          placementUrn: null,
        });
    }

    const yearGroup = yearGroupOf(p.pupilId);
    const inPru = sectorOf.get(p.urn) === 'alternative-provision';
    const commissioned = !inPru && (yearGroup === 10 || yearGroup === 11) && (p.fixedPeriodExclusions ?? 0) >= 2 && random() < 0.35;
    if ((inPru && yearGroup >= 10 && yearGroup <= 11) || commissioned) {
      const result = ks4.get(p.pupilId);
      let outcome: ApOutcome | null = null;
      if (yearGroup === 11 && result !== undefined)
        outcome = result.ks4Level2Em === true ? 'level-2' : random() < level1Share(startYear) ? 'level-1' : random() < 0.6 ? 'entry-level' : 'none';
      const district = districtOf.get(p.urn) ?? '';
      apPlacements.push({
        ...identity,
        homeSchoolUrn: p.urn,
        providerName: inPru ? (nameOf.get(p.urn) ?? 'Pupil referral unit') : providers[hashOf(district) % providers.length]!,
        providerUrn: inPru ? p.urn : null,
        kind: inPru ? 'pru' : 'commissioned',
        yearGroup: yearGroup as 10 | 11,
        start: weekdayFrom(`${startYear}-09-05`),
        end: `${startYear + 1}-07-19`,
        outcome,
      });
    }
  }
  return { exclusions, careChildren, careEpisodes, apPlacements };
}
