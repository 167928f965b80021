import { createHash } from 'node:crypto';
import { lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeychainLockError, KeychainUnavailableError } from '../errors.js';
import { acquireLock, type LockOptions } from '../util/lock-file.js';

const uid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * Default directory of the keychain index lock files: `<os.tmpdir()>/rrr-secrets-<uid>` (mode 0700).
 *
 * @internal
 */
export function defaultKeychainLockDirectory(): string {
  const id = uid();
  return join(tmpdir(), id === undefined ? 'rrr-secrets' : `rrr-secrets-${id}`);
}

/** Creates the lock directory (0700) and refuses one that is not a real directory owned by this user. */
async function ensurePrivateDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const info = await lstat(directory);
  const id = uid();
  if (!info.isDirectory() || (id !== undefined && info.uid !== id)) {
    throw new KeychainUnavailableError(
      `lock directory "${directory}" is not a directory owned by this user (set lockDirectory)`,
    );
  }
}

/**
 * Runs `update` while holding the cross-process lock of one keychain service's name index, so that concurrent
 * read-modify-write cycles of the index (from any process of this user on this machine) never lose a name.
 *
 * @internal
 */
export async function withIndexLock<T>(
  directory: string,
  service: string,
  options: LockOptions,
  update: () => T,
): Promise<T> {
  await ensurePrivateDirectory(directory);
  const digest = createHash('sha256').update(service).digest('hex').slice(0, 16);
  const release = await acquireLock(
    join(directory, `keychain-${digest}.lock`),
    options,
    (path, ms) => new KeychainLockError(path, ms),
  );
  try {
    return update();
  } finally {
    await release();
  }
}
