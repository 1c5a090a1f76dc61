import type { Application, Offer } from '../../domain/admissions/admissions.ts';
import { countOffers } from '../../domain/admissions/offer-counts.ts';
import { deriveShares, inputsOf, type CountedFigure, type Derivation } from '../../domain/indicators/derived-counts.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { academicYearCode } from '../../domain/periods/period.ts';
import type { Store } from '../../store/store.ts';
import { replaceCaseworkFigures, type CaseworkFigure } from '../casework/casework-figures.ts';

/** The indicators a round's offers feed directly, by phase (indicators/admissions-and-places.yaml). */
export const admissionIndicatorCodes = ['applications-online', 'first-preference-offers', 'second-preference-offers'] as const;

const source =
  'DfE, Secondary and primary school applications and offers, methodology: one application per child resident in the home LA, offers as at national offer day, before acceptance or decline';
const rules: Readonly<Record<(typeof admissionIndicatorCodes)[number], string>> = {
  'applications-online': `applications made online, of all applications to the home LA for the year of entry (${source})`,
  'first-preference-offers': `applicants offered a place at their first preference school, of all applicants (${source})`,
  'second-preference-offers': `applicants offered a place at their second preference school, of all applicants (${source})`,
};

type Area = { placeId: number; placeKey: string; applications: Application[] };

/**
 * Remake the admissions figures of one year of entry (the academic year it starts: entry in September 2014 is
 * 2014/15, '201415') from every allocated round of that year: online applications and first and second preference
 * offers by phase at each LA and each home district, then what the catalogue derives from them (all applicants from
 * the two phases' counts, first-or-second from the two preferences' counts). Other years are left alone; in this year,
 * figures the catalogue derives from published counts at places no round covers are remade as they were.
 */
export async function remakeAdmissionFigures(tx: Store, entryYear: number, catalogue: readonly Indicator[], batchId: number): Promise<number> {
  const period = academicYearCode(entryYear);
  const rounds = (await tx.admissions.rounds()).filter((r) => r.entryYear === entryYear && r.allocatedAt !== null);
  const figures: CaseworkFigure[] = [];
  const placeSums = new Map<string, Set<string>>();
  for (const round of rounds) {
    const applications = await tx.admissions.applications(round.id);
    const offers: Offer[] = await tx.admissions.offers(round.id);
    const laOf = new Map((await tx.admissions.currentArrangements(round.id)).map((a) => [a.urn, a.laCode]));
    const la = await tx.places.find('la', round.laCode);
    if (la === undefined) continue;
    const laKey = `la:${la.code}`;
    const areas = new Map<number, Area>([[la.id, { placeId: la.id, placeKey: laKey, applications }]]);
    const districts = new Map(
      (await tx.places.byIds([...new Set(applications.flatMap((a) => (a.homePlaceId === null ? [] : [a.homePlaceId])))])).map((d) => [d.id, d]),
    );
    for (const a of applications) {
      const d = a.homePlaceId === null ? undefined : districts.get(a.homePlaceId);
      if (d === undefined) continue;
      const area = areas.get(d.id) ?? { placeId: d.id, placeKey: `district:${d.code}`, applications: [] };
      area.applications.push(a);
      areas.set(d.id, area);
      placeSums.set(laKey, (placeSums.get(laKey) ?? new Set()).add(area.placeKey));
    }
    for (const area of areas.values()) {
      const counts = countOffers(area.applications, offers, (urn) => laOf.get(urn) ?? null);
      if (counts.applications === 0) continue;
      const numerators = {
        'applications-online': counts.online,
        'first-preference-offers': counts.firstPreference,
        'second-preference-offers': counts.secondPreference,
      };
      for (const code of admissionIndicatorCodes)
        figures.push({
          indicatorCode: code,
          period,
          breakdown: `phase:${round.phase}`,
          placeId: area.placeId,
          placeKey: area.placeKey,
          value: (100 * numerators[code]) / counts.applications,
          numerator: numerators[code],
          denominator: counts.applications,
          rule: rules[code],
          detail: { round: round.id },
        });
    }
  }
  const derivations = new Map<string, readonly Derivation[]>();
  for (const i of catalogue) if (i.derive !== undefined && i.feed === 'admissions') derivations.set(i.code, i.derive);
  const roundPlaces = new Set(figures.map((f) => f.placeId));
  const published = (await tx.observations.find({ indicatorCodes: [...inputsOf(derivations)], period, basis: 'published', limit: 10_000_000 })).filter(
    (f) => !roundPlaces.has(f.placeId),
  );
  const counted: CountedFigure[] = [...figures.map((f) => ({ ...f, symbol: null, dataVersion: 'final' as const })), ...published];
  const keyOf = new Map(figures.map((f) => [f.placeId, f.placeKey]));
  for (const s of deriveShares(derivations, counted))
    figures.push({ ...s, placeKey: keyOf.get(s.placeId) ?? `place:${s.placeId}`, detail: { parts: s.parts } });
  return replaceCaseworkFigures(tx, {
    indicatorCodes: [...new Set([...admissionIndicatorCodes, ...derivations.keys()])],
    figures,
    placeSums: [...placeSums].map(([total, parts]) => ({ total, parts: [...parts] })),
    dimensions: { phase: ['phase:primary', 'phase:secondary'] },
    unitOf: () => 'percent',
    batchId,
    periods: [period],
  });
}

/**
 * After a published file's derived shares are remade for `periods` (indicators/derived-writer.ts replaces every
 * computed figure of the derived indicators there, the rounds' own included), remake the admissions figures of each
 * of those periods an allocated round covers, so an import never takes a round's figures away. Returns the years remade.
 */
export async function keepRoundFigures(tx: Store, periods: readonly string[], catalogue: readonly Indicator[], batchId: number): Promise<number[]> {
  const years = [
    ...new Set((await tx.admissions.rounds()).filter((r) => r.allocatedAt !== null && periods.includes(academicYearCode(r.entryYear))).map((r) => r.entryYear)),
  ].sort((a, b) => a - b);
  for (const year of years) await remakeAdmissionFigures(tx, year, catalogue, batchId);
  return years;
}
