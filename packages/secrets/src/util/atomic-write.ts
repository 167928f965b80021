import { randomBytes } from 'node:crypto';
import { close, fsync, open, rename, unlink, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const openP = promisify(open);
const writeP = promisify(write);
const fsyncP = promisify(fsync);
const closeP = promisify(close);
const renameP = promisify(rename);
const unlinkP = promisify(unlink);

/**
 * Replaces `path` atomically: writes a temp file in the same directory (created exclusively with `mode`),
 * fsyncs it, renames it over `path`, then fsyncs the directory. Readers see the old or the new content, never
 * a mix; a crash leaves at worst a stray temp file.
 *
 * @internal
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = await openP(temp, 'wx', mode);
  try {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await writeP(fd, buffer, offset, buffer.length - offset, null);
      offset += bytesWritten;
    }
    await fsyncP(fd);
  } catch (error) {
    await closeP(fd).catch(() => undefined);
    await unlinkP(temp).catch(() => undefined);
    throw error;
  }
  await closeP(fd);
  try {
    await renameP(temp, path);
  } catch (error) {
    await unlinkP(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = await openP(dir, 'r');
    await fsyncP(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) await closeP(fd).catch(() => undefined);
  }
}
