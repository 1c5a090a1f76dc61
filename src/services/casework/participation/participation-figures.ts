import { participationFiguresOf, participationIndicators, type ParticipationPerson } from '../../../domain/casework/participation-figures.ts';
import { academicYearCode } from '../../../domain/periods/period.ts';
import type { Store } from '../../../store/store.ts';
import { replaceCaseworkFigures, type CaseworkFigure } from '../casework-figures.ts';

/**
 * The LA the participation figures are made for, the one Waymark serves (whose districts are held: Kent in the demo),
 * and its own districts' place ids (another LA's districts, held from a national file, are not its).
 */
export async function countyPlaces(tx: Store) {
  const laCode = (await tx.places.lasWithDistricts())[0];
  const la = laCode === undefined ? undefined : await tx.places.find('la', laCode);
  if (la === undefined) throw new Error('the register holds no LA with its districts: import the register (or build the demo) first');
  const own = await tx.places.members(la.id, 'district');
  const districts = new Map(own.map((d) => [d.code, d.id]));
  const districtCodes = new Map(own.map((d) => [d.id, d.code]));
  const names = new Map(own.map((d) => [d.code, d.name]));
  const laId = la.id;
  return { laId, districts, districtCodes, names };
}

/**
 * The young people of academic ages 16-18 in some academic years (by starting year) as the domain's figures read them,
 * by year: one read of the records for every year (a person is in up to three), each person made once.
 */
export async function participationPeople(
  tx: Store,
  academicStartYears: readonly number[],
  districtCodes: ReadonlyMap<number, string>,
): Promise<Map<number, ParticipationPerson[]>> {
  const byYear = new Map<number, ParticipationPerson[]>();
  if (academicStartYears.length === 0) return byYear;
  // Academic age 18 in the year starting S: born from 1 September S-19; 16: born by 31 August S-16.
  const bornFrom = (start: number) => `${start - 19}-09-01`;
  const bornTo = (start: number) => `${start - 16}-08-31`;
  const prus = await tx.participation.pruUrns();
  const rows = await tx.participation.tracked(bornFrom(Math.min(...academicStartYears)), bornTo(Math.max(...academicStartYears)), null);
  const people = rows.map((r): ParticipationPerson => ({
    key: '',
    dateOfBirth: r.dateOfBirth,
    leftOn: r.leftOn,
    district: districtCodes.get(r.districtPlaceId) ?? 'unknown',
    fsm: r.fsm,
    pru: r.lastSchoolUrn !== null && prus.has(r.lastSchoolUrn),
    spells: r.codes.map((code, i) => ({ code, startDate: r.starts[i]!, confirmedOn: r.confirmed[i]! })),
  }));
  for (const start of academicStartYears)
    byYear.set(
      start,
      people.filter((p) => p.dateOfBirth >= bornFrom(start) && p.dateOfBirth <= bornTo(start)),
    );
  return byYear;
}

/**
 * Remake the participation figures of some academic years (by starting year) from the records: NEET, not known, NEET
 * or not known and PRU leavers' destinations at the LA and its districts, written with their public suppression.
 */
export async function remakeParticipationFigures(tx: Store, academicStartYears: readonly number[], batchId: number): Promise<number> {
  const { laId, districts, districtCodes } = await countyPlaces(tx);
  const figures: CaseworkFigure[] = [];
  const codes = [...districts.keys()].sort();
  const byYear = await participationPeople(tx, academicStartYears, districtCodes);
  for (const start of academicStartYears) {
    const people = byYear.get(start)!;
    const here = new Set(people.map((p) => p.district));
    for (const f of participationFiguresOf(
      people,
      start,
      codes.filter((c) => here.has(c)),
    )) {
      // A place with nobody in a group has no figure (an observation holds a value or a symbol).
      if (f.value === null) continue;
      const placeId = f.place === 'la' ? laId : districts.get(f.place)!;
      figures.push({ ...f, placeId, placeKey: f.place === 'la' ? 'la:886' : `district:${f.place}` });
    }
  }
  const parts = [...new Set(figures.filter((f) => f.placeKey.startsWith('district:')).map((f) => f.placeKey))].sort();
  return replaceCaseworkFigures(tx, {
    indicatorCodes: participationIndicators,
    figures,
    placeSums: [{ total: 'la:886', parts }],
    dimensions: { fsm: ['fsm', 'not-fsm'] },
    unitOf: () => 'percent',
    batchId,
    periods: academicStartYears.map(academicYearCode),
  });
}
