const brand: unique symbol = Symbol.for('@rrr/secrets/SecretsError');

/**
 * Base class of every error thrown by `@rrr/secrets` for secret providers, vaults and the scanner.
 *
 * `code` is a stable, machine-readable string; `message` is for people and names the offending field.
 * Check with {@link isSecretsError} rather than `instanceof`, which fails across duplicate package copies.
 *
 * @example
 * ```ts
 * import { SecretsError, isSecretsError } from '@rrr/secrets';
 *
 * try {
 *   throw new SecretsError('invalid_argument', 'period must be >= 1 (got 0)');
 * } catch (error) {
 *   if (isSecretsError(error)) console.log(error.code); // "invalid_argument"
 * }
 * ```
 */
export class SecretsError extends Error {
  /** Stable machine-readable error code, e.g. `"invalid_argument"`. */
  readonly code: string;
  /** @internal Brand checked by {@link isSecretsError}. */
  readonly [brand] = true;

  /**
   * @param code - stable machine-readable code
   * @param message - human-readable message naming the offending field
   * @param options - standard `ErrorOptions`; `cause` chains the underlying error
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * True when `value` is a {@link SecretsError} (or subclass) from any copy of `@rrr/secrets`.
 *
 * @example
 * ```ts
 * import { isSecretsError } from '@rrr/secrets';
 *
 * isSecretsError(new Error('plain')); // false
 * ```
 */
export function isSecretsError(value: unknown): value is SecretsError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * A function argument or option is invalid; the message names the field and the bad value (never a secret).
 *
 * @example
 * ```ts
 * import { InvalidArgumentError } from '@rrr/secrets';
 *
 * const error = new InvalidArgumentError('minLength must be >= 1 (got 0)');
 * console.log(error.code); // "invalid_argument"
 * ```
 */
export class InvalidArgumentError extends SecretsError {
  /**
   * @param message - names the offending field and value
   * @param options - standard `ErrorOptions`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_argument', message, options);
  }
}

/** One secret that could not be resolved: its name and why, never its value. */
export interface SecretProblem {
  /** Name of the secret as declared in the schema. */
  readonly name: string;
  /** `missing`: no provider has it; `malformed`: a value exists but fails the declared format. */
  readonly reason: 'missing' | 'malformed';
  /** For `malformed`: the zod issue codes (e.g. `invalid_format`) and the provider that supplied it. */
  readonly detail: string;
}

/**
 * Resolving a secret schema failed: lists every missing or malformed secret by name, never by value.
 *
 * @example
 * ```ts
 * import { SecretsResolutionError } from '@rrr/secrets';
 *
 * const error = new SecretsResolutionError([{ name: 'API_KEY', reason: 'missing', detail: 'not found' }]);
 * console.log(error.problems.length); // 1
 * ```
 */
export class SecretsResolutionError extends SecretsError {
  /** Every problem found, in schema order. */
  readonly problems: readonly SecretProblem[];

  /**
   * @param problems - every missing or malformed secret
   */
  constructor(problems: readonly SecretProblem[]) {
    const lines = problems.map((p) => `  - ${p.name}: ${p.reason} (${p.detail})`);
    super('secrets_unresolved', `${problems.length} secret(s) could not be resolved:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/**
 * The vault could not be decrypted with the given passphrase or key file. The vault file is left untouched.
 *
 * @example
 * ```ts
 * import { VaultKeyError } from '@rrr/secrets';
 *
 * console.log(new VaultKeyError('/tmp/app.vault').code); // "vault_wrong_key"
 * ```
 */
export class VaultKeyError extends SecretsError {
  /**
   * @param path - the vault file
   * @param options - standard `ErrorOptions`
   */
  constructor(path: string, options?: ErrorOptions) {
    super(
      'vault_wrong_key',
      `vault "${path}" could not be decrypted: wrong passphrase or key file (the file was not modified)`,
      options,
    );
  }
}

/**
 * The vault file exists but is not a valid vault (bad JSON, unknown version, truncated fields).
 *
 * @example
 * ```ts
 * import { VaultFormatError } from '@rrr/secrets';
 *
 * console.log(new VaultFormatError('/tmp/app.vault', 'version must be 1 (got 7)').code); // "vault_corrupt"
 * ```
 */
export class VaultFormatError extends SecretsError {
  /**
   * @param path - the vault file
   * @param detail - what is wrong with it
   * @param options - standard `ErrorOptions`
   */
  constructor(path: string, detail: string, options?: ErrorOptions) {
    super('vault_corrupt', `vault "${path}" is not a valid vault file: ${detail}`, options);
  }
}

/**
 * The vault lock could not be acquired within the timeout (another writer holds it).
 *
 * @example
 * ```ts
 * import { VaultLockError } from '@rrr/secrets';
 *
 * console.log(new VaultLockError('/tmp/app.vault.lock', 5000).code); // "vault_lock_timeout"
 * ```
 */
export class VaultLockError extends SecretsError {
  /**
   * @param lockPath - the lock file
   * @param timeoutMs - how long we waited
   */
  constructor(lockPath: string, timeoutMs: number) {
    super('vault_lock_timeout', `lock "${lockPath}" still held by another writer after ${timeoutMs} ms`);
  }
}

/**
 * A write (`set`/`delete`) was attempted on a read-only provider such as the environment or a `.env` file.
 *
 * @example
 * ```ts
 * import { ReadOnlyProviderError } from '@rrr/secrets';
 *
 * console.log(new ReadOnlyProviderError('env').code); // "provider_read_only"
 * ```
 */
export class ReadOnlyProviderError extends SecretsError {
  /**
   * @param provider - name of the read-only provider
   */
  constructor(provider: string) {
    super('provider_read_only', `provider "${provider}" is read-only`);
  }
}

/**
 * The OS keychain cannot be used: `@napi-rs/keyring` is not installed, or the pinned store is unavailable.
 *
 * @example
 * ```ts
 * import { KeychainUnavailableError } from '@rrr/secrets';
 *
 * console.log(new KeychainUnavailableError('no Secret Service on the session bus').code); // "keychain_unavailable"
 * ```
 */
export class KeychainUnavailableError extends SecretsError {
  /**
   * @param detail - why the keychain cannot be used
   * @param options - standard `ErrorOptions`
   */
  constructor(detail: string, options?: ErrorOptions) {
    super('keychain_unavailable', `OS keychain unavailable: ${detail}`, options);
  }
}

/**
 * The keychain provider's name-index lock could not be acquired within the timeout (another process is updating
 * the index of the same service).
 *
 * @example
 * ```ts
 * import { KeychainLockError } from '@rrr/secrets';
 *
 * console.log(new KeychainLockError('/tmp/rrr-secrets-1000/keychain-0a1b.lock', 10000).code); // "keychain_lock_timeout"
 * ```
 */
export class KeychainLockError extends SecretsError {
  /**
   * @param lockPath - the lock file
   * @param timeoutMs - how long we waited
   */
  constructor(lockPath: string, timeoutMs: number) {
    super(
      'keychain_lock_timeout',
      `keychain index lock "${lockPath}" still held by another process after ${timeoutMs} ms`,
    );
  }
}

/**
 * A migration step failed; the message says which secret and which step. No value is lost: the source file is
 * only rewritten after every copy has been verified.
 *
 * @example
 * ```ts
 * import { MigrationError } from '@rrr/secrets';
 *
 * console.log(new MigrationError('API_KEY did not read back identically').code); // "migration_failed"
 * ```
 */
export class MigrationError extends SecretsError {
  /**
   * @param message - which secret and which step failed
   * @param options - standard `ErrorOptions`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('migration_failed', message, options);
  }
}
