import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKeychainLockDirectory, withIndexLock } from './index-lock.js';

describe('keychain index lock', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rrr-keychain-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds a per-service lock file while the update runs and removes it afterwards', async () => {
    const lockDir = join(dir, 'locks');
    const during = await withIndexLock(lockDir, 'svc', {}, () => readdirSync(lockDir));
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^keychain-[0-9a-f]{16}\.lock$/);
    expect(await readdir(lockDir)).toEqual([]);
    const other = await withIndexLock(lockDir, 'other-svc', {}, () => readdirSync(lockDir));
    expect(other[0]).not.toBe(during[0]);
  });

  it('waits for a lock held by a live process and fails with KeychainLockError after the timeout', async () => {
    const [lockName] = await withIndexLock(dir, 'svc', {}, () => readdirSync(dir));
    const lockPath = join(dir, lockName ?? '');
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), token: 'held' }));
    let ran = false;
    await expect(
      withIndexLock(dir, 'svc', { timeoutMs: 150 }, () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'keychain_lock_timeout' });
    expect(ran, 'the update must not run without the lock').toBe(false);
  });

  it('breaks a lock left by a dead process', async () => {
    const [lockName] = await withIndexLock(dir, 'svc', {}, () => readdirSync(dir));
    await writeFile(
      join(dir, lockName ?? ''),
      JSON.stringify({ pid: 2 ** 22 + 12_345, host: hostname(), token: 'dead' }),
    );
    expect(await withIndexLock(dir, 'svc', { timeoutMs: 2_000 }, () => 'ran')).toBe('ran');
  });

  it('refuses a lock directory path that is not a directory', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    await expect(withIndexLock(file, 'svc', {}, () => 1)).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
  });

  it('defaults to a per-user directory under the OS temp directory', () => {
    expect(defaultKeychainLockDirectory().startsWith(tmpdir())).toBe(true);
    expect(defaultKeychainLockDirectory()).toMatch(/rrr-secrets(-\d+)?$/);
  });
});
