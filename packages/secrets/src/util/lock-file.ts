import { randomBytes } from 'node:crypto';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of a lock file (how long to wait for it, when a held lock counts as stale). */
export interface LockOptions {
  /** Give up after this long (ms). Default 10 000. */
  readonly timeoutMs?: number;
  /** A lock older than this (ms) is considered abandoned. Default 30 000. */
  readonly staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const parse = (text: string): LockInfo | undefined => {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string') {
      return { pid: v.pid, host: v.host, token: v.token };
    }
  } catch {
    // unreadable lock content: judged by age only
  }
  return undefined;
};

/**
 * Takes an exclusive lock by creating `lockPath` with O_EXCL. A lock whose owner process is dead (same host) or
 * that is older than `staleMs` is broken safely: it is renamed aside, and put back if it turns out another
 * process had already replaced it. Returns the release function; after `timeoutMs` it throws the error that
 * `onTimeout` builds.
 *
 * @internal
 */
export async function acquireLock(
  lockPath: string,
  options: LockOptions,
  onTimeout: (lockPath: string, timeoutMs: number) => Error,
): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const info: LockInfo = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex') };
  const started = Date.now();
  let delay = 2;
  for (;;) {
    try {
      await writeFile(lockPath, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      return () => release(lockPath, info.token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await breakIfStale(lockPath, staleMs);
    if (Date.now() - started > timeoutMs) throw onTimeout(lockPath, timeoutMs);
    await sleep(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}

async function breakIfStale(lockPath: string, staleMs: number): Promise<void> {
  let text: string;
  let mtime: number;
  try {
    [text, mtime] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath).then((s) => s.mtimeMs)]);
  } catch {
    return; // released meanwhile
  }
  const owner = parse(text);
  const deadOwner = owner !== undefined && owner.host === hostname() && !isAlive(owner.pid);
  const tooOld = Date.now() - mtime > staleMs;
  if (!deadOwner && !tooOld) return;
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else broke or released it
  }
  const moved = parse(await readFile(aside, 'utf8').catch(() => ''));
  if (moved?.token !== owner?.token) {
    // We moved a fresh lock taken after our check: put it back unless yet another one exists.
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, token: string): Promise<void> {
  const current = parse(await readFile(lockPath, 'utf8').catch(() => ''));
  if (current?.token === token) await unlink(lockPath).catch(() => undefined);
}
