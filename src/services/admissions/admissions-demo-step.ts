import { admissionRounds } from '../../demo/admission-rounds.ts';
import { allocateRound } from '../../domain/admissions/allocate.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { DemoCaseworkStep } from '../demo/demo-service.ts';
import { remakeAdmissionFigures } from './admission-figures.ts';

/**
 * The demo county's coordinated admission rounds (issue 16.7): for each year of the build (2014 = entry in September
 * 2014, the academic year 2014/15), a Reception and a Year 7 round with every mainstream school's arrangements and one
 * application per child (src/demo/admission-rounds.ts), allocated by the same rule an officer's "run the allocation"
 * runs (allocateRound), with offers, explanations and profiles held as an officer's round holds them; then the years'
 * offer figures (targets 26 and 27) made from those records by the same writer. The rounds are stamped as allocated by
 * `demo` on their offer day.
 */
export function admissionsDemoStep(catalogue: () => readonly Indicator[]): DemoCaseworkStep {
  return {
    name: 'admissions',
    label: 'running the coordinated admission rounds',
    async write(tx, county, seed, years, batchId) {
      const schools = await tx.places.idsByCode('school');
      const districts = await tx.places.idsByCode('district');
      let rounds = 0;
      let applications = 0;
      let preferred = 0;
      const entryYears = new Set<number>();
      // A round is made, written and allocated before the next is made (issue 20: the 14 rounds were made at once).
      for (const round of admissionRounds(county, seed, years)) {
        const id = await tx.admissions.addRound({
          laCode: round.laCode,
          phase: round.phase,
          entryYear: round.entryYear,
          preferencesAllowed: round.preferencesAllowed,
          closingDate: round.closingDate,
          offerDay: round.offerDay,
        });
        const recordedAt = new Date(`${round.closingDate}T12:00:00Z`);
        await tx.admissions.addArrangements(
          round.arrangements.map((a) => ({ ...a, roundId: id, schoolPlaceId: schools.get(a.urn) ?? null, version: 1, recordedAt, recordedBy: 'demo' })),
        );
        await tx.admissions.insertApplications(
          id,
          round.applications.map((a) => ({ ...a, homePlaceId: a.homeDistrictCode === null ? null : (districts.get(a.homeDistrictCode) ?? null) })),
          batchId,
        );
        const result = allocateRound(round);
        await tx.admissions.replaceResults(
          id,
          result.offers,
          result.explanations,
          result.profiles.map((p) => ({ ...p, arrangementVersion: 1 })),
        );
        await tx.admissions.stampAllocated(id, new Date(`${round.offerDay}T09:00:00Z`), 'demo');
        rounds++;
        applications += round.applications.length;
        preferred += result.offers.filter((o) => o.kind === 'preference').length;
        entryYears.add(round.entryYear);
      }
      let figures = 0;
      for (const year of entryYears) figures += await remakeAdmissionFigures(tx, year, catalogue(), batchId);
      return [
        `${rounds} admission rounds, ${applications} applications allocated (${preferred} offered one of their preferences)`,
        `${figures} admissions figures written`,
      ];
    },
  };
}
