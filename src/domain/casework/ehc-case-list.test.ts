import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseKeysOf, caseListCellsOf, checkCaseListRow, senCaseListColumns, type SenCaseListValues } from './ehc-case-list.ts';

// A case list row is checked with the rules of the request form (ehc-request.ts) and each step replayed through the
// step pages' rule (ehc-steps.ts: SEND Regulations 2014 regs 4-13 order): decision, draft, final plan, then placements,
// reviews and the plan's end only once a plan is issued.

const today = '2025-02-03';
const row = (over: Partial<SenCaseListValues> = {}): SenCaseListValues => ({
  ...(Object.fromEntries(senCaseListColumns.map((c) => [c, ''])) as SenCaseListValues),
  request_id: '17',
  given_name: 'Ella',
  family_name: 'Hughes',
  date_of_birth: '2016-03-27',
  district_code: 'E07000113',
  received_on: '2024-01-08',
  requested_by: 'parent',
  decision: 'assess',
  decision_on: '2024-02-12',
  draft_on: '2024-04-29',
  outcome: 'plan',
  outcome_on: '2024-05-28',
  exceptions: '2024-02-01 school-closed',
  reviews: '2025-01-20',
  placements: '2024-06-01 independent-special; 2024-09-01 maintained-special 118493',
  ...over,
});

describe('a row of an EHC needs assessment case list', () => {
  it('reads a case through to a plan with its exception, review and placements, and writes it back the same', () => {
    const checked = checkCaseListRow(row(), today);
    assert.ok('listed' in checked, JSON.stringify(checked));
    assert.deepEqual(checked.listed.exceptions, [{ on: '2024-02-01', reason: 'school-closed' }]);
    assert.deepEqual(checked.listed.placements, [
      { on: '2024-06-01', type: 'independent-special', schoolUrn: null },
      { on: '2024-09-01', type: 'maintained-special', schoolUrn: '118493' },
    ]);
    const cells = caseListCellsOf(checked.listed, 17);
    assert.deepEqual(cells, row({ placements: '2024-06-01 independent-special; 2024-09-01 maintained-special 118493' }));
  });

  it('refuses steps out of the regulations’ order, naming the column', () => {
    const draftFirst = checkCaseListRow(row({ decision_on: '2024-05-01' }), today);
    assert.deepEqual(draftFirst, { problems: [{ column: 'draft_on', text: 'The date cannot be before the decision to assess (2024-05-01)' }] });
    const planWithoutDecision = checkCaseListRow(row({ decision: '', decision_on: '', draft_on: '' }), today);
    assert.ok('problems' in planWithoutDecision);
    assert.equal(planWithoutDecision.problems[0]!.column, 'outcome_on');
    const reviewBeforePlan = checkCaseListRow(row({ reviews: '2024-05-01' }), today);
    assert.ok('problems' in reviewBeforePlan && reviewBeforePlan.problems[0]!.column === 'reviews');
    const withdrawnAndPlanned = checkCaseListRow(row({ withdrawn_on: '2024-03-01' }), today);
    assert.ok('problems' in withdrawnAndPlanned && withdrawnAndPlanned.problems[0]!.column === 'outcome_on');
    const future = checkCaseListRow(row({ reviews: '2025-03-01' }), today);
    assert.deepEqual(future, { problems: [{ column: 'reviews', text: 'The date cannot be in the future' }] });
  });

  it('names each malformed cell: a decision without its date, an unknown code, a bad list item', () => {
    const checked = checkCaseListRow(
      row({
        given_name: '',
        decision_on: '',
        outcome: 'maybe',
        exceptions: '2024-02-01 flood',
        placements: '2024-06-01 independent-special 12',
        ceased_on: '2024-13-01',
      }),
      today,
    );
    assert.ok('problems' in checked);
    assert.deepEqual(
      checked.problems.map((p) => p.column).sort(),
      ['ceased_on', 'cease_reason', 'decision_on', 'exceptions', 'given_name', 'outcome', 'placements'].sort(),
    );
  });

  it('takes an open request with only its date received, and a request refused assessment', () => {
    assert.ok(
      'listed' in
        checkCaseListRow(row({ decision: '', decision_on: '', draft_on: '', outcome: '', outcome_on: '', exceptions: '', reviews: '', placements: '' }), today),
    );
    assert.ok('listed' in checkCaseListRow(row({ decision: 'not-assess', draft_on: '', outcome: '', outcome_on: '', reviews: '', placements: '' }), today));
  });

  it('knows a case by the child’s UPN or names and date of birth, with the day the request was received', () => {
    const c = { upn: 'A123456789012', given_name: ' Ella', family_name: 'HUGHES', date_of_birth: '2016-03-27', received_on: '2024-01-08' };
    assert.deepEqual(caseKeysOf(c), ['upn:A123456789012|2024-01-08', 'name:ella|hughes|2016-03-27|2024-01-08']);
    assert.deepEqual(caseKeysOf({ ...c, upn: null }), ['name:ella|hughes|2016-03-27|2024-01-08']);
  });
});
