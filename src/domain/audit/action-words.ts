/**
 * What each audit action means, in plain English for the /audit page. The trail keeps the codes (`collaboration.create`);
 * an action not listed here (one added later) is shown as its code.
 */
const words: Readonly<Record<string, string>> = {
  'import.file': 'Imported a file',
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
  'sen.list': 'Viewed the SEN task list',
  'sen.read': 'Viewed an SEN case',
  'sen.read-refused': 'Refused an SEN case outside the reader’s places',
  'sen.create': 'Recorded a request for an EHC needs assessment',
  'sen.record': 'Recorded a step on an SEN case',
  'sen.export': 'Downloaded SEN cases',
  'sen.return-tables': 'Viewed the SEN2 return’s tables',
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
