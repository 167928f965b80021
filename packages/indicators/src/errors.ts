const brand: unique symbol = Symbol.for('@rrr/indicators/IndicatorError');

/**
 * Base class of every error thrown by `@rrr/indicators` for indicator inputs and series data.
 *
 * `code` is a stable, machine-readable string; `message` is for people and names the offending field.
 * Check with {@link isIndicatorError} rather than `instanceof`, which fails across duplicate package copies.
 *
 * @example
 * ```ts
 * import { IndicatorError, isIndicatorError } from '@rrr/indicators';
 *
 * try {
 *   throw new IndicatorError('invalid_argument', 'period must be >= 1 (got 0)');
 * } catch (error) {
 *   if (isIndicatorError(error)) console.log(error.code); // "invalid_argument"
 * }
 * ```
 */
export class IndicatorError extends Error {
  /** Stable machine-readable error code, e.g. `"invalid_argument"`. */
  readonly code: string;
  /** @internal Brand checked by {@link isIndicatorError}. */
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
 * True when `value` is a {@link IndicatorError} (or subclass) from any copy of `@rrr/indicators`.
 *
 * @example
 * ```ts
 * import { isIndicatorError } from '@rrr/indicators';
 *
 * isIndicatorError(new Error('plain')); // false
 * ```
 */
export function isIndicatorError(value: unknown): value is IndicatorError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/**
 * Stable `code` values carried by errors from `@rrr/indicators`.
 *
 * @example
 * ```ts
 * import { INDICATOR_ERROR_CODES, isIndicatorError, sma } from '@rrr/indicators';
 *
 * try {
 *   sma([1, 2, 3], 0);
 * } catch (error) {
 *   if (isIndicatorError(error) && error.code === INDICATOR_ERROR_CODES.invalidPeriod) console.log(error.message);
 * }
 * ```
 */
export const INDICATOR_ERROR_CODES = {
  /** Input columns of one call have different lengths. */
  lengthMismatch: 'length_mismatch',
  /** A period is not an integer or is below its minimum. */
  invalidPeriod: 'invalid_period',
  /** A non-period option (multiplier, acceleration, anchor...) is out of range. */
  invalidOption: 'invalid_option',
  /** An input value is NaN or infinite. */
  nonFiniteInput: 'non_finite_input',
  /** The input is too short for the indicator to produce a single value. */
  insufficientData: 'insufficient_data',
  /** `replace()` was called on a streaming indicator before any `update()`. */
  nothingToReplace: 'nothing_to_replace',
  /** An OHLCV series breaks an invariant (order, OHLC consistency, finiteness, volume). */
  invalidSeries: 'invalid_series',
  /** CSV text could not be parsed as OHLCV. */
  invalidCsv: 'invalid_csv',
  /** A timeframe string or length is not understood. */
  invalidTimeframe: 'invalid_timeframe',
} as const;

/** One of the values of {@link INDICATOR_ERROR_CODES}. */
export type IndicatorErrorCode = (typeof INDICATOR_ERROR_CODES)[keyof typeof INDICATOR_ERROR_CODES];

/**
 * A parameter of an indicator (period, multiplier, option) is invalid. `code` is `invalid_period` or
 * `invalid_option`; `parameter` names the parameter.
 *
 * @example
 * ```ts
 * import { InvalidParameterError } from '@rrr/indicators';
 *
 * const error = new InvalidParameterError('invalid_period', 'period', 'sma: period must be an integer >= 1 (got 0)');
 * console.log(error.parameter); // "period"
 * ```
 */
export class InvalidParameterError extends IndicatorError {
  /** Name of the offending parameter, e.g. `"period"` or `"stdDev"`. */
  readonly parameter: string;

  /**
   * @param code - `invalid_period` or `invalid_option`
   * @param parameter - name of the offending parameter
   * @param message - human-readable message naming the parameter and its value
   */
  constructor(code: 'invalid_period' | 'invalid_option', parameter: string, message: string) {
    super(code, message);
    this.parameter = parameter;
  }
}

/**
 * Input data of an indicator is unusable: `length_mismatch`, `non_finite_input` (with the input name and
 * index) or `insufficient_data`.
 *
 * @example
 * ```ts
 * import { InvalidInputError } from '@rrr/indicators';
 *
 * const error = new InvalidInputError('non_finite_input', 'close', 'rsi: close[3] is NaN', 3);
 * console.log(error.input, error.index); // "close" 3
 * ```
 */
export class InvalidInputError extends IndicatorError {
  /** Name of the offending input column, e.g. `"close"`. */
  readonly input: string;
  /** Index of the first offending value, or -1 when the error is about the whole column. */
  readonly index: number;

  /**
   * @param code - `length_mismatch`, `non_finite_input`, `insufficient_data` or `nothing_to_replace`
   * @param input - name of the offending input column
   * @param message - human-readable message
   * @param index - index of the first offending value (-1 for the whole column)
   */
  constructor(
    code: 'length_mismatch' | 'non_finite_input' | 'insufficient_data' | 'nothing_to_replace',
    input: string,
    message: string,
    index = -1,
  ) {
    super(code, message);
    this.input = input;
    this.index = index;
  }
}

/**
 * An OHLCV series or CSV file breaks an invariant. `row` is the 0-based data row (header excluded) and
 * `field` the offending column.
 *
 * @example
 * ```ts
 * import { InvalidSeriesError } from '@rrr/indicators';
 *
 * const error = new InvalidSeriesError('invalid_series', 4, 'high', 'row 4: high 9 < max(open, close) 10');
 * console.log(error.row, error.field); // 4 "high"
 * ```
 */
export class InvalidSeriesError extends IndicatorError {
  /** 0-based data row (header excluded), or -1 when not tied to a row. */
  readonly row: number;
  /** Offending field, e.g. `"timestamp"`, `"high"`, `"volume"`. */
  readonly field: string;

  /**
   * @param code - `invalid_series`, `invalid_csv` or `invalid_timeframe`
   * @param row - 0-based data row, or -1
   * @param field - offending field
   * @param message - human-readable message naming the row, field and value
   * @param options - standard `ErrorOptions`; `cause` chains the underlying error (e.g. a file system error)
   */
  constructor(
    code: 'invalid_series' | 'invalid_csv' | 'invalid_timeframe',
    row: number,
    field: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.row = row;
    this.field = field;
  }
}
