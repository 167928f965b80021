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

/**
 * A model card failed validation (`invalid_card`); the message names the offending field.
 *
 * @example
 * ```ts
 * import { ModelCardError } from '@rrr/models';
 *
 * const error = new ModelCardError('card.windowLength: expected a positive integer');
 * console.log(error.code); // "invalid_card"
 * ```
 */
export class ModelCardError extends ModelError {
  /**
   * @param message - names the offending card field
   * @param options - standard `ErrorOptions`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_card', message, options);
  }
}

/**
 * The model file could not be read (`model_unreadable`), its sha256 differs from the card's
 * (`hash_mismatch`), or onnxruntime refused it (`session_failed`).
 *
 * @example
 * ```ts
 * import { ModelLoadError } from '@rrr/models';
 *
 * const error = new ModelLoadError('hash_mismatch', 'model sha256 is ab12..., card.model.sha256 says cd34...');
 * console.log(error.code); // "hash_mismatch"
 * ```
 */
export class ModelLoadError extends ModelError {}

/**
 * An input window does not fit the model: wrong shape (`shape_mismatch`), non-finite values (`nan_input`),
 * or feature names that differ from the card (`feature_mismatch`); also invalid call options
 * (`invalid_argument`).
 *
 * @example
 * ```ts
 * import { ModelInputError } from '@rrr/models';
 *
 * const error = new ModelInputError('nan_input', 'window row 3, feature rsi_14 is NaN');
 * console.log(error.code); // "nan_input"
 * ```
 */
export class ModelInputError extends ModelError {}

/**
 * A bar given to a streaming adapter lies inside the model's training or validation period
 * (`training_period`): predictions there are in-sample and would flatter any backtest.
 *
 * @example
 * ```ts
 * import { TrainingPeriodError } from '@rrr/models';
 *
 * const error = new TrainingPeriodError('bar 2020-01-01T00:00:00.000Z is inside the training period');
 * console.log(error.code); // "training_period"
 * ```
 */
export class TrainingPeriodError extends ModelError {
  /**
   * @param message - names the bar's time and the period
   * @param options - standard `ErrorOptions`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('training_period', message, options);
  }
}
