import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';

/** scrypt cost parameters stored in the vault header. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

/**
 * Default scrypt parameters for new vaults (N = 2^17, r = 8, p = 1: about 128 MiB and a few hundred ms per
 * unlock, per OWASP's password-storage guidance). Vaults created with weaker parameters report
 * `needsKdfUpgrade` and can be upgraded with `FileVault.rekey`.
 */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/** @internal */
export function deriveScryptKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolvePromise(key);
    });
  });
}

/** @internal Short public identifier of a raw key (SHA-256 prefix), to tell a wrong key file apart. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('rrr-secrets-keyfile').update(key).digest('hex').slice(0, 16);
}

/** @internal */
export interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/** @internal AES-256-GCM with a fresh 96-bit IV; `aad` binds the header (KDF parameters) to the ciphertext. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** @internal Throws when the key is wrong or anything was tampered with. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
}
