/**
 * Coordinated admissions (issue 16; domain.md §13): the records a home LA's coordinated scheme works from, as plain
 * data. One round is one LA's normal point of entry for one year (Reception or Year 7 in September of `entryYear`).
 * Admission authorities (the LA for its community and voluntary-controlled schools; the governing body or academy
 * trust otherwise) publish their arrangements; the LA collects one application per child with up to its number of
 * preferences and offers each child the highest preference at which they rank within the school's places (equal
 * preference: School Admissions Code 2014 para 1.9 and 2.9-2.11; the 2007 Code banned "first preference first").
 */

export type AdmissionPhase = 'primary' | 'secondary';

/** A point on the Ordnance Survey National Grid, in metres (Code-Point Open's Eastings and Northings). */
export type GridPoint = Readonly<{ easting: number; northing: number }>;

/**
 * One oversubscription criterion, in the order the arrangements publish them. A child's criterion at a school is the
 * first listed criterion they meet; `other` (all other children) is met by everyone. Children with an EHC plan naming
 * the school are admitted before any criterion is applied (Code 1.6) and are not a criterion here.
 */
export type Criterion =
  /** Looked-after and previously looked-after children (Code 1.7: must be first). */
  | Readonly<{ kind: 'looked-after' }>
  /** Exceptional medical or social need, accepted by the admission authority for this school. */
  | Readonly<{ kind: 'medical-social' }>
  /** A brother or sister on the school's roll at the time of entry. */
  | Readonly<{ kind: 'sibling' }>
  /** Home address in the school's catchment, given as postcode sectors ('CT1 2') or full postcodes. */
  | Readonly<{ kind: 'catchment'; postcodes: readonly string[] }>
  /** Attending one of the named feeder schools (URNs) at the time of application. */
  | Readonly<{ kind: 'feeder'; schools: readonly string[] }>
  /** Meeting the school's faith criterion, as its supplementary form establishes. */
  | Readonly<{ kind: 'faith' }>
  /** A child of a member of the school's staff (Code 1.39). */
  | Readonly<{ kind: 'staff' }>
  /** All other children. */
  | Readonly<{ kind: 'other' }>;

export type CriterionKind = Criterion['kind'];

/**
 * How children within one criterion are put in order: by straight-line distance from home to school, nearest first
 * (equal distances by random allocation under `seed`), or by random allocation under `seed` alone. The seed is recorded
 * so the allocation can be re-run and checked (Code 1.35: random allocation supervised by someone independent).
 */
export type TieBreak = Readonly<{ kind: 'distance'; seed: number }> | Readonly<{ kind: 'random'; seed: number }>;

export type AdmissionAuthority = 'la' | 'governing-body' | 'academy-trust';

/** One school's admission arrangements for one year of entry, as its admission authority determined them. */
export type Arrangement = Readonly<{
  urn: string;
  schoolName: string;
  /** The LA code the school is in (a child may name a school in another LA). */
  laCode: string;
  phase: AdmissionPhase;
  /** September of this calendar year. */
  entryYear: number;
  /** Published admission number: the places offered at the point of entry. */
  admissionNumber: number;
  admissionAuthority: AdmissionAuthority;
  /** Grammar school: only children assessed suitable for grammar education (the Kent Test) may be offered a place. */
  selective: boolean;
  criteria: readonly Criterion[];
  tieBreak: TieBreak;
  /** How distance is measured: straight line between the home and school points, as most arrangements define it. */
  distanceMethod: 'straight-line';
  /** The school's point for distances (Code-Point Open of its postcode, or as the arrangements say). */
  location: GridPoint | null;
}>;

export type LookedAfter = 'looked-after' | 'previously-looked-after';

/** One preference on a child's application, with the facts the school's criteria need for this school. */
export type Preference = Readonly<{
  /** 1 = first preference. */
  rank: number;
  urn: string;
  sibling: boolean;
  medicalSocial: boolean;
  faith: boolean;
  staff: boolean;
}>;

/** One child's application to their home LA. */
export type Application = Readonly<{
  /** The LA's application reference. */
  id: string;
  /** The LA the child lives in (the home LA), which coordinates the application. */
  homeLaCode: string;
  /** The ONS code of the home district, for statistics by district. */
  homeDistrictCode: string | null;
  homePostcode: string | null;
  home: GridPoint | null;
  online: boolean;
  /** Received after the closing date: ranked after every on-time application at every school (the scheme's rule). */
  late: boolean;
  lookedAfter: LookedAfter | null;
  /** URN of the school an EHC plan names for the child, admitted before criteria. */
  ehcPlanSchool: string | null;
  /** Kent Test (or the area's selection test): true = assessed suitable, false = not, null = did not sit. */
  assessedSuitable: boolean | null;
  /** The school the child attends when applying, for feeder criteria. */
  currentSchool: string | null;
  preferences: readonly Preference[];
}>;

/** A round to allocate: the arrangements of every school named, the applications, and the LA's number of preferences. */
export type RoundInput = Readonly<{
  phase: AdmissionPhase;
  entryYear: number;
  laCode: string;
  preferencesAllowed: number;
  arrangements: readonly Arrangement[];
  applications: readonly Application[];
}>;

/** What a child is offered on offer day. */
export type OfferKind =
  /** One of their preferences. */
  | 'preference'
  /** The school their EHC plan names. */
  | 'ehc-plan'
  /** None of their preferences could be offered: the LA allocated the nearest school with a place. */
  | 'allocated'
  /** No school had a place for them. */
  | 'none';

export type Offer = Readonly<{
  applicationId: string;
  kind: OfferKind;
  urn: string | null;
  /** The preference offered (1 = first), else null. */
  preferenceRank: number | null;
  /** For an allocated offer: the straight-line distance to it in metres, where known. */
  distanceMetres: number | null;
}>;

/** Why one preference was or was not offered, in facts an appeal panel can check. */
export type PreferenceOutcome = Readonly<{
  rank: number;
  urn: string;
  outcome:
    | 'offered'
    /** A higher preference was offered, so this one was not needed (the child keeps a place on its waiting list where they ranked within it). */
    | 'higher-preference-offered'
    /** Ranked below the last child offered a place. */
    | 'oversubscribed'
    /** A grammar school and the child was not assessed suitable. */
    | 'not-eligible'
    /** No arrangements held for the school in this round. */
    | 'no-arrangements';
  /** The criterion the child met at this school, null where not ranked. */
  criterion: CriterionKind | 'ehc-plan' | null;
  /** The child's position in the school's order of all ranked applicants (1 = first), null where not ranked. */
  position: number | null;
  distanceMetres: number | null;
  /** The school's last place offered: its position, criterion and distance, null if no place was offered. */
  lastOffered: Readonly<{ position: number; criterion: CriterionKind | 'ehc-plan'; distanceMetres: number | null }> | null;
  /** The sentence the explanation page shows, e.g. 'Ranked 312th (all other children, 2.41 km); the last place went to the 298th (2.17 km).' */
  text: string;
}>;

/** A school's allocation profile: places, applicants, and offers by criterion with the furthest distance offered. */
export type AllocationProfile = Readonly<{
  urn: string;
  admissionNumber: number;
  /** Children whose EHC plan named the school (admitted first). */
  ehcPlanAdmissions: number;
  /** Applicants who named the school at any preference, and at first preference. */
  applicants: number;
  firstPreferenceApplicants: number;
  offered: number;
  byCriterion: readonly Readonly<{ criterion: CriterionKind | 'ehc-plan'; offered: number; furthestMetres: number | null }>[];
  /** The last child offered: criterion and distance. */
  lastOffered: Readonly<{ criterion: CriterionKind | 'ehc-plan'; distanceMetres: number | null }> | null;
  /** Places left after offers (admission number minus offers, not below zero). */
  vacancies: number;
  /** Children ranked by the school who were offered a lower preference or another school (its waiting list after offer day), in order. */
  waitingList: readonly string[];
}>;

export type RoundResult = Readonly<{
  offers: readonly Offer[];
  /** Per application id, one outcome per preference in preference order. */
  explanations: ReadonlyMap<string, readonly PreferenceOutcome[]>;
  profiles: readonly AllocationProfile[];
}>;

/** The child an application is for, as the form names them: personal data, kept apart from what allocation reads. */
export type ApplicantIdentity = Readonly<{
  givenName: string;
  familyName: string;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  upn: string | null;
}>;

/** An application as the LA holds it: what allocation reads, who the child is, and when and how it arrived. */
export type ApplicationRecord = Application &
  Readonly<{
    child: ApplicantIdentity;
    /** 'YYYY-MM-DD' */
    receivedOn: string;
  }>;

/**
 * A round's offers counted by the DfE's definitions (*Secondary and primary school applications and offers*
 * methodology; domain.md §13): one application per child resident in the home LA, as at offer day, before acceptance.
 * Rates are these counts over `applications`, made once at display.
 */
export type OfferCounts = Readonly<{
  applications: number;
  online: number;
  /** Offers at the first, second and third preference. */
  firstPreference: number;
  secondPreference: number;
  thirdPreference: number;
  /** Offered any of their preferences (the DfE's preferred_school_offer). */
  preferred: number;
  /** Offered a school they did not name (the LA's allocation). */
  nonPreferred: number;
  noOffer: number;
  /** Offers at schools in the home LA, and in another LA. */
  inHomeLa: number;
  inAnotherLa: number;
}>;
