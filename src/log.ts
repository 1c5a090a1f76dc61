import { pino, type Logger } from 'pino';

export type Log = Logger;

/**
 * Structured logs. Ids, never personal data: any field that could carry a pupil's
 * name, date of birth, UPN or address is redacted wherever it appears.
 */
export const redactedPaths = ['*.upn', '*.name', '*.firstName', '*.lastName', '*.dateOfBirth', '*.address', 'req.headers.cookie', 'req.headers.authorization'];

export function createLog(level: string, destination?: NodeJS.WritableStream): Log {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: undefined }, destination as pino.DestinationStream | undefined);
}
