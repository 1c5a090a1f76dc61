/**
 * What each audit action means, in plain English for the /audit page. The trail keeps the codes (`collaboration.create`);
 * an action not listed here (one added later) is shown as its code.
 */
const words: Readonly<Record<string, string>> = {
  'import.file': 'Imported a file',
  'import.unchanged': 'Imported a file the store already held, unchanged (not read again)',
  'roll-up.recompute': 'Remade the roll-ups of school figures',
  'school-outcomes.recompute': 'Remade the Ofsted and floor-standard figures of places',
  'pupils.import': 'Imported a pupil file',
  'pupils.compute': 'Computed figures from pupil records',
  'demo.county': 'Wrote the demo county',
  'demo.build': 'Finished building the demo county',
  'demo.casework': 'Wrote the demo county’s casework',
  'collaboration.create': 'Created a collaboration',
  'collaboration.change': 'Changed a collaboration',
  'collaboration.end': 'Ended a collaboration',
  'collaboration.save': 'Saved a collaboration',
  'session.sign-in': 'Signed in',
  'session.start': 'Started a session',
  'session.end': 'Signed out',
  'user.add': 'Added a user',
  'user.grant': 'Granted a role',
  'user.disable': 'Disabled a user',
  'user.reset-password': 'Reset a password',
  'user.enrol-totp': 'Enrolled an authenticator app',
  'audit.export': 'Downloaded the audit trail',
  'cme.list': 'Viewed the children missing education task list',
  'cme.read': 'Viewed a children missing education case',
  'cme.read-refused': 'Refused a children missing education case outside the reader’s scope',
  'cme.create': 'Opened a children missing education case',
  'cme.enquiry': 'Recorded an enquiry on a children missing education case',
  'cme.outcome': 'Recorded the outcome of a children missing education case',
  'cme.reopen': 'Reopened a children missing education case',
  'cme.import': 'Imported a children missing education case list',
  'cme.export': 'Downloaded the children missing education cases',
  'retention.run': 'Applied the casework retention rules',
  'subject-access.export': 'Answered a subject access request',
  'sen.list': 'Viewed the SEN task list',
  'sen.read': 'Viewed an SEN case',
  'sen.read-refused': 'Refused an SEN case outside the reader’s places',
  'sen.create': 'Recorded a request for an EHC needs assessment',
  'sen.record': 'Recorded a step on an SEN case',
  'sen.export': 'Downloaded SEN cases',
  'sen.import': 'Imported an SEN case from a case list',
  'sen.import-file': 'Loaded an SEN case list',
  'sen.return-tables': 'Viewed the SEN2 return’s tables',
  'participation.read-position': 'Read the monthly participation position',
  'participation.read-not-known': 'Read a not-known chasing list',
  'participation.read': 'Read a young person’s tracking record',
  'participation.read-refused': 'Refused a young person’s tracking record outside scope',
  'participation.record-activity': 'Recorded a young person’s activity',
  'participation.read-guarantee': 'Read the September Guarantee list',
  'participation.import': 'Loaded an NCCIS extract',
  'participation.export': 'Downloaded an NCCIS extract',
  'inclusion.list-exclusions': 'Listed exclusions',
  'inclusion.export-exclusions': 'Downloaded exclusions',
  'inclusion.read': 'Read an exclusion or child in care record',
  'inclusion.read-refused': 'Was refused an inclusion record outside their scope',
  'inclusion.record-exclusion': 'Recorded an exclusion',
  'inclusion.review': 'Recorded an exclusion’s review outcome',
  'inclusion.import': 'Imported an exclusions list',
  'inclusion.import-903': 'Imported SSDA903 children in care',
  'inclusion.list-children-in-care': 'Listed children in care',
  'inclusion.list-placements': 'Listed alternative provision placements',
  'inclusion.placement-outcome': 'Recorded an alternative provision outcome',
  'admissions.round-add': 'Added an admissions round',
  'admissions.arrangements': 'Loaded admission arrangements',
  'admissions.import': 'Loaded a common application file',
  'admissions.allocate': 'Allocated an admissions round',
  'admissions.list': 'Listed admission applications',
  'admissions.read': 'Viewed an admission application',
  'admissions.read-refused': 'Refused an admission application or school list outside the reader’s places',
  'admissions.school-list': 'Viewed a school’s admission applicants',
  'admissions.response': 'Recorded a family’s response to an offer',
  'admissions.change': 'Changed an admission application',
  'admissions.export': 'Downloaded a round’s offers',
};

/** A sign-in's outcome changes what it was: the trail records refusals under the same action. */
function signInWords(detail: unknown): string {
  const { outcome, step } = (detail ?? {}) as { outcome?: unknown; step?: unknown };
  if (outcome === 'locked') return 'Sign-in refused: the account is locked';
  if (outcome === 'refused') return step === 'totp' ? 'Sign-in refused: wrong code' : 'Sign-in refused: wrong username or password';
  return step === 'totp' ? 'Signed in with a code' : 'Signed in';
}

/** An action code in words, e.g. `collaboration.create` → "Created a collaboration"; unknown codes as they are. */
export function actionWords(action: string, detail?: unknown): string {
  if (action === 'session.sign-in') return signInWords(detail);
  return Object.hasOwn(words, action) ? words[action]! : action;
}
