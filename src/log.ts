import { pino, type Logger } from 'pino';

export type Log = Logger;

/**
 * Structured logs. Ids, never personal data: any field that could carry a pupil's
 * name, date of birth, UPN or address is redacted wherever it appears.
 */
export const redactedPaths = ['*.upn', '*.name', '*.firstName', '*.lastName', '*.dateOfBirth', '*.address', 'req.headers.cookie', 'req.headers.authorization'];

/**
 * A request's address as logged: the path, and the query's parameter names with their values left out. A query can
 * name a person (`/audit?actor=jane.smith`, a `next` address carrying one), and the request id already ties the line
 * to the audit trail, which keeps what was asked for by id.
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]!.slice(0, 40)}=…`);
  return names.length === 0 ? url.slice(0, at) : `${url.slice(0, at)}?${names.join('&')}`;
}

type LoggedRequest = Readonly<{ method?: string; url?: string; ip?: string; host?: string; socket?: { remotePort?: number } }>;

/** Fields of a PostgreSQL error that quote the row or values refused ("Failing row contains (17, jane, Jane Smith, …)"). */
const valueFields = new Set(['detail', 'where', 'internalQuery', 'parameters', 'query']);

export const logSerializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: loggedUrl(req.url ?? ''),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
  err: (error: Error) => {
    const serialized = pino.stdSerializers.err(error) as Record<string, unknown>;
    for (const field of valueFields) delete serialized[field];
    return serialized;
  },
};

export function createLog(level: string, destination?: NodeJS.WritableStream): Log {
  return pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: undefined, serializers: logSerializers },
    destination as pino.DestinationStream | undefined,
  );
}
