import { kent, kentDistricts } from '../domain/geography/reference-places.ts';
import type { SchoolAttributes } from '../domain/geography/place-attributes.ts';
import { governanceOf, isStateFunded, sectorOf, type Sector } from '../domain/geography/place.ts';
import { academicYearCode } from '../domain/periods/period.ts';

/**
 * A Kent-like county for demonstration: Kent's twelve real districts, fictional schools in realistic
 * numbers and mixes (about 450 primary, 100 secondary of which 32 selective, 24 special, 5 pupil
 * referral units), rolls by year group for 2010/11-2016/17 at about 17,000 pupils a year group,
 * schools opening, closing and converting to academies. Deterministic: the same seed gives the same county.
 * URNs are in the 9xxxxx range and postcodes are left blank so nothing can be mistaken for a real school.
 */

export const demoYears = [2010, 2011, 2012, 2013, 2014, 2015, 2016] as const;

export type DemoSchool = Readonly<{
  urn: string;
  name: string;
  districtCode: string;
  openedOn: string | null;
  closedOn: string | null;
  attributes: SchoolAttributes;
}>;

export type DemoSuccession = Readonly<{ predecessorUrn: string; successorUrn: string; reason: 'successor' | 'amalgamated'; linkedOn: string }>;

/** Pupils on roll: one school, one academic year ('201415'), one year group ('R', '1' … '13'). */
export type DemoRoll = Readonly<{ urn: string; period: string; yearGroup: string; pupils: number }>;

export type DemoCounty = Readonly<{ schools: readonly DemoSchool[]; successions: readonly DemoSuccession[]; rolls: readonly DemoRoll[] }>;

/** FNV-1a of a text: a seed for `seededRandom` named by what it draws (e.g. `${seed}|point|${urn}`). */
export function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for synthetic data, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Share of Kent's open state-funded schools by district, 2017/18 (data.md row 26), used as weights.
const districtWeights: Readonly<Record<string, number>> = {
  E07000105: 58,
  E07000106: 47,
  E07000107: 40,
  E07000108: 57,
  E07000109: 38,
  E07000110: 62,
  E07000111: 51,
  E07000112: 43,
  E07000113: 58,
  E07000114: 51,
  E07000115: 59,
  E07000116: 44,
};

const districtTowns: Readonly<Record<string, readonly string[]>> = {
  E07000105: ['Ashford', 'Tenterden', 'Charing', 'Wye'],
  E07000106: ['Canterbury', 'Herne Bay', 'Whitstable', 'Sturry'],
  E07000107: ['Dartford', 'Swanscombe', 'Greenhithe', 'Wilmington'],
  E07000108: ['Dover', 'Deal', 'Sandwich', 'Aylesham'],
  E07000109: ['Gravesend', 'Northfleet', 'Meopham', 'Istead Rise'],
  E07000110: ['Maidstone', 'Headcorn', 'Marden', 'Lenham'],
  E07000111: ['Sevenoaks', 'Swanley', 'Edenbridge', 'Westerham'],
  E07000112: ['Folkestone', 'Hythe', 'New Romney', 'Lydd'],
  E07000113: ['Sittingbourne', 'Faversham', 'Sheerness', 'Minster'],
  E07000114: ['Margate', 'Ramsgate', 'Broadstairs', 'Birchington'],
  E07000115: ['Tonbridge', 'West Malling', 'Snodland', 'Aylesford'],
  E07000116: ['Tunbridge Wells', 'Paddock Wood', 'Cranbrook', 'Hawkhurst'],
};

const nameStems = [
  'Oakfield',
  'Beechwood',
  'Meadowbank',
  'Riverside',
  'Hillview',
  'Brookfield',
  'Ashgrove',
  'Elmstead',
  'Willowbank',
  'Chestnut Walk',
  'Fernhill',
  'Kingsmead',
  'Larkrise',
  'Millbrook',
  'Orchard Way',
  'Parkside',
  'Queensway',
  'Rosewood',
  'Thornden',
  'Upland',
  'Westfield',
  'Yew Tree',
  'Hawthorn',
  'Foxglove',
  'Heronsgate',
  'Bramblefield',
  'Copperfield',
  'Downsview',
  'Greenacre',
  'Harbourside',
  'Lavender Hill',
  'Mayfield',
  'Northdown',
  'Pilgrims Way',
  'Saxon Ridge',
  'Seabrook Vale',
  'Stour Valley',
  'Wealden',
  'Hopfield',
  'Oast House',
];
const saints = ['St Mary', 'St Peter', 'St John', 'St Augustine', 'St Nicholas', 'St Martin', 'St Margaret', 'St Andrew', 'Holy Trinity', 'Christ Church'];

type Plan = { sector: Sector; selective: boolean; sixthForm: boolean; size: number; religion: string | null; district: string; town: string };

export function generateCounty(seed = 2013): DemoCounty {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  // 1. Plan the schools open in 2010/11, district by district.
  const plans: Plan[] = [];
  const plan = (sector: Sector, count: number, extra: (i: number) => Partial<Plan> = () => ({})) => {
    const shares = apportion(
      count,
      kentDistricts.map((d) => districtWeights[d.code]!),
    );
    kentDistricts.forEach((d, di) => {
      const share = shares[di]!;
      for (let i = 0; i < share; i++) {
        const size = sector === 'primary' ? 0.35 + random() * 1.6 : 0.6 + random() * 0.9;
        plans.push({
          sector,
          selective: false,
          sixthForm: false,
          religion: null,
          size,
          district: d.code,
          town: pick(districtTowns[d.code]!),
          ...extra(plans.length),
        });
      }
    });
  };
  plan('primary', 446, () => ({ religion: random() < 0.3 ? (random() < 0.8 ? 'Church of England' : 'Roman Catholic') : null }));
  plan('secondary', 100, () => ({ sixthForm: random() < 0.8, religion: random() < 0.1 ? 'Church of England' : null }));
  // About a third of Kent's secondaries are grammar schools: mark 32 spread across districts.
  const secondaries = plans.filter((p) => p.sector === 'secondary');
  secondaries.forEach((p, i) => {
    if (Math.floor(((i + 1) * 32) / secondaries.length) > Math.floor((i * 32) / secondaries.length))
      Object.assign(p, { selective: true, sixthForm: true, size: 0.7 + random() * 0.5 });
  });
  plan('special', 24, () => ({ size: 0.6 + random() * 0.8 }));
  plan('alternative-provision', 5);

  // 2. Turn plans into schools; some convert to academies, a few close, amalgamate or open.
  const schools: DemoSchool[] = [];
  const successions: DemoSuccession[] = [];
  const usedNames = new Set<string>();
  let nextUrn = 900001;
  const estabCounters: Record<string, number> = { primary: 2000, secondary: 4000, special: 7000, 'alternative-provision': 1100 };
  const nameFor = (p: Plan): string => {
    for (let attempt = 0; ; attempt++) {
      const stem =
        p.religion !== null && p.sector === 'primary'
          ? `${pick(saints)}'s ${p.religion === 'Roman Catholic' ? 'Catholic' : 'Church of England'}`
          : pick(nameStems);
      const kind =
        p.sector === 'primary'
          ? 'Primary School'
          : p.sector === 'special'
            ? 'School'
            : p.sector === 'alternative-provision'
              ? 'Pupil Referral Unit'
              : p.selective
                ? 'Grammar School'
                : pick(['School', 'Academy', 'High School', 'College']);
      const name = attempt === 0 && p.sector !== 'primary' ? `${p.town} ${stem} ${kind}` : `${stem} ${kind}${attempt > 1 ? `, ${p.town}` : ''}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const makeSchool = (
    p: Plan,
    name: string,
    typeName: string,
    typeGroup: string,
    openedOn: string | null,
    closedOn: string | null,
    estab: string,
  ): DemoSchool => {
    const urn = String(nextUrn++);
    const phaseFlags = {
      primary: p.sector === 'primary' || p.sector === 'special',
      secondary: p.sector === 'secondary' || p.sector === 'special' || p.sector === 'alternative-provision',
      post16: p.sixthForm || p.sector === 'special',
    };
    const [ageLow, ageHigh] =
      p.sector === 'primary' ? [4, 11] : p.sector === 'secondary' ? [11, p.sixthForm ? 18 : 16] : p.sector === 'special' ? [4, 19] : [11, 16];
    const governance = governanceOf(typeGroup, typeName);
    return {
      urn,
      name,
      districtCode: p.district,
      openedOn,
      closedOn,
      attributes: {
        urn,
        laCode: kent.code,
        establishmentNumber: estab,
        laestab: `${kent.code}${estab}`,
        typeName,
        typeGroup,
        governance,
        sector: sectorOf({ typeName, phaseFlags, ageLow, ageHigh }),
        stateFunded: isStateFunded(governance),
        phaseFlags,
        ageLow,
        ageHigh,
        gender: p.selective && random() < 0.5 ? (random() < 0.5 ? 'Boys' : 'Girls') : 'Mixed',
        religiousCharacter: p.religion ?? 'Does not apply',
        admissionsPolicy: p.sector === 'secondary' ? (p.selective ? 'Selective' : 'Non-selective') : 'Not applicable',
        selective: p.selective,
        address: { street: null, locality: null, address3: null, town: p.town, postcode: null },
        linkedUrn: null,
        pupilsOnRoll: null,
        register: 'Waymark demo county (synthetic)',
      },
    };
  };
  const maintainedType = (p: Plan): string =>
    p.sector === 'special'
      ? 'Community special school'
      : p.sector === 'alternative-provision'
        ? 'Pupil referral unit'
        : p.religion === 'Roman Catholic'
          ? 'Voluntary aided school'
          : p.religion !== null
            ? 'Voluntary controlled school'
            : random() < 0.2
              ? 'Foundation school'
              : 'Community school';
  const academyType = (p: Plan): string =>
    p.sector === 'special'
      ? 'Academy - Converter special school'
      : random() < 0.25 && !p.selective
        ? 'Academy sponsor led mainstream'
        : 'Academy - Converter mainstream';

  // Conversion probability by 2016/17 (Kent: most grammars and over half of secondaries early, primaries later).
  const conversionChance = (p: Plan) =>
    p.selective ? 0.85 : p.sector === 'secondary' ? 0.6 : p.sector === 'primary' ? 0.3 : p.sector === 'special' ? 0.08 : 0;
  const keyed: { plan: Plan; urnByYear: Map<number, string> }[] = [];
  for (const p of plans) {
    const estab = String(estabCounters[p.sector]!++);
    const name = nameFor(p);
    const urnByYear = new Map<number, string>();
    const converts = random() < conversionChance(p);
    const conversionYear = converts ? (p.sector === 'secondary' ? 2010 + Math.floor(random() * 5) : 2011 + Math.floor(random() * 6)) : null;
    const closes = p.sector === 'primary' && !converts && random() < 0.02;
    const closureYear = closes ? 2012 + Math.floor(random() * 4) : null;
    const maintained = makeSchool(p, name, maintainedType(p), p.sector === 'special' ? 'Special School' : 'Maintained School', null, null, estab);
    if (conversionYear !== null) {
      const openedOn = pick([`${conversionYear}-09-01`, `${conversionYear + 1}-01-01`, `${conversionYear + 1}-04-01`]);
      const closedOn = dayBefore(openedOn);
      const academy = makeSchool(
        p,
        name,
        academyType(p),
        p.sector === 'special' ? 'Special School' : 'Academy',
        openedOn,
        null,
        estab.replace(/^\d/, (d) => String(Number(d) + 1)),
      );
      schools.push({ ...maintained, closedOn }, academy);
      successions.push({ predecessorUrn: maintained.urn, successorUrn: academy.urn, reason: 'successor', linkedOn: openedOn });
      for (const y of demoYears) urnByYear.set(y, censusDate(y) >= openedOn ? academy.urn : maintained.urn);
    } else if (closureYear !== null) {
      const closedOn = `${closureYear}-08-31`;
      schools.push({ ...maintained, closedOn });
      for (const y of demoYears) if (censusDate(y) < closedOn) urnByYear.set(y, maintained.urn);
    } else {
      schools.push(maintained);
      for (const y of demoYears) urnByYear.set(y, maintained.urn);
    }
    keyed.push({ plan: p, urnByYear });
  }
  // New primary schools (free schools and basic-need expansions) opening as Reception cohorts grow.
  for (let i = 0; i < 8; i++) {
    const d = kentDistricts[Math.floor(random() * kentDistricts.length)]!;
    const p: Plan = {
      sector: 'primary',
      selective: false,
      sixthForm: false,
      religion: null,
      size: 0.8 + random() * 0.6,
      district: d.code,
      town: pick(districtTowns[d.code]!),
    };
    const openYear = 2012 + (i % 5);
    const free = i % 2 === 0;
    const school = makeSchool(
      p,
      nameFor(p),
      free ? 'Free school - Mainstream' : 'Community school',
      free ? 'Academy' : 'Maintained School',
      `${openYear}-09-01`,
      null,
      String(estabCounters.primary!++),
    );
    schools.push(school);
    const urnByYear = new Map<number, string>();
    for (const y of demoYears) if (y >= openYear) urnByYear.set(y, school.urn);
    keyed.push({ plan: { ...p, openYear } as Plan, urnByYear });
  }

  // 3. Rolls: county cohorts (births rising from 2002 to 2011, so Reception grows) shared among open schools.
  const rolls: DemoRoll[] = [];
  for (const y of demoYears) {
    const period = academicYearCode(y);
    for (const sector of ['primary', 'secondary', 'special', 'alternative-provision'] as const) {
      const open = keyed.filter((k) => k.plan.sector === sector && k.urnByYear.has(y));
      const totalSize = open.reduce((a, k) => a + k.plan.size, 0);
      for (const k of open) {
        const openYear = (k.plan as Plan & { openYear?: number }).openYear;
        for (const yg of yearGroupsOf(k.plan)) {
          // A new school fills from Reception upwards.
          if (openYear !== undefined && yg.index > y - openYear) continue;
          const cohort = cohortSize(y - yg.index);
          const base =
            sector === 'special' ? (150 * k.plan.size) / 11 : sector === 'alternative-provision' ? 14 * k.plan.size : (cohort * k.plan.size) / totalSize;
          const sixthFormShare = yg.index >= 12 ? (k.plan.selective ? 0.75 : 0.4) : 1;
          const pupils = Math.max(0, Math.round(base * sixthFormShare * (0.94 + random() * 0.12)));
          rolls.push({ urn: k.urnByYear.get(y)!, period, yearGroup: yg.label, pupils });
        }
      }
    }
  }
  return { schools, successions, rolls };
}

function yearGroupsOf(p: Plan): { index: number; label: string }[] {
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i).map((index) => ({ index, label: index === 0 ? 'R' : String(index) }));
  if (p.sector === 'primary') return range(0, 6);
  if (p.sector === 'secondary') return range(7, p.sixthForm ? 13 : 11);
  if (p.sector === 'special') return range(0, 13);
  return range(7, 11);
}

/** Pupils in the county cohort that started Reception in September of `receptionYear` (rising births from the 2002 low). */
export function cohortSize(receptionYear: number): number {
  return receptionYear <= 2006 ? 16_900 - 140 * (receptionYear - 1999) : 15_920 + 240 * (receptionYear - 2006);
}

function censusDate(startYear: number): string {
  return `${startYear + 1}-01-15`;
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Largest-remainder apportionment: whole shares of `count` in proportion to the weights, summing exactly to `count`. */
export function apportion(count: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (count * w) / total);
  const shares = quotas.map(Math.floor);
  const order = quotas.map((q, i) => ({ i, rest: q - Math.floor(q) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const missing = count - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) shares[order[k]!.i]! += 1;
  return shares;
}
