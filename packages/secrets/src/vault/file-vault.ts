import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VaultFormatError, VaultKeyError, VaultLockError } from '../errors.js';
import { assertSecretName } from '../providers/names.js';
import type {
  Clock,
  ProviderKind,
  SecretEntry,
  SecretMetadata,
  SecretProvider,
  SetSecretOptions,
} from '../providers/provider.js';
import { systemClock } from '../providers/provider.js';
import { Secret } from '../secret/secret.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { acquireLock, type LockOptions } from '../util/lock-file.js';
import { DEFAULT_SCRYPT, deriveScryptKey, keyId, open, type ScryptParams, seal } from './crypto.js';
import {
  headerAad,
  type Kdf,
  payloadSchema,
  type VaultFile,
  type VaultPayload,
  vaultFileSchema,
} from './format.js';
import { readKeyFile } from './key-file.js';

const vaultLockTimeout = (lockPath: string, timeoutMs: number) => new VaultLockError(lockPath, timeoutMs);

/** How a vault is unlocked: a passphrase (scrypt) or a file holding a 32-byte key. */
export type VaultKey = { readonly passphrase: string | Secret } | { readonly keyFile: string };

/** Options of {@link FileVault}. */
export interface FileVaultOptions {
  /** Vault file path. Created (mode 0600) on the first write. */
  readonly path: string;
  /** Passphrase or key file. */
  readonly key: VaultKey;
  /** Time source for created/rotated metadata; default the wall clock. */
  readonly clock?: Clock;
  /** scrypt parameters for a new vault or a rekey; default {@link DEFAULT_SCRYPT}. */
  readonly scrypt?: ScryptParams;
  /** Lock timeout and stale-lock age. */
  readonly lock?: LockOptions;
}

type Item = VaultPayload['secrets'][string];

/**
 * An encrypted file vault: one JSON file holding AES-256-GCM ciphertext of all secrets and their metadata. The
 * key comes from a passphrase through scrypt (parameters and salt stored in the file, authenticated, upgradable
 * with {@link FileVault.rekey}) or from a key file. Writes take a lock file (O_EXCL, stale locks broken safely),
 * re-read the vault under the lock, and replace it atomically (temp file + fsync + rename, mode 0600), so
 * concurrent writers in several processes do not lose updates. A wrong key throws `VaultKeyError` and leaves the
 * file untouched.
 *
 * @example
 * ```ts
 * import { FileVault } from '@rrr/secrets';
 *
 * const vault = new FileVault({ path: '.rrr/app.vault', key: { keyFile: '/home/me/.config/rrr/vault.key' } });
 * await vault.set('COINBASE_API_SECRET', 'value', { rotateBy: Date.parse('2026-06-01') });
 * const entry = await vault.get('COINBASE_API_SECRET');
 * ```
 */
export class FileVault implements SecretProvider {
  /** `vault:<absolute path>`. */
  readonly name: string;
  /** Always `vault`. */
  readonly kind: ProviderKind = 'vault';
  /** Always `false`. */
  readonly plaintext = false;
  /** Always `true`. */
  readonly writable = true;
  /** Absolute path of the vault file. */
  readonly path: string;
  #key: VaultKey;
  readonly #clock: Clock;
  #scrypt: ScryptParams;
  readonly #lock: LockOptions;
  readonly #keys = new Map<string, Buffer>();

  /**
   * @param options - path, key, clock, scrypt parameters and lock options
   */
  constructor(options: FileVaultOptions) {
    this.path = resolve(options.path);
    this.name = `vault:${this.path}`;
    this.#key = options.key;
    this.#clock = options.clock ?? systemClock;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#lock = options.lock ?? {};
  }

  /** {@inheritDoc SecretProvider.get} */
  async get(name: string): Promise<SecretEntry | undefined> {
    const payload = (await this.#load())?.payload;
    const item = payload?.secrets[name];
    if (item === undefined) return undefined;
    return { value: new Secret(name, item.value), metadata: this.#meta(name, item) };
  }

  /** {@inheritDoc SecretProvider.list} */
  async list(): Promise<SecretMetadata[]> {
    const payload = (await this.#load())?.payload;
    if (payload === undefined) return [];
    return Object.entries(payload.secrets)
      .map(([k, v]) => this.#meta(k, v))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** {@inheritDoc SecretProvider.set} */
  async set(name: string, value: Secret | string, options: SetSecretOptions = {}): Promise<SecretMetadata> {
    assertSecretName(name);
    const plain = typeof value === 'string' ? value : value.reveal();
    let result: Item | undefined;
    await this.#mutate((secrets) => {
      const now = this.#clock.now();
      const prev = secrets[name];
      const item: Item = {
        value: plain,
        createdAt: prev?.createdAt ?? now,
        rotatedAt: prev !== undefined && prev.value === plain ? prev.rotatedAt : now,
      };
      const rotateBy = options.rotateBy ?? prev?.rotateBy;
      if (rotateBy !== undefined) item.rotateBy = rotateBy;
      secrets[name] = item;
      result = item;
      return true;
    });
    if (result === undefined) throw new VaultFormatError(this.path, 'write did not complete');
    return this.#meta(name, result);
  }

  /** {@inheritDoc SecretProvider.delete} */
  async delete(name: string): Promise<boolean> {
    let existed = false;
    await this.#mutate((secrets) => {
      existed = name in secrets;
      delete secrets[name];
      return existed;
    });
    return existed;
  }

  /**
   * True when the vault uses scrypt parameters weaker than the ones this instance was configured with.
   *
   * @example
   * ```ts
   * import { FileVault } from '@rrr/secrets';
   *
   * const vault = new FileVault({ path: 'app.vault', key: { passphrase: 'correct horse battery staple' } });
   * if (await vault.needsKdfUpgrade()) await vault.rekey();
   * ```
   */
  async needsKdfUpgrade(): Promise<boolean> {
    const file = await this.#readFile();
    if (file === undefined || file.kdf.name !== 'scrypt') return false;
    const want = this.#scrypt;
    return file.kdf.N < want.N || file.kdf.r < want.r || file.kdf.p < want.p;
  }

  /**
   * Re-encrypts the vault under a new key and/or new scrypt parameters (fresh salt and IV). The current key must
   * still open the vault. Afterwards this instance uses the new key.
   *
   * @param newKey - the new key; default the current one
   * @param scrypt - new scrypt parameters; default the configured ones
   * @example
   * ```ts
   * import { FileVault } from '@rrr/secrets';
   *
   * const vault = new FileVault({ path: 'app.vault', key: { passphrase: 'old passphrase' } });
   * await vault.rekey({ passphrase: 'new, longer passphrase' }, { N: 2 ** 18, r: 8, p: 1 });
   * ```
   */
  async rekey(newKey: VaultKey = this.#key, scrypt: ScryptParams = this.#scrypt): Promise<void> {
    const release = await acquireLock(`${this.path}.lock`, this.#lock, vaultLockTimeout);
    try {
      const loaded = await this.#load();
      const payload = loaded?.payload ?? { secrets: {} };
      this.#key = newKey;
      this.#scrypt = scrypt;
      const kdf = await this.#freshKdf();
      await this.#write(kdf, payload);
    } finally {
      await release();
    }
  }

  async #mutate(apply: (secrets: Record<string, Item>) => boolean): Promise<void> {
    const release = await acquireLock(`${this.path}.lock`, this.#lock, vaultLockTimeout);
    try {
      const loaded = await this.#load();
      const payload = loaded?.payload ?? { secrets: {} };
      const changed = apply(payload.secrets);
      if (!changed) return;
      await this.#write(loaded?.kdf ?? (await this.#freshKdf()), payload);
    } finally {
      await release();
    }
  }

  async #write(kdf: Kdf, payload: VaultPayload): Promise<void> {
    const key = await this.#deriveKey(kdf);
    const aad = headerAad(kdf);
    const sealed = seal(key, Buffer.from(JSON.stringify(payload), 'utf8'), aad);
    const file: VaultFile = {
      format: 'rrr-secrets-vault',
      version: 1,
      kdf,
      cipher: 'aes-256-gcm',
      ...sealed,
    };
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
  }

  async #freshKdf(): Promise<Kdf> {
    if ('keyFile' in this.#key)
      return { name: 'keyfile', keyId: keyId(await readKeyFile(this.#key.keyFile)) };
    return { name: 'scrypt', ...this.#scrypt, salt: randomBytes(16).toString('base64') };
  }

  async #readFile(): Promise<VaultFile | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new VaultFormatError(this.path, 'not JSON', { cause: error });
    }
    const parsed = vaultFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new VaultFormatError(
        this.path,
        `field "${issue?.path.join('.') ?? '?'}": ${issue?.message ?? ''}`,
      );
    }
    return parsed.data;
  }

  async #load(): Promise<{ kdf: Kdf; payload: VaultPayload } | undefined> {
    const file = await this.#readFile();
    if (file === undefined) return undefined;
    const key = await this.#deriveKey(file.kdf);
    let plain: Buffer;
    try {
      plain = open(key, file, headerAad(file.kdf));
    } catch (error) {
      throw new VaultKeyError(this.path, { cause: error });
    }
    const payload = payloadSchema.safeParse(JSON.parse(plain.toString('utf8')));
    if (!payload.success) throw new VaultFormatError(this.path, 'decrypted payload has an unexpected shape');
    return { kdf: file.kdf, payload: payload.data };
  }

  async #deriveKey(kdf: Kdf): Promise<Buffer> {
    if (kdf.name === 'keyfile') {
      if (!('keyFile' in this.#key)) throw new VaultKeyError(this.path);
      const key = await readKeyFile(this.#key.keyFile);
      if (keyId(key) !== kdf.keyId) throw new VaultKeyError(this.path);
      return key;
    }
    if (!('passphrase' in this.#key)) throw new VaultKeyError(this.path);
    const pass = this.#key.passphrase;
    const passphrase = typeof pass === 'string' ? pass : pass.reveal();
    const cacheKey = `${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}:${keyId(Buffer.from(passphrase))}`;
    const cached = this.#keys.get(cacheKey);
    if (cached !== undefined) return cached;
    const key = await deriveScryptKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
    this.#keys.set(cacheKey, key);
    return key;
  }

  #meta(name: string, item: Item): SecretMetadata {
    const base = {
      name,
      source: this.name,
      kind: this.kind,
      plaintext: false,
      createdAt: item.createdAt,
      rotatedAt: item.rotatedAt,
    };
    return item.rotateBy === undefined ? base : { ...base, rotateBy: item.rotateBy };
  }
}
