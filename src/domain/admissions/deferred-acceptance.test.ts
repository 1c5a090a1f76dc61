/**
 * Properties of the allocation on random small rounds, against a brute-force matcher written here: every assignment of
 * children to one of their preferences (or none) within the places, keeping the stable ones. Gale and Shapley (1962),
 * "College admissions and the stability of marriage", Theorem 2: applicant-proposing deferred acceptance gives every
 * applicant their best partner in any stable matching; Roth (1982), "The economics of matching: stability and
 * incentives". Only preferences the allocation considers count: within the scheme's number, at a school with
 * arrangements, where the child is eligible (a grammar school only for the assessed suitable), the first naming of a school;
 * children whose EHC plan names a school are admitted there first (Code 1.6) and take places from the rest.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { application, arrangement, round } from '../../../tests/fixtures/admissions-round.ts';
import type { Application, Arrangement, RoundInput } from './admissions.ts';
import { allocateRound } from './allocate.ts';

const point = fc.record({ easting: fc.integer({ min: 0, max: 20_000 }), northing: fc.integer({ min: 0, max: 20_000 }) });

const instance: fc.Arbitrary<RoundInput> = fc
  .record({
    schools: fc.array(
      fc.record({ places: fc.integer({ min: 0, max: 3 }), selective: fc.integer({ min: 0, max: 4 }).map((x) => x === 0), at: point, seed: fc.nat() }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    children: fc.array(
      fc.record({
        home: fc.option(point, { freq: 8 }),
        late: fc.boolean(),
        lookedAfter: fc.boolean(),
        ehc: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
        suitable: fc.option(fc.boolean(), { freq: 3 }),
        prefs: fc.array(fc.record({ school: fc.integer({ min: 0, max: 4 }), sibling: fc.boolean() }), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    preferencesAllowed: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ schools, children, preferencesAllowed }) => {
    const arrangements: Arrangement[] = schools.map((s, i) =>
      arrangement(String(100_000 + i), {
        admissionNumber: s.places,
        selective: s.selective,
        location: s.at,
        criteria: [{ kind: 'looked-after' }, { kind: 'sibling' }, { kind: 'other' }],
        tieBreak: { kind: 'distance', seed: s.seed },
      }),
    );
    // School index 4 may have no arrangements (when there are fewer schools): a preference the allocation ignores.
    const applications: Application[] = children.map((c, i) =>
      application(`C${i}`, {
        home: c.home,
        late: c.late,
        lookedAfter: c.lookedAfter ? 'looked-after' : null,
        assessedSuitable: c.suitable,
        ehcPlanSchool: c.ehc === null ? null : String(100_000 + c.ehc),
        preferences: c.prefs.map((p, j) => ({
          rank: j + 1,
          urn: String(100_000 + p.school),
          sibling: p.sibling,
          medicalSocial: false,
          faith: false,
          staff: false,
        })),
      }),
    );
    return round(arrangements, applications, { preferencesAllowed });
  });

type Matching = readonly (string | null)[];

/** Per child, the schools allocation considers, in preference order. */
function consideredPreferences(r: RoundInput): string[][] {
  const byUrn = new Map(r.arrangements.map((a) => [a.urn, a]));
  return r.applications.map((app) => {
    const list: string[] = [];
    if (app.ehcPlanSchool !== null) return list; // admitted under the plan, before any ranking
    for (const p of [...app.preferences].sort((x, y) => x.rank - y.rank)) {
      const a = byUrn.get(p.urn);
      if (p.rank > r.preferencesAllowed || a === undefined || (a.selective && app.assessedSuitable !== true) || list.includes(p.urn)) continue;
      list.push(p.urn);
    }
    return list;
  });
}

/** The places left for ranked applicants after the EHC plan admissions (Code 1.6), not below zero. */
function places(r: RoundInput, urn: string): number {
  const a = r.arrangements.find((x) => x.urn === urn)!;
  return Math.max(0, a.admissionNumber - r.applications.filter((app) => app.ehcPlanSchool === urn).length);
}

/** A child and a school that would both rather have each other: the child prefers the school to what they hold, and the school has a place or holds someone it ranks lower. */
function blockingPairs(r: RoundInput, prefs: string[][], priority: (child: number, urn: string) => number, m: Matching): string[] {
  const pairs: string[] = [];
  for (let c = 0; c < prefs.length; c++) {
    const held = m[c] === null ? prefs[c]!.length : prefs[c]!.indexOf(m[c]!);
    for (const urn of prefs[c]!.slice(0, held)) {
      const holders = m.flatMap((s, d) => (s === urn ? [d] : []));
      if (holders.length < places(r, urn) || holders.some((d) => priority(d, urn) > priority(c, urn))) pairs.push(`C${c}-${urn}`);
    }
  }
  return pairs;
}

/** Every stable matching, by enumerating every assignment of each child to one of their considered schools or none. */
function stableMatchings(r: RoundInput, prefs: string[][], priority: (child: number, urn: string) => number): Matching[] {
  const found: Matching[] = [];
  const current: (string | null)[] = [];
  const load = new Map<string, number>();
  const place = (c: number) => {
    if (c === prefs.length) {
      if (blockingPairs(r, prefs, priority, current).length === 0) found.push([...current]);
      return;
    }
    for (const option of [...prefs[c]!, null]) {
      if (option !== null && (load.get(option) ?? 0) >= places(r, option)) continue;
      if (option !== null) load.set(option, (load.get(option) ?? 0) + 1);
      current[c] = option;
      place(c + 1);
      if (option !== null) load.set(option, load.get(option)! - 1);
    }
  };
  place(0);
  return found;
}

function allocated(r: RoundInput) {
  const result = allocateRound(r);
  const prefs = consideredPreferences(r);
  // The school's priority is its order as the explanation reports it (checked below against the rules' own key).
  const priority = (c: number, urn: string) => result.explanations.get(`C${c}`)!.find((o) => o.urn === urn && o.position !== null)!.position!;
  const matching: Matching = r.applications.map((app) => {
    const offer = result.offers.find((o) => o.applicationId === app.id)!;
    return offer.kind === 'preference' ? offer.urn : null;
  });
  return { result, prefs, priority, matching };
}

const runs = { numRuns: 300, seed: 16 };

describe('deferred acceptance on random small rounds (Gale and Shapley 1962; Roth 1982)', () => {
  it("orders each school's applicants by on time, then criterion, then distance, as the rules say", () => {
    fc.assert(
      fc.property(instance, (r) => {
        const { prefs, priority } = allocated(r);
        for (const a of r.arrangements) {
          // The rules' key, computed here: late after on time; looked-after, sibling, others; nearer first, no home last.
          const key = (c: number) => {
            const app = r.applications[c]!;
            const criterion = app.lookedAfter !== null ? 0 : app.preferences.find((p) => p.urn === a.urn)!.sibling ? 1 : 2;
            const metres = app.home === null ? Infinity : Math.hypot(app.home.easting - a.location!.easting, app.home.northing - a.location!.northing);
            return [app.late ? 1 : 0, criterion, metres] as const;
          };
          const ranked = prefs.flatMap((list, c) => (list.includes(a.urn) ? [c] : [])).sort((x, y) => priority(x, a.urn) - priority(y, a.urn));
          for (let i = 1; i < ranked.length; i++) {
            const [before, after] = [key(ranked[i - 1]!), key(ranked[i]!)];
            const order = before[0] - after[0] || before[1] - after[1] || (before[2] === after[2] ? 0 : before[2] < after[2] ? -1 : 1);
            assert.ok(order <= 0, `${a.urn}: C${ranked[i - 1]} ranked before C${ranked[i]}`);
          }
        }
      }),
      runs,
    );
  });

  it('leaves no blocking pair among the preferences allocation considers (stability)', () => {
    fc.assert(
      fc.property(instance, (r) => {
        const { prefs, priority, matching } = allocated(r);
        assert.deepEqual(blockingPairs(r, prefs, priority, matching), []);
      }),
      runs,
    );
  });

  it('offers each child their best school in any stable matching, as the brute-force matcher finds (applicant optimality)', () => {
    fc.assert(
      fc.property(instance, (r) => {
        const { prefs, priority, matching } = allocated(r);
        const stable = stableMatchings(r, prefs, priority);
        assert.ok(stable.length > 0, 'a stable matching always exists (Gale and Shapley, Theorem 1)');
        const rankOf = (c: number, s: string | null) => (s === null ? Infinity : prefs[c]!.indexOf(s));
        const best = prefs.map((_, c) => stable.reduce((b, m) => Math.min(b, rankOf(c, m[c]!)), Infinity));
        // At least as good as in every stable matching, and itself stable: so exactly each child's best stable school.
        assert.deepEqual(
          matching.map((s, c) => rankOf(c, s)),
          best,
        );
        assert.ok(stable.some((m) => m.every((s, c) => s === matching[c])));
      }),
      runs,
    );
  });

  it('never offers more places than the admission number leaves after EHC plans, nor a school the child did not name or is not eligible for', () => {
    fc.assert(
      fc.property(instance, (r) => {
        const { prefs, matching } = allocated(r);
        for (const a of r.arrangements) assert.ok(matching.filter((s) => s === a.urn).length <= places(r, a.urn));
        matching.forEach((s, c) => assert.ok(s === null || prefs[c]!.includes(s)));
      }),
      runs,
    );
  });
});
