import type { OfferCounts } from '../../domain/admissions/admissions.ts';
import { countOffers } from '../../domain/admissions/offer-counts.ts';
import { academicYearCode } from '../../domain/periods/period.ts';
import type { Store } from '../../store/store.ts';
import { roundOrNotFound } from './admissions-context.ts';

/** The DfE's published figure for the round's LA, year and phase, beside the round's own count of the same thing. */
export type PublishedBeside = Readonly<{
  indicatorCode: 'applications-online' | 'first-preference-offers' | 'second-preference-offers';
  /** The round's own numerator and denominator (countOffers). */
  own: Readonly<{ numerator: number; denominator: number }>;
  /** As published: the rate, its numerator and denominator, or its DfE symbol, and the file it came from. */
  published: Readonly<{ value: number | null; numerator: number | null; denominator: number | null; symbol: string | null; file: string }>;
}>;

const ownNumerator: Readonly<Record<PublishedBeside['indicatorCode'], (c: OfferCounts) => number>> = {
  'applications-online': (c) => c.online,
  'first-preference-offers': (c) => c.firstPreference,
  'second-preference-offers': (c) => c.secondPreference,
};

/**
 * One round as its page shows it (issue 16.6): its offers counted by the DfE's definitions (countOffers), by the home
 * district of the child, and for secondary entry split by the kind of school the child named first (a grammar school or
 * a non-selective one: Kent's first-preference rate mixes the two demands, domain.md §13); the families' responses to
 * the offers made; and, where the DfE's applications and offers file for the LA, year and phase is held, its published
 * figures beside the round's own counts, so an officer can reconcile the two.
 */
export async function roundSummary(store: Store, roundId: number) {
  const round = await roundOrNotFound(store, roundId);
  const [applications, offers, arrangements] = await Promise.all([
    store.admissions.applications(roundId),
    store.admissions.offers(roundId),
    store.admissions.currentArrangements(roundId),
  ]);
  const byUrn = new Map(arrangements.map((a) => [a.urn, a]));
  const laOf = (urn: string) => byUrn.get(urn)?.laCode ?? null;
  const firstIsGrammar = (a: (typeof applications)[number]) => byUrn.get(a.preferences.find((p) => p.rank === 1)?.urn ?? '')?.selective === true;
  const counts = countOffers(applications, offers, laOf);

  const districtIds = [...new Set(applications.flatMap((a) => (a.homePlaceId === null ? [] : [a.homePlaceId])))];
  const districts = new Map((await store.places.byIds(districtIds)).map((d) => [d.id, d]));
  const byDistrict = [...districts.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((d) => ({
      code: d.code,
      name: d.name,
      counts: countOffers(
        applications.filter((a) => a.homePlaceId === d.id),
        offers,
        laOf,
      ),
    }));
  const unplacedHomes = applications.filter((a) => a.homePlaceId === null || !districts.has(a.homePlaceId)).length;

  const responses = { accepted: 0, declined: 0, awaiting: 0 };
  for (const o of offers) if (o.kind !== 'none') responses[o.response ?? 'awaiting']++;

  const la = await store.places.find('la', round.laCode);
  const published: PublishedBeside[] = [];
  if (la !== undefined && round.allocatedAt !== null) {
    const held = await store.observations.find({
      indicatorCodes: Object.keys(ownNumerator),
      placeIds: [la.id],
      period: academicYearCode(round.entryYear),
      breakdown: `phase:${round.phase}`,
      basis: 'published',
      limit: 100,
    });
    for (const code of Object.keys(ownNumerator) as PublishedBeside['indicatorCode'][]) {
      const row = held.find((h) => h.indicatorCode === code);
      if (row === undefined) continue;
      published.push({
        indicatorCode: code,
        own: { numerator: ownNumerator[code](counts), denominator: counts.applications },
        published: {
          value: row.value === null ? null : Number(row.value),
          numerator: row.numerator === null ? null : Number(row.numerator),
          denominator: row.denominator === null ? null : Number(row.denominator),
          symbol: row.symbol,
          file: row.provenance.file,
        },
      });
    }
  }

  return {
    round,
    arrangements: arrangements.length,
    allocated: round.allocatedAt !== null,
    counts,
    byDistrict,
    unplacedHomes,
    responses,
    published,
    split:
      round.phase === 'secondary'
        ? {
            grammar: countOffers(applications.filter(firstIsGrammar), offers, laOf),
            nonSelective: countOffers(
              applications.filter((a) => !firstIsGrammar(a)),
              offers,
              laOf,
            ),
          }
        : null,
  };
}
