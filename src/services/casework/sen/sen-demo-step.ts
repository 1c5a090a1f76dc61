import { generateSenCasework } from '../../../demo/sen-casework.ts';
import { academicYearCode } from '../../../domain/periods/period.ts';
import type { SenChildRow, SenExceptionRow, SenPlacementRow, SenRequestRow, SenReviewRow } from '../../../store/sen-store.ts';
import type { DemoCaseworkStep } from '../../demo/demo-service.ts';
import { remakeSenFigures } from './sen-figures.ts';

/**
 * The demo county's SEN casework (src/demo/sen-casework.ts) written in bulk with ids reserved up front, then the SEN
 * figures of the build's years from 2011/12 (the 2012 figure: plans issued in calendar 2012, plans maintained at
 * January 2012) made from the records just as a caseworker's records make them. The build's years are academic start
 * years (2011 is 2011/12); the generator and the figures count by the year's end (2012).
 */
export const senDemoStep: DemoCaseworkStep = {
  name: 'sen',
  label: 'generating SEN requests, EHC plans and placements',
  async write(tx, county, seed, years, batchId) {
    const endYears = years.map((y) => y + 1);
    const cases = generateSenCasework(county, seed, endYears);
    const districtIds = await tx.places.idsByCode('district');
    const childIds = await tx.sen.nextIds('sen_child', cases.length);
    const requestIds = await tx.sen.nextIds('sen_request', cases.length);
    const children: SenChildRow[] = [];
    const requests: SenRequestRow[] = [];
    const exceptions: Omit<SenExceptionRow, 'id'>[] = [];
    const reviews: Omit<SenReviewRow, 'id'>[] = [];
    const placements: Omit<SenPlacementRow, 'id'>[] = [];
    cases.forEach((c, i) => {
      const placeId = districtIds.get(c.districtCode);
      if (placeId === undefined) throw new Error(`the demo county has no district ${c.districtCode}`);
      const id = requestIds[i]!;
      children.push({
        id: childIds[i]!,
        given_name: c.givenName,
        family_name: c.familyName,
        date_of_birth: c.dateOfBirth,
        upn: null,
        place_id: placeId,
        school_urn: c.schoolUrn,
        anonymised_on: null,
        batch_id: batchId,
      });
      requests.push({
        id,
        child_id: childIds[i]!,
        received_on: c.receivedOn,
        requested_by: c.requestedBy,
        withdrawn_on: c.withdrawnOn,
        decision: c.decision,
        decision_on: c.decisionOn,
        draft_on: c.draftOn,
        outcome: c.outcome,
        outcome_on: c.outcomeOn,
        ceased_on: c.ceasedOn,
        cease_reason: c.ceaseReason,
        batch_id: batchId,
      });
      if (c.exception !== null) exceptions.push({ request_id: id, reason: c.exception.reason, recorded_on: c.exception.on });
      for (const on of c.reviews) reviews.push({ request_id: id, reviewed_on: on });
      for (const p of c.placements) placements.push({ request_id: id, starts_on: p.startsOn, establishment_type: p.type, school_urn: p.schoolUrn });
    });
    await tx.sen.insertChildren(children);
    await tx.sen.insertRequests(requests);
    await tx.sen.insertExceptions(exceptions as SenExceptionRow[]);
    await tx.sen.insertReviews(reviews as SenReviewRow[]);
    await tx.sen.insertPlacements(placements as SenPlacementRow[]);
    const figureYears = endYears.filter((y) => y >= 2012);
    const figures = figureYears.length === 0 ? 0 : await remakeSenFigures(tx, figureYears, batchId, `${Math.max(...figureYears)}-12-31`);
    return [
      `${requests.length} SEN requests (${requests.filter((r) => r.outcome === 'plan').length} with a plan issued), ${placements.length} placements, ${reviews.length} annual reviews`,
      `${figures} SEN figures for ${figureYears.map((y) => `${y} and ${academicYearCode(y - 1)}`).join(', ') || 'no year'}`,
    ];
  },
};
