import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvBytes } from '../imports/csv-table.ts';
import { laApprenticeReturn } from '../imports/employment/la-apprentice-return.ts';
import { nomisClaimantCount } from '../imports/employment/nomis-claimant-count.ts';
import { schoolApprenticeshipSurvey } from '../imports/employment/school-apprenticeship-survey.ts';
import { feSkillsStarts } from '../imports/employment/fe-skills-starts.ts';
import { laSupportedEmploymentReturn } from '../imports/employment/la-supported-employment-return.ts';
import { kent } from '../domain/geography/reference-places.ts';
import { apprenticeReturnFile, claimantCountFile, feStartsFile, schoolSurveyFile, supportedEmploymentFile } from './employment-files.ts';

const table = (name: string, text: string) => {
  const read = readCsvBytes(name, new TextEncoder().encode(text), 'utf-8');
  assert.ok(read.ok);
  return read.table;
};

describe("the demo county's youth employment and apprenticeship files", () => {
  const claimants = nomisClaimantCount.parse(table('claimants.csv', claimantCountFile('E10000016', 'Kent', 2012, 2016)));
  const figure = (indicator: string, code: string, year: number) =>
    claimants.records.find((r) => r.indicator === indicator && r.place.code === code && r.period === String(year))!.value!;

  it('reads back through the Nomis importer with every year complete and nothing refused', () => {
    assert.deepEqual(claimants.issues, []);
    assert.deepEqual(claimants.incomplete, []);
    // 5 years × 12 months × 14 areas (England, Kent, its 12 districts) × 2 measures.
    assert.equal(claimants.records.length, 5 * 14 * 2);
  });

  it("gives Kent the seed's 2012 figure, nearly 10,000 unemployed 18-24 year olds (9,900 in calibration.ts), to Nomis's rounding", () => {
    // Each month is rounded to the nearest 5, so the year's mean is within 2.5 of the calibrated figure.
    assert.ok(Math.abs(figure('unemployed-18-24', 'E10000016', 2012) - 9900) <= 2.5);
  });

  it("keeps the seed's hotspots above England in 2012, and Thanet still above it in 2016 while Swale falls below", () => {
    const england2012 = figure('youth-unemployment-rate-16-24', 'E92000001', 2012);
    for (const code of ['E07000114', 'E07000113', 'E07000112', 'E07000109', 'E07000108'])
      assert.ok(figure('youth-unemployment-rate-16-24', code, 2012) > 1.3 * england2012, code);
    const england2016 = figure('youth-unemployment-rate-16-24', 'E92000001', 2016);
    assert.ok(figure('youth-unemployment-rate-16-24', 'E07000114', 2016) > england2016);
    assert.ok(figure('youth-unemployment-rate-16-24', 'E07000113', 2016) < england2016);
  });

  it("makes Kent's count the sum of its districts' counts, within the rounding of each month to 5", () => {
    const districts = claimants.records.filter((r) => r.indicator === 'unemployed-18-24' && r.period === '2014' && r.place.kind === 'district');
    assert.equal(districts.length, 12);
    const sum = districts.reduce((a, r) => a + r.value!, 0);
    assert.ok(Math.abs(sum - figure('unemployed-18-24', 'E10000016', 2014)) <= 12 * 2.5 + 2.5);
  });

  it('gives the apprentices the seed asks for: 400 over 2012-13 to 2015-16, one year short of 88', () => {
    const read = laApprenticeReturn.parse(table('return.csv', apprenticeReturnFile('886', [2011, 2012, 2013, 2014, 2015])));
    assert.deepEqual(read.issues, []);
    const framework = read.records.filter((r) => r.period >= '201213');
    assert.equal(
      framework.reduce((a, r) => a + r.value!, 0),
      400,
    );
    assert.deepEqual(
      framework.filter((r) => r.value! < 88).map((r) => r.period),
      ['201415'],
    );
  });

  it('answers the school survey Y for exactly the calibrated share of the schools on roll, the same way every build', () => {
    const schools = Array.from({ length: 200 }, (_, i) => ({ urn: String(100000 + i), name: `School ${i}` }));
    const text = schoolSurveyFile('886', [2015], () => schools, 2013);
    assert.equal(
      text,
      schoolSurveyFile('886', [2015], () => schools, 2013),
    );
    const read = schoolApprenticeshipSurvey.parse(table('survey.csv', text));
    // calibration.ts: 52% in 2015/16; 52% of 200 schools is 104.
    assert.deepEqual(
      read.records.map((r) => [r.period, r.numerator, r.denominator, r.value]),
      [['201516', 104, 200, 52]],
    );
  });

  it("writes Kent's FE and apprenticeship starts in the DfE's layout, read back with the seed's 2012 apprentices and a rise past 10% by 2015/16", () => {
    const text = feStartsFile(kent, [2011, 2012, 2013, 2014, 2015]);
    const read = table('starts.csv', text);
    assert.ok(feSkillsStarts.recognise(read.header));
    // 2011/12's apprenticeship starts by age, the Total band added over the areas and levels: the seed's 2,715 under 19
    // and 3,355 aged 19-24 (each cell rounded to 10, so the sum is within 5 a cell of it).
    const apprenticeships = (age: string) =>
      read.rows
        .filter((r) => r.values.time_period === '201112' && r.values.provision_type === 'Apprenticeships' && r.values.age_group === age)
        .reduce((a, r) => a + (r.values.starts === 'low' ? 0 : Number(r.values.starts)), 0);
    assert.ok(Math.abs(apprenticeships('Under 19') - 2715) <= 45 * 5, String(apprenticeships('Under 19')));
    assert.ok(Math.abs(apprenticeships('19-24') - 3355) <= 45 * 5, String(apprenticeships('19-24')));
    const starts = feSkillsStarts.parse(read);
    assert.deepEqual(starts.issues, []);
    const figures = starts.records.map((r) => [r.place.code, r.period, r.value]);
    // The figures the target reads (calibration.ts's shares, each cell rounded to 10): a dip in 2012/13, then a rise.
    assert.deepEqual(figures, [
      ['886', '201112', 3100],
      ['886', '201213', 3050],
      ['886', '201314', 3070],
      ['886', '201415', 3330],
      ['886', '201516', 3580],
    ]);
    assert.ok(3580 >= 1.1 * 3100, '2015/16 is over 10% above 2011/12');
  });

  it("writes the LA's supported employment return with a total rising 19% from 2011/12 to 2015/16", () => {
    const read = laSupportedEmploymentReturn.parse(table('supported.csv', supportedEmploymentFile('886', [2011, 2012, 2013, 2014, 2015])));
    assert.deepEqual(read.issues, []);
    // calibration.ts kentSupportedEmployment: 118 + 42, 116 + 42, 24 + 114 + 8 + 25, 38 + 112 + 12 + 20, 52 + 110 + 12 + 16.
    assert.deepEqual(
      read.records.map((r) => [r.period, r.value]),
      [
        ['201112', 160],
        ['201213', 158],
        ['201314', 171],
        ['201415', 182],
        ['201516', 190],
      ],
    );
  });
});
