const brand: unique symbol = Symbol.for('@rrr/risk/RiskError');

/**
 * Base class of every error thrown by `@rrr/risk` for risk parameters, sizing and limit configuration.
 *
 * `code` is a stable, machine-readable string; `message` is for people and names the offending field.
 * Check with {@link isRiskError} rather than `instanceof`, which fails across duplicate package copies.
 *
 * @example
 * ```ts
 * import { RiskError, isRiskError } from '@rrr/risk';
 *
 * try {
 *   throw new RiskError('invalid_argument', 'period must be >= 1 (got 0)');
 * } catch (error) {
 *   if (isRiskError(error)) console.log(error.code); // "invalid_argument"
 * }
 * ```
 */
export class RiskError extends Error {
  /** Stable machine-readable error code, e.g. `"invalid_argument"`. */
  readonly code: string;
  /** @internal Brand checked by {@link isRiskError}. */
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
 * True when `value` is a {@link RiskError} (or subclass) from any copy of `@rrr/risk`.
 *
 * @example
 * ```ts
 * import { isRiskError } from '@rrr/risk';
 *
 * isRiskError(new Error('plain')); // false
 * ```
 */
export function isRiskError(value: unknown): value is RiskError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * Thrown when a function argument is invalid (out of range, not finite, wrong shape).
 * `parameter` names the offending argument, e.g. `"winRate"`.
 *
 * @example
 * ```ts
 * import { InvalidParameterError, kellyFromWinLoss } from '@rrr/risk';
 *
 * try {
 *   kellyFromWinLoss({ winRate: 1.5, avgWin: 2, avgLoss: 1 });
 * } catch (error) {
 *   if (error instanceof InvalidParameterError) console.log(error.parameter); // "winRate"
 * }
 * ```
 */
export class InvalidParameterError extends RiskError {
  /** Name of the invalid parameter (dotted path for nested fields). */
  readonly parameter: string;

  /**
   * @param parameter - name of the invalid parameter
   * @param message - human-readable message naming the parameter and the bad value
   * @param options - standard `ErrorOptions`
   */
  constructor(parameter: string, message: string, options?: ErrorOptions) {
    super('invalid_parameter', message, options);
    this.parameter = parameter;
  }
}

/**
 * Thrown when a `RiskLimits` configuration fails validation. The message lists every bad field
 * as `path: problem`; `issues` holds the same list.
 *
 * @example
 * ```ts
 * import { RiskConfigError, RiskLimits } from '@rrr/risk';
 *
 * try {
 *   new RiskLimits({ defaults: { maxOrderQuantity: -1 } });
 * } catch (error) {
 *   if (error instanceof RiskConfigError) console.log(error.issues[0]); // "defaults.maxOrderQuantity: ..."
 * }
 * ```
 */
export class RiskConfigError extends RiskError {
  /** One `path: problem` line per validation issue. */
  readonly issues: readonly string[];

  /**
   * @param issues - one `path: problem` line per validation issue
   * @param options - standard `ErrorOptions`
   */
  constructor(issues: readonly string[], options?: ErrorOptions) {
    super('invalid_config', `invalid risk limits config: ${issues.join('; ')}`, options);
    this.issues = issues;
  }
}
