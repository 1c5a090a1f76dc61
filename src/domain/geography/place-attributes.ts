import { z } from 'zod';
import { governanceOrder, sectorOrder, type PlaceKind } from './place.ts';

/**
 * What each kind of place carries in its attributes (the `place.attributes` jsonb column), as the importers and the
 * demo write it. The store parses a row's attributes against its kind's schema once, where it reads them, so services
 * and pages use typed fields and never cast; a row that does not fit is an error naming the place and the field.
 */

const text = z.string();
const optionalText = z.string().nullable();

const schoolAttributes = z.object({
  urn: text,
  /** Empty for a school known only from a results file that gives no LA (unregistered-school.ts). */
  laCode: text,
  establishmentNumber: optionalText,
  laestab: optionalText,
  typeName: text,
  /** The register's broad group as published (spine MINORGROUP, GIAS EstablishmentTypeGroup). */
  typeGroup: text,
  governance: z.enum(governanceOrder),
  sector: z.enum(sectorOrder),
  /** State-funded as DfE counts it: LA maintained, academies and free schools, special schools other than non-maintained. */
  stateFunded: z.boolean(),
  phaseFlags: z.object({ primary: z.boolean(), secondary: z.boolean(), post16: z.boolean() }),
  ageLow: z.number().int().nullable(),
  ageHigh: z.number().int().nullable(),
  gender: optionalText,
  religiousCharacter: optionalText,
  admissionsPolicy: optionalText,
  selective: z.boolean(),
  address: z.object({ street: optionalText, locality: optionalText, address3: optionalText, town: optionalText, postcode: optionalText }),
  linkedUrn: optionalText,
  /** Demo and GIAS registers carry a roll; the performance-tables spine does not. */
  pupilsOnRoll: z.number().int().nullable(),
  /** Which register last described the school (e.g. 'DfE performance tables spine 2017/18'). */
  register: text,
  /** Set on the demo county's synthetic schools. */
  demo: z.literal(true).optional(),
});

/** The LA code list gives the LA's type; LAs added from GIAS, LAIT or a published file carry no attributes at all. */
const laAttributes = z.object({ onsCode: optionalText.optional(), laType: optionalText.optional() });

/** A district from the Code-Point names keeps the name as the code list spells it; GIAS and postcode districts have none. */
const districtAttributes = z.object({ codeListName: text.optional() });

/**
 * An LA-defined grouping: the file (or 'demo county') that defines it, and what kind of group. A planning area (kind
 * 'planning-area', issue 17) also carries its phase, LA, district and the secondary area it feeds.
 */
const groupingAttributes = z.object({
  definedBy: text,
  kind: text.optional(),
  phase: z.enum(['primary', 'secondary']).optional(),
  laCode: text.optional(),
  districtCode: optionalText.optional(),
  feedsArea: optionalText.optional(),
});

/** What a planning area's grouping attributes say it is (issue 17): kept apart from collaborations and hubs. */
export const planningAreaKind = 'planning-area';

/** A grouping that is a planning area: recorded and changed by place planning, never by the collaborations form or a grouping file. */
export function isPlanningArea(attributes: Readonly<{ kind?: string | undefined }>): boolean {
  return attributes.kind === planningAreaKind;
}

/** A trust, federation or sponsor from GIAS group links. */
const groupAttributes = z.object({ groupType: text, companiesHouseNumber: optionalText });

/** One LA's statistical neighbours in one published list. */
const neighbourGroupAttributes = z.object({ of: text, version: text, source: text });

/** England and its regions are reference places with no attributes. */
const noAttributes = z.object({});

const schemas = {
  country: noAttributes,
  region: noAttributes,
  la: laAttributes,
  district: districtAttributes,
  grouping: groupingAttributes,
  trust: groupAttributes,
  federation: groupAttributes,
  sponsor: groupAttributes,
  neighbour_group: neighbourGroupAttributes,
  school: schoolAttributes,
} as const satisfies Record<PlaceKind, z.ZodType>;

export type SchoolAttributes = z.infer<typeof schoolAttributes>;
export type NeighbourGroupAttributes = z.infer<typeof neighbourGroupAttributes>;
export type AttributesOf<K extends PlaceKind> = z.infer<(typeof schemas)[K]>;

/** A place whose stored attributes do not fit its kind: the data, not the request, is wrong. */
class PlaceAttributesError extends Error {
  override name = 'PlaceAttributesError';
}

/** A place's attributes, checked against its kind; an error names the place and the first fields that do not fit. */
export function placeAttributesOf<K extends PlaceKind>(kind: K, code: string, attributes: unknown): AttributesOf<K> {
  return fitted(schemas[kind], `${kind} ${code}`, kind, attributes) as AttributesOf<K>;
}

const population = schoolAttributes.pick({ sector: true, governance: true, stateFunded: true });

/**
 * The fields that put a school in a population (sector, governance, state funding), where SQL reads them straight from
 * the column to count or place schools in bulk: checked as the full read checks them. `which` names the school or group.
 */
export function schoolPopulationOf(which: string, values: unknown): z.infer<typeof population> {
  return fitted(population, which, 'school', values);
}

function fitted<S extends z.ZodType>(schema: S, which: string, kind: PlaceKind, attributes: unknown): z.infer<S> {
  const result = schema.safeParse(attributes ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => `${issue.path.length === 0 ? '(attributes)' : issue.path.join('.')}: ${issue.message}`);
  const more = result.error.issues.length > 3 ? ` and ${result.error.issues.length - 3} more` : '';
  throw new PlaceAttributesError(`The stored attributes of ${which} do not fit a ${kind}: ${problems.join('; ')}${more}`);
}
