import { existsSync, statSync } from 'node:fs';
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
  // The public pages kept rendered in memory, by the data version (issue 20.4): at most this many megabytes; 0 keeps none.
  WAYMARK_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  // Single sign-on with OpenID Connect (ADR 0013): the provider's issuer and this client's id and secret, all three or none.
  WAYMARK_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be the provider's issuer URL, e.g. https://login.microsoftonline.com/TENANT/v2.0" })
    .optional(),
  WAYMARK_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  WAYMARK_OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  // The sign-in button's words after "Sign in with", e.g. "your Kent County Council account".
  WAYMARK_OIDC_NAME: z.string().trim().min(1).max(100).default('your organisation account'),
  // The address people reach Waymark at (the provider sends them back to it); unset = http://HOST:PORT.
  WAYMARK_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the http:// or https:// address people reach Waymark at' }).optional(),
  // The organisation running Waymark, named in every page's header (e.g. Kent County Council), and its logo: a PNG,
  // JPEG or SVG file of at most 200 KB shown beside the name.
  WAYMARK_ORGANISATION: z.string().trim().min(1).max(100).optional(),
  WAYMARK_ORGANISATION_LOGO: z
    .string()
    .regex(/\.(png|jpe?g|svg)$/i, 'must be a .png, .jpg, .jpeg or .svg file')
    .optional(),
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
  /** Megabytes of rendered public pages kept in memory (0: none). */
  pageCacheMb: number;
  /** The address people reach Waymark at, without a trailing slash (the OpenID provider redirects back to it). */
  publicUrl: string;
  /** Single sign-on with an OpenID Connect provider, or null when not configured. */
  oidc: OidcConfig | null;
  /** The organisation named in every page's header, with its logo file, or null (Waymark's name alone). */
  organisation: Organisation | null;
}>;

export type Organisation = Readonly<{ name: string; logo: Readonly<{ path: string; type: string }> | null }>;

const logoTypes: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

function organisationOf(e: z.infer<typeof configSchema>): Organisation | null {
  if (e.WAYMARK_ORGANISATION_LOGO !== undefined && e.WAYMARK_ORGANISATION === undefined)
    throw new ConfigError("Invalid configuration:\n  WAYMARK_ORGANISATION_LOGO: is shown beside the organisation's name; set WAYMARK_ORGANISATION too");
  if (e.WAYMARK_ORGANISATION === undefined) return null;
  if (e.WAYMARK_ORGANISATION_LOGO === undefined) return { name: e.WAYMARK_ORGANISATION, logo: null };
  const file = path.resolve(e.WAYMARK_ORGANISATION_LOGO);
  const size = existsSync(file) ? statSync(file).size : null;
  if (size === null) throw new ConfigError(`Invalid configuration:\n  WAYMARK_ORGANISATION_LOGO: ${file} does not exist`);
  if (size > 200_000) throw new ConfigError(`Invalid configuration:\n  WAYMARK_ORGANISATION_LOGO: ${file} is ${size} bytes; a logo is at most 200 KB`);
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return { name: e.WAYMARK_ORGANISATION, logo: { path: file, type: logoTypes[extension]! } };
}

export type OidcConfig = Readonly<{ issuer: URL; clientId: string; clientSecret: string; name: string }>;

/** Hosts a provider may be reached on over plain http: this machine only (a provider beside Waymark, or a test's). */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function oidcOf(e: z.infer<typeof configSchema>): OidcConfig | null {
  const given = {
    WAYMARK_OIDC_ISSUER: e.WAYMARK_OIDC_ISSUER,
    WAYMARK_OIDC_CLIENT_ID: e.WAYMARK_OIDC_CLIENT_ID,
    WAYMARK_OIDC_CLIENT_SECRET: e.WAYMARK_OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(given)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length === 3) return null;
  if (missing.length > 0)
    throw new ConfigError(
      `Invalid configuration:\n  ${missing.join(', ')}: single sign-on needs WAYMARK_OIDC_ISSUER, WAYMARK_OIDC_CLIENT_ID and WAYMARK_OIDC_CLIENT_SECRET together (set all three, or none for local accounts only)`,
    );
  const issuer = new URL(e.WAYMARK_OIDC_ISSUER!);
  if (issuer.protocol === 'http:' && !loopbackHosts.has(issuer.hostname))
    throw new ConfigError('Invalid configuration:\n  WAYMARK_OIDC_ISSUER: must be an https:// address (plain http only for a provider on this machine)');
  return { issuer, clientId: e.WAYMARK_OIDC_CLIENT_ID!, clientSecret: e.WAYMARK_OIDC_CLIENT_SECRET!, name: e.WAYMARK_OIDC_NAME };
}

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
    pageCacheMb: e.WAYMARK_PAGE_CACHE_MB,
    publicUrl: (e.WAYMARK_PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    oidc: oidcOf(e),
    organisation: organisationOf(e),
  });
}

/** Pupil-level Parquet files live beside the embedded database, one folder per database name. */
export function pupilDirOf(config: Config): string {
  return `${config.dataDir}/pupils/${config.databaseName}`;
}
