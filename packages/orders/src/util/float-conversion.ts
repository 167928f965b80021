import { Decimal } from 'decimal.js';
import { decimalOf, POW10, readDigits, readSlot } from './decimal-ops.js';

/**
 * `value.toNumber()` without the string round trip (decimal.js formats the value and parses the text back).
 *
 * A finite Decimal is `M × 10^k` with the integer `M` made of its digits. When `M < 2^53` and `|k| <= 22`, both `M`
 * and `10^|k|` are exact floats and one IEEE multiplication or division rounds the exact value correctly: the
 * nearest float, which is what parsing the decimal text gives. Any other value (more than 15–16 digits, an
 * exponent out of that range, NaN, an infinity) goes through `toNumber()`.
 *
 * @param value - the Decimal
 * @returns the nearest float, exactly `value.toNumber()`
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { decimalToFloat } from '@rrr/orders';
 *
 * decimalToFloat(new Decimal('60792.47')); // 60792.47
 * ```
 */
export function decimalToFloat(value: Decimal): number {
  if (!readDigits(value)) return value.toNumber();
  const slot = readSlot();
  const mantissa = slot[0] as number;
  const k = slot[1] as number;
  if (k > 22 || k < -22) return value.toNumber();
  const float = k >= 0 ? mantissa * (POW10[k] as number) : mantissa / (POW10[-k] as number);
  return value.s < 0 ? -float : float;
}

/**
 * `new Ctor(x)` for a float: the Decimal of its shortest round-trip decimal string, computed without building and
 * parsing the string when that decimal has at most 15 significant digits.
 *
 * For a float below 10^15 whose shortest decimal has `j` fractional digits, `round(|x| × 10^j)` is that decimal's
 * integer for the smallest `j` whose quotient by 10^j gives back `x`: with at most 15 digits the product is within
 * 0.25 of that integer, so the rounding cannot miss it, and no other decimal of as few digits gives back `x`.
 *
 * @param x - the float
 * @param Ctor - the Decimal constructor (default decimal.js's `Decimal`)
 * @returns exactly `new Ctor(x)`, the same sign, exponent and digits
 * @example
 * ```ts
 * import { decimalFromFloat } from '@rrr/orders';
 *
 * decimalFromFloat(60000.12).toString(); // "60000.12"
 * ```
 */
export function decimalFromFloat(x: number, Ctor: typeof Decimal = Decimal): Decimal {
  const ax = Math.abs(x);
  if (ax >= 1e-6 && ax < 1e15) {
    for (let j = 0; j <= 21; j++) {
      const p = POW10[j] as number;
      const m = Math.round(ax * p);
      if (m >= 1e15) break;
      if (m / p === ax) return decimalOf(Ctor, x < 0 ? -1 : 1, m, -j) ?? new Ctor(x);
    }
  }
  return new Ctor(x);
}
