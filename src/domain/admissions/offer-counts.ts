/**
 * A round's offers counted as the DfE counts them (*Secondary and primary school applications and offers* methodology;
 * domain.md §13): one application per child; offers as at offer day. An offer under an EHC plan at a school the child
 * named counts as an offer of that preference; at a school they did not name, as a non-preferred offer, like the LA's
 * allocation. In or outside the home LA by the offered school's LA (an offer at a school whose LA is unknown is in
 * neither count).
 */
import type { Application, Offer, OfferCounts } from './admissions.ts';

export function countOffers(applications: readonly Application[], offers: readonly Offer[], schoolLaOf: (urn: string) => string | null): OfferCounts {
  const offerOf = new Map(offers.map((o) => [o.applicationId, o]));
  const counts = {
    applications: 0,
    online: 0,
    firstPreference: 0,
    secondPreference: 0,
    thirdPreference: 0,
    preferred: 0,
    nonPreferred: 0,
    noOffer: 0,
    inHomeLa: 0,
    inAnotherLa: 0,
  };
  for (const app of applications) {
    counts.applications++;
    if (app.online) counts.online++;
    const offer = offerOf.get(app.id);
    if (offer === undefined || offer.kind === 'none' || offer.urn === null) {
      counts.noOffer++;
      continue;
    }
    const named = app.preferences.filter((p) => p.urn === offer.urn).map((p) => p.rank);
    const rank = offer.kind === 'preference' ? offer.preferenceRank : offer.kind === 'ehc-plan' && named.length > 0 ? Math.min(...named) : null;
    if (rank === null) counts.nonPreferred++;
    else {
      counts.preferred++;
      if (rank === 1) counts.firstPreference++;
      else if (rank === 2) counts.secondPreference++;
      else if (rank === 3) counts.thirdPreference++;
    }
    const la = schoolLaOf(offer.urn);
    if (la === app.homeLaCode) counts.inHomeLa++;
    else if (la !== null) counts.inAnotherLa++;
  }
  return counts;
}
