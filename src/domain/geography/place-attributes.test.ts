import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeAttributesOf, schoolPopulationOf } from './place-attributes.ts';

/** Brookfield Academy as the GIAS establishment file describes it (src/imports/gias/establishments.ts writes these fields). */
const giasSchool = {
  urn: '148123',
  laCode: '886',
  establishmentNumber: '4001',
  laestab: '8864001',
  typeName: 'Academy converter',
  typeGroup: 'Academies',
  governance: 'academy',
  sector: 'secondary',
  stateFunded: true,
  phaseFlags: { primary: false, secondary: true, post16: true },
  ageLow: 11,
  ageHigh: 18,
  gender: 'Mixed',
  religiousCharacter: 'Does not apply',
  admissionsPolicy: 'Selective',
  selective: true,
  address: { street: 'Brook Lane', locality: null, address3: null, town: 'Ashford', postcode: 'TN23 1AA' },
  linkedUrn: null,
  pupilsOnRoll: 1204,
  register: 'GIAS establishment file (edubasealldata20250101.csv)',
};

describe("a place's attributes are checked against its kind", () => {
  it('reads a GIAS-shaped school with every field typed', () => {
    const school = placeAttributesOf('school', '148123', giasSchool);
    assert.deepEqual(school, giasSchool);
    assert.equal(school.selective, true);
  });

  it("keeps the demo county's mark on its synthetic schools", () => {
    assert.equal(placeAttributesOf('school', '990001', { ...giasSchool, demo: true }).demo, true);
  });

  it('refuses a school whose field has the wrong type, naming the place and the field', () => {
    assert.throws(
      () => placeAttributesOf('school', '148123', { ...giasSchool, stateFunded: 'true' }),
      /The stored attributes of school 148123 do not fit a school: stateFunded: .*boolean/,
    );
    assert.throws(
      () => placeAttributesOf('school', '148123', { ...giasSchool, address: { ...giasSchool.address, postcode: 42 } }),
      /address\.postcode: .*string/,
    );
  });

  it('refuses a sector or governance the reports do not know', () => {
    assert.throws(() => placeAttributesOf('school', '148123', { ...giasSchool, sector: 'middle' }), /school 148123 .*sector/);
  });

  it('refuses a school missing a field every register writes', () => {
    const withoutRegister: Partial<typeof giasSchool> = { ...giasSchool };
    delete withoutRegister.register;
    assert.throws(() => placeAttributesOf('school', '148123', withoutRegister), /register: /);
  });

  it('reads an LA with no attributes (one added from GIAS, LAIT or a published file) and one from the code list', () => {
    assert.deepEqual(placeAttributesOf('la', '886', {}), {});
    assert.deepEqual(placeAttributesOf('la', '886', { onsCode: 'E10000016', laType: 'SC' }), { onsCode: 'E10000016', laType: 'SC' });
    assert.throws(() => placeAttributesOf('la', '886', { onsCode: 10000016 }), /la 886 .*onsCode/);
  });

  it('refuses a neighbour group without the list version it belongs to', () => {
    assert.deepEqual(placeAttributesOf('neighbour_group', 'sn-886-2012', { of: '886', version: '2012', source: 'Kent VPI' }), {
      of: '886',
      version: '2012',
      source: 'Kent VPI',
    });
    assert.throws(() => placeAttributesOf('neighbour_group', 'sn-886-2012', { of: '886', source: 'Kent VPI' }), /neighbour_group sn-886-2012 .*version/);
  });

  it('reads England and its regions, which carry no attributes, from a null column', () => {
    assert.deepEqual(placeAttributesOf('region', 'E12000008', null), {});
  });

  it('checks the population fields SQL reads straight from the column as the full read checks them', () => {
    assert.deepEqual(schoolPopulationOf('school 148123', giasSchool), { sector: 'secondary', governance: 'academy', stateFunded: true });
    assert.throws(
      () => schoolPopulationOf('a school under place 7', { sector: 'secondary', governance: 'academy', stateFunded: null }),
      /The stored attributes of a school under place 7 do not fit a school: stateFunded: /,
    );
  });
});
