import { Decimal } from 'decimal.js';
import { InvalidParameterError } from '../errors.js';

/**
 * A money, price or quantity input: a `Decimal`, a decimal string (`"0.001"`) or a finite number.
 * Public functions convert it with {@link toDecimal}; outputs are always `Decimal`.
 *
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import type { DecimalInput } from '@rrr/risk';
 *
 * const inputs: DecimalInput[] = [new Decimal('0.1'), '0.1', 0.1];
 * ```
 */
export type DecimalInput = Decimal | string | number;

/**
 * Converts a {@link DecimalInput} to a finite `Decimal`, or throws {@link InvalidParameterError}
 * naming `field` (NaN, Infinity, unparsable strings and other types are refused).
 *
 * @param value - the value to convert
 * @param field - parameter name used in the error
 * @example
 * ```ts
 * import { toDecimal } from '@rrr/risk';
 *
 * toDecimal('0.1', 'price').plus(0.2).toString(); // "0.3"
 * ```
 */
export function toDecimal(value: DecimalInput, field: string): Decimal {
  let result: Decimal;
  if (Decimal.isDecimal(value)) {
    result = value;
  } else if (typeof value === 'number' || typeof value === 'string') {
    if (typeof value === 'string' && value.trim() === '') {
      throw new InvalidParameterError(field, `${field} must be a finite decimal (got empty string)`);
    }
    try {
      result = new Decimal(value);
    } catch (cause) {
      throw new InvalidParameterError(
        field,
        `${field} must be a finite decimal (got ${JSON.stringify(value)})`,
        {
          cause,
        },
      );
    }
  } else {
    throw new InvalidParameterError(
      field,
      `${field} must be a Decimal, string or number (got ${typeof value})`,
    );
  }
  if (!result.isFinite()) {
    throw new InvalidParameterError(field, `${field} must be finite (got ${String(value)})`);
  }
  return result;
}

/** @internal Finite float check used by analytics inputs. */
export function toFiniteNumber(value: DecimalInput, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new InvalidParameterError(field, `${field} must be finite (got ${value})`);
    return value;
  }
  return toDecimal(value, field).toNumber();
}

const ONE = new Decimal(1);

/**
 * @internal `value > 0` read from the sign and the digits (`value.gt(0)` builds a Decimal of the 0 on every
 * call); false for NaN, zero and negative values and true for +Infinity, like `gt(0)`.
 */
export function isAboveZero(value: Decimal): boolean {
  return value.s === 1 && (value.d === null || value.d[0] !== 0);
}

/** @internal Throws unless `value` >= 0. */
export function requireNonNegative(value: Decimal, field: string): Decimal {
  if (value.isNegative() && !value.isZero()) {
    throw new InvalidParameterError(field, `${field} must be >= 0 (got ${value.toString()})`);
  }
  return value;
}

/** @internal Throws unless `value` > 0. */
export function requirePositive(value: Decimal, field: string): Decimal {
  if (!isAboveZero(value))
    throw new InvalidParameterError(field, `${field} must be > 0 (got ${value.toString()})`);
  return value;
}

/** @internal Throws unless `value` is in (0, 1]. */
export function requireFraction(value: Decimal, field: string): Decimal {
  if (!isAboveZero(value) || value.gt(ONE)) {
    throw new InvalidParameterError(field, `${field} must be in (0, 1] (got ${value.toString()})`);
  }
  return value;
}
