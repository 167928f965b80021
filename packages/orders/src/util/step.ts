import { Decimal } from 'decimal.js';

const powerOfTenCache = new WeakMap<Decimal, boolean>();

/** @internal True when `step` is a power of ten (0.01, 0.00001, 1, 100, ...); cached per Decimal instance. */
export function isPowerOfTen(step: Decimal): boolean {
  let pow10 = powerOfTenCache.get(step);
  if (pow10 === undefined) {
    pow10 = step.isFinite() && step.eq(new Decimal(10).pow(step.e));
    powerOfTenCache.set(step, pow10);
  }
  return pow10;
}

/**
 * @internal `value.div(step).toDecimalPlaces(0, rounding).mul(step)`: `value` rounded to a multiple of `step`.
 *
 * For a step of 10^-k (k >= 0) and a value of at most `precision` significant digits, the division and the
 * multiplication only shift the exponent (they are exact), so the result is `value` rounded to k decimal places:
 * computed that way, without the two Decimal operations. Any other input takes the general formula.
 */
export function roundToStep(value: Decimal, step: Decimal, rounding: Decimal.Rounding): Decimal {
  const precision = (value.constructor as typeof Decimal).precision;
  if (step.e <= 0 && value.isFinite() && value.sd() <= precision && isPowerOfTen(step)) {
    // already on the step: the value itself (rounding would return an equal copy)
    if (value.decimalPlaces() <= -step.e) return value;
    return value.toDecimalPlaces(-step.e, rounding);
  }
  return value.div(step).toDecimalPlaces(0, rounding).mul(step);
}
