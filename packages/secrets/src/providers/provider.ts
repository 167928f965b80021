import type { Secret } from '../secret/secret.js';

/** The kinds of secret store; `env` and `dotenv` are plaintext sources. */
export const ProviderKind = {
  env: 'env',
  dotenv: 'dotenv',
  vault: 'vault',
  keychain: 'keychain',
  memory: 'memory',
} as const;

/** One of {@link ProviderKind}. */
export type ProviderKind = (typeof ProviderKind)[keyof typeof ProviderKind];

/** What is known about a stored secret, never its value. Times are ms since the Unix epoch, UTC. */
export interface SecretMetadata {
  /** The secret's name. */
  readonly name: string;
  /** Name of the provider that holds it (e.g. `vault:/home/me/.rrr/app.vault`). */
  readonly source: string;
  /** Kind of that provider. */
  readonly kind: ProviderKind;
  /** True when the source keeps the value in plaintext (environment, `.env`). */
  readonly plaintext: boolean;
  /** When the secret was first stored, if the provider records it. */
  readonly createdAt?: number;
  /** When the value last changed, if the provider records it. */
  readonly rotatedAt?: number;
  /** Date by which the secret should be rotated, if set. */
  readonly rotateBy?: number;
}

/** A secret value with its metadata. */
export interface SecretEntry {
  /** The opaque value. */
  readonly value: Secret;
  /** Where it came from and its rotation dates. */
  readonly metadata: SecretMetadata;
}

/** Options for {@link SecretProvider.set}. */
export interface SetSecretOptions {
  /** Date (ms UTC) by which the secret should be rotated; reported as stale afterwards. */
  readonly rotateBy?: number;
}

/**
 * A secret store. Every implementation passes the same contract test suite. Read-only providers (environment,
 * `.env`) throw `ReadOnlyProviderError` from `set` and `delete`.
 */
export interface SecretProvider {
  /** Unique, human-readable name used in reports, e.g. `env` or `vault:/path`. */
  readonly name: string;
  /** Kind of store. */
  readonly kind: ProviderKind;
  /** True when values are stored in plaintext. */
  readonly plaintext: boolean;
  /** True when `set` and `delete` are supported. */
  readonly writable: boolean;
  /** The secret called `name`, or `undefined` when this provider does not have it. */
  get(name: string): Promise<SecretEntry | undefined>;
  /** Metadata of every secret this provider holds, sorted by name. */
  list(): Promise<SecretMetadata[]>;
  /** Stores or replaces a secret and returns its new metadata. */
  set(name: string, value: Secret | string, options?: SetSecretOptions): Promise<SecretMetadata>;
  /** Removes a secret; `true` when it existed. */
  delete(name: string): Promise<boolean>;
}

/** Source of the current time, in ms since the Unix epoch, UTC. */
export interface Clock {
  /** Current time in ms UTC. */
  now(): number;
}

/**
 * The wall clock.
 *
 * @example
 * ```ts
 * import { systemClock } from '@rrr/secrets';
 *
 * const now = systemClock.now();
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };
