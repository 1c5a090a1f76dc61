import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../../domain/errors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What is wrong with a web address's text, or null: a NUL character (PostgreSQL refuses it in text) or escapes that
 * are not UTF-8. A stray `%` is left for the router to refuse (path) or read as itself (query).
 */
export function unreadableUrl(url: string): string | null {
  if (!url.includes('%') && !url.includes('\0') && !/[^\x20-\x7E]/.test(url)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < url.length; i += 1) {
    const escaped = url[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(url.slice(i + 1, i + 3));
    if (escaped) {
      bytes.push(parseInt(url.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(url[i]!, 'utf8'));
  }
  if (bytes.includes(0)) return 'The web address contains a NUL character, which no page or parameter accepts.';
  try {
    strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return 'The web address contains characters that are not valid UTF-8 text.';
  }
  return null;
}

/** NUL, a lone UTF-16 surrogate, or U+FFFD (what invalid UTF-8 in a body decodes to). */
function unreadableText(text: string): boolean {
  return text.includes('\0') || /\uFFFD|\p{Cs}/u.test(text);
}

function unreadableValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unreadableText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => unreadableText(key) || unreadableValue(v, depth + 1));
}

/**
 * One place refuses unreadable input before any route reads it: the address (path and query) as it arrived, and the
 * parsed form or JSON body. Each answers 400 through the error handler, never reaching a service or the database.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const problem = unreadableUrl(request.raw.url ?? '/');
    done(problem === null ? undefined : new BadRequestError(problem));
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const unreadable = unreadableValue(request.body);
    done(unreadable ? new BadRequestError('What was sent contains a NUL character or text that is not valid UTF-8.') : undefined);
  });
}
