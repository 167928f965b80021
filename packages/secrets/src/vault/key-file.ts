import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../errors.js';

/** @internal Reads a 32-byte key stored as base64, hex or raw bytes. */
export async function readKeyFile(path: string): Promise<Buffer> {
  const raw = await readFile(path);
  const text = raw.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) return Buffer.from(text, 'base64');
  if (raw.length === 32) return raw;
  throw new InvalidArgumentError(
    `key file "${path}" must hold 32 bytes as base64, hex or raw bytes (got ${raw.length} bytes)`,
  );
}

/**
 * Creates a new random 32-byte key file (base64, mode 0600). Refuses to overwrite an existing file.
 *
 * @param path - where to write the key
 * @example
 * ```ts
 * import { createKeyFile } from '@rrr/secrets';
 *
 * await createKeyFile('/home/me/.config/rrr/vault.key');
 * ```
 */
export async function createKeyFile(path: string): Promise<void> {
  await writeFile(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
}
