import type { Decimal } from 'decimal.js';
import type { DecimalInput } from '../core/decimal.js';
import type { ResolvedConstraints } from './constraints.js';
import { SizeCap, type SizeDecision } from './types.js';

/**
 * @internal The float values of resolved constraints (NaN where a bound is absent), read once per sizer.
 */
export interface FloatBounds {
  readonly lotStep: number;
  readonly maxQuantity: number;
  readonly maxNotional: number;
  readonly maxEquityFraction: number;
}

/** @internal Float values of the bounds of `c`. */
export function floatBounds(c: ResolvedConstraints): FloatBounds {
  return {
    lotStep: c.lotStep ? c.lotStep.toNumber() : Number.NaN,
    maxQuantity: c.maxQuantity ? c.maxQuantity.toNumber() : Number.NaN,
    maxNotional: c.maxNotional ? c.maxNotional.toNumber() : Number.NaN,
    maxEquityFraction: c.maxEquityFraction ? c.maxEquityFraction.toNumber() : Number.NaN,
  };
}

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * @internal A positive input as a float when reading it as one cannot change what the exact path accepts: a finite
 * number above 0, or a plain decimal string (digits, an optional fraction) above 0. NaN for anything else (a
 * `Decimal`, signs, exponents, spaces, zero): the caller then takes the exact path, which also words the errors.
 */
export function positiveFloat(x: DecimalInput | undefined): number {
  if (typeof x === 'number') return Number.isFinite(x) && x > 0 ? x : Number.NaN;
  if (typeof x === 'string' && PLAIN_DECIMAL.test(x)) {
    const v = Number(x);
    return v > 0 && v < Number.MAX_VALUE ? v : Number.NaN;
  }
  return Number.NaN;
}

/** Smallest relative error bound the float path assumes for any of its values (far above the few ulps it has). */
export const MIN_TOLERANCE = 1e-12;

/** `a > b` when the floats are further apart than `margin` (relative) allows; undefined when they are not. */
function decidedAbove(a: number, b: number, margin: number): boolean | undefined {
  if (a > b * (1 + margin)) return true;
  if (a < b * (1 - margin)) return false;
  return undefined;
}

/**
 * @internal The decision `applyConstraints` reaches, computed with floats where every step is decided with room to
 * spare, or undefined when one is not (then the caller runs the exact path, which gives the same decision by
 * construction).
 *
 * `raw` is the float of the raw quantity and `tolerance` bounds its relative error against the exact `Decimal` raw
 * quantity (at least {@link MIN_TOLERANCE}); every other float here (the bounds, the per-call cap, price and
 * equity) is within a few ulps of its exact value. A cap comparison, and the rounding down to the lot step, is
 * taken from the floats only when the two sides differ by more than four times the tolerance; the returned
 * quantity is then `lotStep × n` computed in `Decimal`, the value the exact path rounds down to. Only the ok
 * decision is produced here: zero lots, minimum quantity and minimum notional refusals go to the exact path, which
 * words their reasons. Requires a lot step (without one the quantity is the exact quotient itself).
 *
 * @param raw - the raw quantity as a float (> 0)
 * @param tolerance - relative error bound of `raw`
 * @param price - price as a float (> 0)
 * @param priceDecimal - the exact price (for the notional)
 * @param equity - equity as a float (> 0)
 * @param callMax - the per-call quantity cap as a float, NaN when none
 * @param c - the resolved constraints
 * @param f - their floats
 */
export function floatDecision(
  raw: number,
  tolerance: number,
  price: number,
  priceDecimal: () => Decimal,
  equity: number,
  callMax: number,
  c: ResolvedConstraints,
  f: FloatBounds,
): SizeDecision | undefined {
  if (c.lotStep === null || !(raw > 0) || !(tolerance < 1e-6)) return undefined;
  const margin = 4 * Math.max(tolerance, MIN_TOLERANCE);
  let qty = raw;
  const capped: SizeCap[] = [];
  if (c.maxQuantity) {
    const above = decidedAbove(qty, f.maxQuantity, margin);
    if (above === undefined) return undefined;
    if (above) {
      qty = f.maxQuantity;
      capped.push(SizeCap.maxQuantity);
    }
  }
  if (!Number.isNaN(callMax)) {
    const above = decidedAbove(qty, callMax, margin);
    if (above === undefined) return undefined;
    if (above) {
      qty = callMax;
      if (capped.length === 0) capped.push(SizeCap.maxQuantity);
    }
  }
  if (c.maxNotional) {
    const limit = f.maxNotional / price;
    const above = decidedAbove(qty, limit, margin);
    if (above === undefined) return undefined;
    if (above) {
      qty = limit;
      capped.push(SizeCap.maxNotional);
    }
  }
  if (c.maxEquityFraction) {
    const limit = (equity * f.maxEquityFraction) / price;
    const above = decidedAbove(qty, limit, margin);
    if (above === undefined) return undefined;
    if (above) {
      qty = limit;
      capped.push(SizeCap.maxEquityFraction);
    }
  }
  const lots = qty / f.lotStep;
  if (!(lots < 2 ** 52)) return undefined;
  const n = Math.floor(lots);
  // zero lots is a refusal; a quotient this close to a whole number could round either way exactly
  if (n === 0 || lots - n <= lots * margin || n + 1 - lots <= lots * margin) return undefined;
  const quantity = c.lotStep.times(n);
  if (c.minQuantity && quantity.lt(c.minQuantity)) return undefined;
  const notional = quantity.times(priceDecimal());
  if (c.minNotional && notional.lt(c.minNotional)) return undefined;
  return { ok: true, quantity, notional, capped };
}
