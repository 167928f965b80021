import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ReadOnlyProviderError } from '../errors.js';
import { Secret } from '../secret/secret.js';
import { parseDotenv } from './dotenv-parse.js';
import type { ProviderKind, SecretEntry, SecretMetadata, SecretProvider } from './provider.js';

/** Options of {@link EnvProvider}. */
export interface EnvProviderOptions {
  /** The environment to read; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Only variables with this prefix are visible, looked up as `prefix + name`. */
  readonly prefix?: string;
}

/**
 * Reads secrets from environment variables. Read-only, and marked as a plaintext source in every report.
 * Empty variables count as absent.
 *
 * @example
 * ```ts
 * import { EnvProvider } from '@rrr/secrets';
 *
 * const env = new EnvProvider({ env: { APP_TOKEN: 'abc' }, prefix: 'APP_' });
 * const entry = await env.get('TOKEN'); // entry?.metadata.plaintext === true
 * ```
 */
export class EnvProvider implements SecretProvider {
  /** Always `env`. */
  readonly name: string = 'env';
  /** Always `env`. */
  readonly kind: ProviderKind = 'env';
  /** Always `true`. */
  readonly plaintext = true;
  /** Always `false`. */
  readonly writable = false;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #prefix: string;

  /**
   * @param options - environment and prefix
   */
  constructor(options: EnvProviderOptions = {}) {
    this.#env = options.env ?? process.env;
    this.#prefix = options.prefix ?? '';
  }

  /** {@inheritDoc SecretProvider.get} */
  async get(name: string): Promise<SecretEntry | undefined> {
    const value = this.#env[this.#prefix + name];
    if (value === undefined || value === '') return undefined;
    return { value: new Secret(name, value), metadata: this.#meta(name) };
  }

  /** {@inheritDoc SecretProvider.list} */
  async list(): Promise<SecretMetadata[]> {
    return Object.keys(this.#env)
      .filter((k) => k.startsWith(this.#prefix) && (this.#env[k] ?? '') !== '')
      .map((k) => this.#meta(k.slice(this.#prefix.length)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Always throws `ReadOnlyProviderError`. */
  async set(): Promise<SecretMetadata> {
    throw new ReadOnlyProviderError(this.name);
  }

  /** Always throws `ReadOnlyProviderError`. */
  async delete(): Promise<boolean> {
    throw new ReadOnlyProviderError(this.name);
  }

  #meta(name: string): SecretMetadata {
    return { name, source: this.name, kind: 'env', plaintext: true };
  }
}

/**
 * Reads secrets from a `.env` file (re-read on every call; a missing file holds no secrets). Read-only and
 * marked as a plaintext source; use `rrr-secrets migrate` to move its values into the vault or keychain.
 *
 * @example
 * ```ts
 * import { DotenvProvider } from '@rrr/secrets';
 *
 * const dotenv = new DotenvProvider('.env');
 * const names = (await dotenv.list()).map((m) => m.name);
 * ```
 */
export class DotenvProvider implements SecretProvider {
  /** `dotenv:<absolute path>`. */
  readonly name: string;
  /** Always `dotenv`. */
  readonly kind: ProviderKind = 'dotenv';
  /** Always `true`. */
  readonly plaintext = true;
  /** Always `false`. */
  readonly writable = false;
  /** Absolute path of the file. */
  readonly path: string;

  /**
   * @param path - the `.env` file
   */
  constructor(path: string) {
    this.path = resolve(path);
    this.name = `dotenv:${this.path}`;
  }

  /** {@inheritDoc SecretProvider.get} */
  async get(name: string): Promise<SecretEntry | undefined> {
    const values = await this.#read();
    const value = values.get(name);
    if (value === undefined || value === '') return undefined;
    return { value: new Secret(name, value), metadata: this.#meta(name) };
  }

  /** {@inheritDoc SecretProvider.list} */
  async list(): Promise<SecretMetadata[]> {
    const values = await this.#read();
    return [...values.entries()]
      .filter(([, v]) => v !== '')
      .map(([k]) => this.#meta(k))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Always throws `ReadOnlyProviderError`. */
  async set(): Promise<SecretMetadata> {
    throw new ReadOnlyProviderError(this.name);
  }

  /** Always throws `ReadOnlyProviderError`. */
  async delete(): Promise<boolean> {
    throw new ReadOnlyProviderError(this.name);
  }

  async #read(): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    return new Map(parseDotenv(text).map((e) => [e.key, e.value]));
  }

  #meta(name: string): SecretMetadata {
    return { name, source: this.name, kind: 'dotenv', plaintext: true };
  }
}
