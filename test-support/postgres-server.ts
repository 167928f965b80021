/**
 * Test helper: starts a throwaway PostgreSQL cluster (initdb + pg_ctl) in a temporary directory on a free
 * port and returns its connection string and a `stop()` that removes everything. Reusable by any package's
 * tests: `import { findPostgresBinaries, startPostgresServer } from '../../../test-support/postgres-server.js'`.
 *
 * Binaries are looked up on PATH, then in `/usr/lib/postgresql/<version>/bin` (Debian/Ubuntu `postgresql`
 * package). initdb refuses to run as root, so as root the cluster runs as the `postgres` user (or `nobody`)
 * through `runuser`, with the temporary directory handed to that user.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Paths of the PostgreSQL server programs the helper needs. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
}

/** A running throwaway server. */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (trust authentication, superuser `postgres`). */
  readonly connectionString: string;
  /** The TCP port the server listens on. */
  readonly port: number;
  /** Connection string for another database or user on the same server. */
  url(database: string, user?: string): string;
  /** Stops the server immediately and deletes its directory. */
  stop(): Promise<void>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds initdb and pg_ctl on PATH or under /usr/lib/postgresql/*\/bin; null when PostgreSQL is not installed. */
export function findPostgresBinaries(): PostgresBinaries | null {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d.length > 0);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) dirs.push(join(root, version, 'bin'));
  }
  for (const dir of dirs) {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    if (executable(initdb) && executable(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

/** Why PostgreSQL tests are skipped on this machine, or null when they can run. */
export function postgresSkipReason(): string | null {
  return findPostgresBinaries() === null
    ? 'PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin; install the "postgresql" package'
    : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function unprivilegedUser(): Promise<{ name: string; uid: number; gid: number }> {
  for (const name of ['postgres', 'nobody']) {
    try {
      const { stdout: uid } = await run('id', ['-u', name]);
      const { stdout: gid } = await run('id', ['-g', name]);
      return { name, uid: Number(uid.trim()), gid: Number(gid.trim()) };
    } catch {
      // try the next candidate
    }
  }
  throw new Error('running as root but neither a "postgres" nor a "nobody" user exists to run PostgreSQL');
}

/**
 * Starts a fresh PostgreSQL cluster. Throws when the binaries are missing (check
 * {@link findPostgresBinaries} or {@link postgresSkipReason} first to skip instead).
 *
 * @param options - `fsync: false` trades crash safety of the throwaway server for speed (default true)
 * @returns the running server
 */
export async function startPostgresServer(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const binaries = findPostgresBinaries();
  if (binaries === null) throw new Error(postgresSkipReason() ?? 'PostgreSQL not found');
  const dir = await mkdtemp(join(tmpdir(), 'rrr-pg-'));
  const data = join(dir, 'data');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const user = asRoot ? await unprivilegedUser() : { name: userInfo().username };
  if (asRoot && 'uid' in user) await chown(dir, user.uid, user.gid);
  const exec = (file: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', user.name, '--', file, ...args]) : run(file, args);
  const port = await freePort();
  try {
    await exec(binaries.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    const serverOptions = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'"];
    if (options.fsync === false) serverOptions.push('-c fsync=off');
    await exec(binaries.pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      serverOptions.join(' '),
      '-w',
      'start',
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (database: string, name = 'postgres') => `postgresql://${name}@127.0.0.1:${port}/${database}`;
  return {
    connectionString: url('postgres'),
    port,
    url,
    stop: async () => {
      try {
        await exec(binaries.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
