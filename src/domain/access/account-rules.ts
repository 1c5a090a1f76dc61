/**
 * What an account's name and password must be. Passwords: at least 12 characters, as the NCSC's password guidance
 * for services without other controls advises long passwords over composition rules, and at most 1024 (argon2 hashes
 * any length; the cap only stops a request from making the hash do unbounded work). Usernames: lower-case letters,
 * digits, dots, dashes and underscores, as the audit trail's actor filter reads them.
 */

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 1024;

const usernamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Whether text is a username as accounts are named (1 to 64 characters, starting with a letter or digit). */
export function isUsername(text: string): boolean {
  return usernamePattern.test(text);
}

/** What is wrong with a password, in words, or null if it will do. */
export function passwordProblem(password: string): string | null {
  if (password.length < minimumPasswordLength) return `a password needs at least ${minimumPasswordLength} characters`;
  if (password.length > maximumPasswordLength) return `a password has at most ${maximumPasswordLength} characters`;
  return null;
}
