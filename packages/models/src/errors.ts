const brand: unique symbol = Symbol.for('@rrr/models/ModelError');

/**
 * Base class of every error thrown by `@rrr/models` for model loading, inference and evaluation.
 *
 * `code` is a stable, machine-readable string; `message` is for people and names the offending field.
 * Check with {@link isModelError} rather than `instanceof`, which fails across duplicate package copies.
 *
 * @example
 * ```ts
 * import { ModelError, isModelError } from '@rrr/models';
 *
 * try {
 *   throw new ModelError('invalid_argument', 'period must be >= 1 (got 0)');
 * } catch (error) {
 *   if (isModelError(error)) console.log(error.code); // "invalid_argument"
 * }
 * ```
 */
export class ModelError extends Error {
  /** Stable machine-readable error code, e.g. `"invalid_argument"`. */
  readonly code: string;
  /** @internal Brand checked by {@link isModelError}. */
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
 * True when `value` is a {@link ModelError} (or subclass) from any copy of `@rrr/models`.
 *
 * @example
 * ```ts
 * import { isModelError } from '@rrr/models';
 *
 * isModelError(new Error('plain')); // false
 * ```
 */
export function isModelError(value: unknown): value is ModelError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}
