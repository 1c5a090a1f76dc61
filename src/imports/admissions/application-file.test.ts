import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readApplicationFile } from './application-file.ts';

// The common application file (School Admissions Code 2014 para 2.3: one form to the home LA, preferences in the
// parent's order): each field checked on its own, every problem named by file, line and column.
const header =
  'application_ref,upn,given_name,family_name,date_of_birth,home_postcode,home_easting,home_northing,online,received_on,looked_after,ehc_plan_urn,assessed_suitable,current_school_urn,' +
  'pref1_urn,pref1_sibling,pref1_medical_social,pref1_faith,pref1_staff,pref2_urn,pref2_sibling,pref2_medical_social,pref2_faith,pref2_staff';
const read = (lines: string[]) => readApplicationFile('apps.csv', new TextEncoder().encode([header, ...lines].join('\n')));

describe('common application file', () => {
  it('reads an application with its preferences in order, its postcode written with its space', () => {
    const file = read(['R1,a123456789012,Ada,Able,2003-01-10,me101aa,,,Y,2013-10-01,PLA,,Y,118000,100001,Y,N,N,N,100002,N,N,Y,N']);
    assert.ok(!('issues' in file));
    const row = file.rows[0]!;
    assert.equal(row.upn, 'A123456789012');
    assert.equal(row.homePostcode, 'ME10 1AA');
    assert.equal(row.home, null);
    assert.equal(row.lookedAfter, 'previously-looked-after');
    assert.equal(row.assessedSuitable, true);
    assert.deepEqual(row.preferences, [
      { rank: 1, urn: '100001', sibling: true, medicalSocial: false, faith: false, staff: false },
      { rank: 2, urn: '100002', sibling: false, medicalSocial: false, faith: true, staff: false },
    ]);
    assert.equal(file.preferenceColumns, 2);
  });

  it('names the line and column of each bad field and keeps no line', () => {
    const file = read([
      'R1,,Ada,Able,2003-02-30,ME10 1AA,,,Y,2013-10-01,,,,,100001,N,N,N,N,,,,,',
      'R2,,Ben,Baker,2003-01-10,ME10 1AA,600000,,Y,2013-10-01,,,,,100001,N,N,N,N,100001,N,N,N,N',
      'R2,,Cat,Cole,2003-01-10,,,,Y,2013-10-01,,,,,,,,,,100002,N,N,N,N',
      'R5,,Dan,Dale,2003-01-10,,,,Y,2013-10-01,XX,,,,100002,N,N,N,N,,,,,',
    ]);
    assert.ok('issues' in file);
    // A line that fails a field's own check (lines 2 and 5) is not read further; the others are checked across fields.
    assert.deepEqual(
      file.issues.map((i) => [i.line, i.column]),
      [
        [2, 'date_of_birth'],
        [3, 'home_northing'],
        [3, 'pref2_urn'],
        [4, 'pref2_urn'],
        [4, 'application_ref'],
        [5, 'looked_after'],
      ],
    );
  });

  it('refuses a file whose header lacks a column', () => {
    const file = readApplicationFile('apps.csv', new TextEncoder().encode('application_ref,given_name\nR1,Ada\n'));
    assert.ok('issues' in file);
    assert.equal(file.issues[0]!.line, 1);
    assert.match(file.issues[0]!.message, /lacks the columns upn/);
  });
});
