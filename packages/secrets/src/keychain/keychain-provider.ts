import { KeychainUnavailableError } from '../errors.js';
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
import type { LockOptions } from '../util/lock-file.js';
import { defaultKeychainLockDirectory, withIndexLock } from './index-lock.js';

/** Linux credential stores `@napi-rs/keyring` can be pinned to. */
export type LinuxKeychainStore = 'secret-service' | 'keyutils';

/** Options of {@link KeychainProvider}. */
export interface KeychainProviderOptions {
  /** Keychain service name grouping this app's secrets. Default `rrr-secrets`. */
  readonly service?: string;
  /**
   * Linux only: the store to pin. Default `secret-service` (GNOME Keyring, KWallet, KeePassXC over D-Bus); it
   * never falls back silently to the kernel keyring, which does not survive a reboot.
   */
  readonly linuxStore?: LinuxKeychainStore;
  /** Time source for created/rotated metadata. */
  readonly clock?: Clock;
  /**
   * Directory of the lock file that serialises updates of the name index across processes. Default
   * `<os.tmpdir()>/rrr-secrets-<uid>` (created with mode 0700). Every process sharing a keychain service must use
   * the same directory.
   */
  readonly lockDirectory?: string;
  /** How long to wait for the index lock, and when a held lock counts as abandoned. */
  readonly lock?: LockOptions;
}

interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deletePassword(): boolean;
}

interface KeyringModule {
  Entry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: LinuxKeychainStore } },
  ) => KeyringEntry;
}

const INDEX_ACCOUNT = '__rrr_secrets_index__';

interface Envelope {
  rrr: 1;
  value: string;
  createdAt: number;
  rotatedAt: number;
  rotateBy?: number;
}

const parseEnvelope = (text: string): Envelope | undefined => {
  try {
    const v = JSON.parse(text) as Partial<Envelope>;
    if (
      v.rrr === 1 &&
      typeof v.value === 'string' &&
      typeof v.createdAt === 'number' &&
      typeof v.rotatedAt === 'number'
    ) {
      return v as Envelope;
    }
  } catch {
    // a value written by another tool: plain password
  }
  return undefined;
};

/**
 * Loads `@napi-rs/keyring` (an optional peer dependency).
 *
 * @internal
 */
export async function loadKeyring(): Promise<KeyringModule> {
  try {
    return (await import('@napi-rs/keyring')) as unknown as KeyringModule;
  } catch (error) {
    throw new KeychainUnavailableError('the optional peer dependency @napi-rs/keyring is not installed', {
      cause: error,
    });
  }
}

/**
 * Secrets in the OS keychain: macOS Keychain, Windows Credential Manager, or the Linux Secret Service (pinned:
 * no silent fallback to the kernel keyring). Each value is stored with its created/rotated/rotate-by metadata as
 * a small JSON envelope under account = secret name; values written by other tools are read as plain
 * passwords. Names are tracked in an index entry so `list` works on every platform; updates of that entry are
 * serialised across processes by a lock file, so concurrent writers never lose a name. Create it with
 * {@link KeychainProvider.open}, which fails with `KeychainUnavailableError` when no keychain can be used.
 * On Linux the native binding connects to the session bus once per process: `DBUS_SESSION_BUS_ADDRESS` must be
 * set before the first keychain call.
 *
 * @example
 * ```ts
 * import { KeychainProvider } from '@rrr/secrets/keychain';
 *
 * const keychain = await KeychainProvider.open({ service: 'my-trading-bot' });
 * await keychain.set('COINBASE_API_SECRET', 'value');
 * ```
 */
export class KeychainProvider implements SecretProvider {
  /** `keychain:<service>`. */
  readonly name: string;
  /** Always `keychain`. */
  readonly kind: ProviderKind = 'keychain';
  /** Always `false`. */
  readonly plaintext = false;
  /** Always `true`. */
  readonly writable = true;
  /** The keychain service name. */
  readonly service: string;
  readonly #keyring: KeyringModule;
  readonly #store: LinuxKeychainStore;
  readonly #clock: Clock;
  readonly #lockDirectory: string;
  readonly #lock: LockOptions;

  private constructor(keyring: KeyringModule, options: KeychainProviderOptions) {
    this.service = options.service ?? 'rrr-secrets';
    this.name = `keychain:${this.service}`;
    this.#keyring = keyring;
    this.#store = options.linuxStore ?? 'secret-service';
    this.#clock = options.clock ?? systemClock;
    this.#lockDirectory = options.lockDirectory ?? defaultKeychainLockDirectory();
    this.#lock = options.lock ?? {};
  }

  /**
   * Loads the native binding and probes the keychain with a read.
   *
   * @param options - service, Linux store, clock and index lock
   * @example
   * ```ts
   * import { KeychainProvider } from '@rrr/secrets/keychain';
   *
   * const keychain = await KeychainProvider.open();
   * ```
   */
  static async open(options: KeychainProviderOptions = {}): Promise<KeychainProvider> {
    const provider = new KeychainProvider(await loadKeyring(), options);
    provider.#call(() => provider.#entry(INDEX_ACCOUNT).getPassword());
    return provider;
  }

  /** The secret called `name` from the Secret Service, or `undefined` when it is not stored there. */
  async get(name: string): Promise<SecretEntry | undefined> {
    const raw = this.#call(() => this.#entry(name).getPassword());
    if (raw === null) return undefined;
    const env = parseEnvelope(raw);
    if (env === undefined) {
      return {
        value: new Secret(name, raw),
        metadata: { name, source: this.name, kind: 'keychain', plaintext: false },
      };
    }
    return { value: new Secret(name, env.value), metadata: this.#meta(name, env) };
  }

  /** Metadata of every secret this provider holds in the keychain, sorted by name. */
  async list(): Promise<SecretMetadata[]> {
    const out: SecretMetadata[] = [];
    for (const name of this.#readIndex()) {
      const entry = await this.get(name);
      if (entry !== undefined) out.push(entry.metadata);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Stores or replaces a secret in the keychain and returns its new metadata. */
  async set(name: string, value: Secret | string, options: SetSecretOptions = {}): Promise<SecretMetadata> {
    assertSecretName(name);
    const plain = typeof value === 'string' ? value : value.reveal();
    const prevRaw = this.#call(() => this.#entry(name).getPassword());
    const prev = prevRaw === null ? undefined : parseEnvelope(prevRaw);
    const now = this.#clock.now();
    const env: Envelope = {
      rrr: 1,
      value: plain,
      createdAt: prev?.createdAt ?? now,
      rotatedAt: prev !== undefined && prev.value === plain ? prev.rotatedAt : now,
    };
    const rotateBy = options.rotateBy ?? prev?.rotateBy;
    if (rotateBy !== undefined) env.rotateBy = rotateBy;
    this.#call(() => this.#entry(name).setPassword(JSON.stringify(env)));
    await this.#updateIndex((index) => (index.includes(name) ? undefined : [...index, name]));
    return this.#meta(name, env);
  }

  /** Removes a secret from the keychain; `true` when it existed. */
  async delete(name: string): Promise<boolean> {
    const existed = this.#call(() => this.#entry(name).deletePassword());
    await this.#updateIndex((index) => (index.includes(name) ? index.filter((n) => n !== name) : undefined));
    return existed;
  }

  #entry(account: string): KeyringEntry {
    return new this.#keyring.Entry(this.service, account, { linux: { store: this.#store } });
  }

  #readIndex(): string[] {
    const raw = this.#call(() => this.#entry(INDEX_ACCOUNT).getPassword());
    if (raw === null) return [];
    try {
      const names: unknown = JSON.parse(raw);
      return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Read-modify-write of the index under the cross-process lock; `change` returns `undefined` for no change. */
  async #updateIndex(change: (index: string[]) => string[] | undefined): Promise<void> {
    await withIndexLock(this.#lockDirectory, this.service, this.#lock, () => {
      const next = change(this.#readIndex());
      if (next !== undefined) this.#writeIndex(next);
    });
  }

  #writeIndex(names: string[]): void {
    this.#call(() => this.#entry(INDEX_ACCOUNT).setPassword(JSON.stringify([...new Set(names)].sort())));
  }

  #call<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new KeychainUnavailableError(
        `${this.#store === 'secret-service' && process.platform === 'linux' ? 'Secret Service (D-Bus): ' : ''}${detail}`,
        {
          cause: error,
        },
      );
    }
  }

  #meta(name: string, env: Envelope): SecretMetadata {
    const base = {
      name,
      source: this.name,
      kind: this.kind,
      plaintext: false,
      createdAt: env.createdAt,
      rotatedAt: env.rotatedAt,
    };
    return env.rotateBy === undefined ? base : { ...base, rotateBy: env.rotateBy };
  }
}
