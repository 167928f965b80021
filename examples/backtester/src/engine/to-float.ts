import type { Decimal } from 'decimal.js';

/** 10^0 ... 10^22: every one is exactly a float. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Largest integer below which every integer is exactly a float (2^53). */
const EXACT = 2 ** 53;

/**
 * `value.toNumber()` without the string round trip (decimal.js formats the value and parses the text back).
 *
 * A finite Decimal is `M × 10^k` with the integer `M` made of its digits. When `M < 2^53` and `|k| <= 22`, both `M`
 * and `10^|k|` are exact floats and one IEEE multiplication or division rounds the exact value correctly: the
 * nearest float, which is what parsing the decimal text gives. Any other value (more than 15-16 digits, an
 * exponent out of that range, NaN, an infinity) goes through `toNumber()`.
 *
 * @param value - the Decimal
 * @returns the nearest float, exactly `value.toNumber()`
 * @example
 * ```ts
 * toFloat(new Decimal('60792.47')); // 60792.47, the same float as new Decimal('60792.47').toNumber()
 * ```
 */
export function toFloat(value: Decimal): number {
  const words = value.d;
  if (!words || words.length > 3) return value.toNumber();
  // decimal.js keeps the digits in base-10^7 words; the first holds the digits down to the exponent's multiple of 7
  let mantissa = 0;
  for (const word of words) mantissa = mantissa * 1e7 + word;
  if (mantissa >= EXACT) return value.toNumber();
  const firstDigits = ((value.e % 7) + 7) % 7;
  const k = value.e - firstDigits - 7 * (words.length - 1);
  if (k > 22 || k < -22) return value.toNumber();
  const float = k >= 0 ? mantissa * (POW10[k] ?? 1) : mantissa / (POW10[-k] ?? 1);
  return value.s < 0 ? -float : float;
}
