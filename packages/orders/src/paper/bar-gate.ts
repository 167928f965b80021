import { Decimal } from 'decimal.js';
import type { DecimalInput } from '../util/decimal.js';
import { decimalToFloat } from '../util/float-conversion.js';

/** Exact powers of ten as floats (10^0 .. 10^22 are exactly representable). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The float of a plain decimal string (`[-]digits[.digits]`) with at most 15 significant digits, or NaN for any
 * other string. Such a string is an integer below 2^53 divided by an exact power of ten, so one division gives
 * the correctly rounded float, the same as `Number(value)`, without `Number`'s runtime call; and decimal.js reads
 * every such string.
 */
function plainDecimalFloat(value: string): number {
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 && fraction < 0) fraction = 0;
    else if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa > 0) digits += 1;
      if (fraction >= 0) fraction += 1;
    } else return Number.NaN;
  }
  const length = value.length - start;
  if (length === 0 || (fraction >= 0 && length === 1) || digits > 15 || fraction > 22) return Number.NaN;
  const f = fraction > 0 ? mantissa / (POW10[fraction] ?? Number.NaN) : mantissa;
  return start === 1 ? -f : f;
}

/**
 * @internal A price input as a float when it is certainly the float of the value `new Decimal(value)` gives
 * (correctly rounded), NaN otherwise: a Decimal, a NaN, or a string that decimal.js might read differently or
 * refuse. `Number` and decimal.js read the same strings except around white space, which `Number` ignores and
 * decimal.js refuses.
 */
export function plainFloat(value: DecimalInput): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.length === 0) return Number.NaN;
  const plain = plainDecimalFloat(value);
  if (!Number.isNaN(plain)) return plain;
  const f = Number(value);
  return !Number.isNaN(f) && value.trim().length === value.length ? f : Number.NaN;
}

/** @internal True when `new Decimal(value)` certainly does not throw. */
export function acceptedByDecimal(value: DecimalInput): boolean {
  if (typeof value === 'string') return !Number.isNaN(plainFloat(value));
  return typeof value === 'number' || Decimal.isDecimal(value);
}

/** @internal The float copy of an optional Decimal price (NaN when absent); correctly rounded, see `SymbolBook`. */
export function floatOf(price: Decimal | undefined): number {
  return price === undefined ? Number.NaN : decimalToFloat(price);
}
