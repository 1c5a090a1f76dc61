import { isControl } from '../domain/errors.ts';

/** Only a path on this site is a place to go back to after signing in (never `//other.site` or `https://…`). */
export function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])/.test(next) && ![...next].some(isControl) ? next : '/';
}
