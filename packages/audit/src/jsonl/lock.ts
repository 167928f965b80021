import { open, readFile, rm } from 'node:fs/promises';
import { AuditSinkError } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @internal Takes an exclusive lock file holding this process id; a lock left by a dead process is taken over.
 * @returns a function that releases the lock
 */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AuditSinkError(`cannot create lock file "${path}": ${(error as Error).message}`, {
          cause: error,
        });
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new AuditSinkError(
          `audit directory is locked by running process ${owner} (lock file "${path}")`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new AuditSinkError(`cannot take lock file "${path}" after 3 attempts`);
}
