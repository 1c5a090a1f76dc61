import type { SchoolAttributes } from './place-attributes.ts';

/**
 * A school a results file names by URN that the register does not hold (most often one that closed before the
 * register's date: the 2017/18 spine does not list schools closed in 2014). Its results are kept, under a school place
 * that says it is known only from that file, with the LA and establishment number the file gives where it gives them.
 * It belongs to no LA, district or grouping until a register places it, and it is in no state-funded population (its
 * type is unknown), so roll-ups leave it out and the import counts what they leave out.
 */
export function unregisteredSchool(
  urn: string,
  known: Readonly<{ laCode: string | null; establishmentNumber: string | null; fileName: string }>,
): SchoolAttributes {
  return {
    urn,
    laCode: known.laCode ?? '',
    establishmentNumber: known.establishmentNumber,
    laestab: known.laCode !== null && known.establishmentNumber !== null ? `${known.laCode}${known.establishmentNumber}` : null,
    typeName: 'not in the register',
    typeGroup: 'not in the register',
    governance: 'other',
    sector: 'other',
    stateFunded: false,
    phaseFlags: { primary: false, secondary: false, post16: false },
    ageLow: null,
    ageHigh: null,
    gender: null,
    religiousCharacter: null,
    admissionsPolicy: null,
    selective: false,
    address: { street: null, locality: null, address3: null, town: null, postcode: null },
    linkedUrn: null,
    pupilsOnRoll: null,
    register: `${unregisteredPrefix} ${known.fileName}`,
  };
}

export const unregisteredPrefix = 'not in the register: known only from';

export function isUnregistered(attributes: Pick<SchoolAttributes, 'register'>): boolean {
  return attributes.register.startsWith(unregisteredPrefix);
}
