import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Waymark's own folder: the default data directory lives there, so `waymark` run from any folder uses the store `npm start` serves. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The only reader of process.env: validated once, frozen. Local defaults make `npm start` work with no .env. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // The application's own role on the DATABASE_URL server (ADR 0011): DATABASE_URL's role migrates, this one runs Waymark.
  WAYMARK_APP_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  WAYMARK_DATA_DIR: z.string().min(1).optional(),
  // A PostgreSQL database name (quoted, so hyphens are fine: ux-kent) that is also a safe folder name for its pupil files.
  WAYMARK_DATABASE: z
    .string()
    .regex(
      /^[a-z0-9_][a-z0-9_-]{0,62}$/,
      'must be 1 to 63 lower-case letters, digits, underscores or hyphens, not starting with a hyphen (e.g. kent or ux-kent)',
    )
    .default('waymark'),
  WAYMARK_DEMO: z.enum(['auto', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Production unless asked otherwise: only development shows internal error messages and re-reads templates.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // The Chromium that prints PDF reports; unset = Debian's /usr/bin/chromium, else the one @sparticuz/chromium ships.
  CHROMIUM_PATH: z.string().min(1).optional(),
  // Session and CSRF cookies: `auto` marks them Secure when the request came over TLS (or X-Forwarded-Proto: https
  // says a proxy in front did); `always` marks them Secure whatever the request (behind a proxy that does not say so).
  WAYMARK_SECURE_COOKIES: z.enum(['auto', 'always']).default('auto'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The application's role on the DATABASE_URL server; unset = DATABASE_URL's own role (embedded: always its own role). */
  appDatabaseUrl: string | undefined;
  dataDir: string;
  databaseName: string;
  demo: 'auto' | 'off';
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  /** The CLI's log level: LOG_LEVEL where given, else warn (a command prints its own summary). */
  cliLogLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  production: boolean;
  chromiumPath: string | null;
  secureCookies: 'auto' | 'always';
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.WAYMARK_APP_DATABASE_URL !== undefined && e.DATABASE_URL === undefined)
    throw new ConfigError(
      "Invalid configuration:\n  WAYMARK_APP_DATABASE_URL: names the application's role on the DATABASE_URL server; set DATABASE_URL too (the embedded PostgreSQL makes its own)",
    );
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.WAYMARK_APP_DATABASE_URL,
    // A folder given is read from the caller's working folder, as every path on the command line is.
    dataDir: e.WAYMARK_DATA_DIR === undefined ? path.join(packageRoot, '.waymark') : path.resolve(e.WAYMARK_DATA_DIR),
    databaseName: e.WAYMARK_DATABASE,
    demo: e.WAYMARK_DEMO,
    logLevel: e.LOG_LEVEL,
    cliLogLevel: env.LOG_LEVEL === undefined ? 'warn' : e.LOG_LEVEL,
    production: e.NODE_ENV !== 'development',
    chromiumPath: e.CHROMIUM_PATH ?? null,
    secureCookies: e.WAYMARK_SECURE_COOKIES,
  });
}

/** Pupil-level Parquet files live beside the embedded database, one folder per database name. */
export function pupilDirOf(config: Config): string {
  return `${config.dataDir}/pupils/${config.databaseName}`;
}
