import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { application, preferences } from '../../../tests/fixtures/admissions-round.ts';
import type { Offer } from './admissions.ts';
import { countOffers } from './offer-counts.ts';

const offer = (applicationId: string, kind: Offer['kind'], urn: string | null, preferenceRank: number | null): Offer => ({
  applicationId,
  kind,
  urn,
  preferenceRank,
  distanceMetres: null,
});

describe('offer counts by the DfE definitions (Secondary and primary school applications and offers, methodology)', () => {
  it('counts applications, online, offers by preference, preferred, non-preferred, none, and in or outside the home LA', () => {
    // Eight applications from LA 886 (six online). Schools 1xxxxx are in 886, 2xxxxx in 887.
    //  A: 1st preference 100001                       → 1st, preferred, home LA
    //  B: 2nd preference 200001                       → 2nd, preferred, another LA
    //  C: 3rd preference 100003                       → 3rd, preferred, home LA
    //  D: 4th preference 100004                       → preferred only, home LA
    //  E: allocated 100005                            → non-preferred, home LA
    //  F: EHC plan at 100006, named 2nd               → counted as a 2nd-preference offer, preferred, home LA
    //  G: EHC plan at 200002, not named               → non-preferred, another LA
    //  H: no offer                                    → no offer
    // By hand: applications 8, online 6, 1st 1, 2nd 2 (B, F), 3rd 1, preferred 5 (A-D, F), non-preferred 2 (E, G),
    // no offer 1, in the home LA 5 (A, C, D, E, F), in another 2 (B, G).
    const apps = [
      application('A', { preferences: preferences('100001') }),
      application('B', { preferences: preferences('100009', '200001') }),
      application('C', { online: false, preferences: preferences('100009', '100008', '100003') }),
      application('D', { preferences: preferences('100009', '100008', '100007', '100004') }),
      application('E', { preferences: preferences('100009') }),
      application('F', { online: false, ehcPlanSchool: '100006', preferences: preferences('100009', '100006') }),
      application('G', { ehcPlanSchool: '200002', preferences: preferences('100009') }),
      application('H', { preferences: preferences('100009') }),
    ];
    const offers = [
      offer('A', 'preference', '100001', 1),
      offer('B', 'preference', '200001', 2),
      offer('C', 'preference', '100003', 3),
      offer('D', 'preference', '100004', 4),
      offer('E', 'allocated', '100005', null),
      offer('F', 'ehc-plan', '100006', null),
      offer('G', 'ehc-plan', '200002', null),
      offer('H', 'none', null, null),
    ];
    const laOf = (urn: string) => (urn.startsWith('1') ? '886' : '887');
    assert.deepEqual(countOffers(apps, offers, laOf), {
      applications: 8,
      online: 6,
      firstPreference: 1,
      secondPreference: 2,
      thirdPreference: 1,
      preferred: 5,
      nonPreferred: 2,
      noOffer: 1,
      inHomeLa: 5,
      inAnotherLa: 2,
    });
  });

  it('counts an application without an offer as no offer, and an offer at a school of unknown LA in neither LA count', () => {
    const apps = [application('A', { preferences: preferences('100001') }), application('B', { preferences: preferences('100002') })];
    const counts = countOffers(apps, [offer('A', 'preference', '100001', 1)], () => null);
    assert.deepEqual([counts.applications, counts.firstPreference, counts.noOffer, counts.inHomeLa, counts.inAnotherLa], [2, 1, 1, 0, 0]);
  });
});
