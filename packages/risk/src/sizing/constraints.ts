import { Decimal } from 'decimal.js';
import { type DecimalInput, isAboveZero, requirePositive, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import { NoTradeCode, SizeCap, type SizeConstraints, type SizeDecision } from './types.js';

/** @internal Constraints converted and validated once. */
export interface ResolvedConstraints {
  readonly lotStep: Decimal | null;
  readonly minQuantity: Decimal | null;
  readonly maxQuantity: Decimal | null;
  readonly minNotional: Decimal | null;
  readonly maxNotional: Decimal | null;
  readonly maxEquityFraction: Decimal | null;
}

const powerOfTenCache = new WeakMap<Decimal, boolean>();

/**
 * `value.div(step).floor().times(step)`. For a step of 10^-k (k >= 0) and a value of at most `precision`
 * significant digits the division and the product only shift the exponent (exact), so the result is the value
 * rounded down to k decimal places, computed that way without them.
 */
function floorToStep(value: Decimal, step: Decimal): Decimal {
  let pow10 = powerOfTenCache.get(step);
  if (pow10 === undefined) {
    pow10 = step.isFinite() && step.eq(new Decimal(10).pow(step.e));
    powerOfTenCache.set(step, pow10);
  }
  const precision = (value.constructor as typeof Decimal).precision;
  if (pow10 && step.e <= 0 && value.isFinite() && value.sd() <= precision) {
    return value.toDecimalPlaces(-step.e, Decimal.ROUND_FLOOR);
  }
  return value.div(step).floor().times(step);
}

/** @internal Validates constraints; every bound must be > 0 and min <= max. */
export function resolveConstraints(c: SizeConstraints = {}): ResolvedConstraints {
  const opt = (key: keyof SizeConstraints): Decimal | null => {
    const v = c[key];
    return v === undefined ? null : requirePositive(toDecimal(v, `constraints.${key}`), `constraints.${key}`);
  };
  const resolved = {
    lotStep: opt('lotStep'),
    minQuantity: opt('minQuantity'),
    maxQuantity: opt('maxQuantity'),
    minNotional: opt('minNotional'),
    maxNotional: opt('maxNotional'),
    maxEquityFraction: opt('maxEquityFraction'),
  };
  if (resolved.minQuantity && resolved.maxQuantity && resolved.minQuantity.gt(resolved.maxQuantity)) {
    throw new InvalidParameterError(
      'constraints.minQuantity',
      'constraints.minQuantity must be <= maxQuantity',
    );
  }
  if (resolved.minNotional && resolved.maxNotional && resolved.minNotional.gt(resolved.maxNotional)) {
    throw new InvalidParameterError(
      'constraints.minNotional',
      'constraints.minNotional must be <= maxNotional',
    );
  }
  return resolved;
}

/**
 * @internal Caps, rounds down and checks minimums for a raw quantity (which may be any real number;
 * zero or negative gives `below_lot_step`-style no-trade via the minimum checks); `callMaxQuantity` is the
 * per-call cap of `SizingContext.maxQuantity`.
 */
export function applyConstraints(
  rawQuantity: Decimal,
  price: Decimal,
  equity: Decimal,
  c: ResolvedConstraints,
  callMaxQuantity: DecimalInput | undefined = undefined,
): SizeDecision {
  let qty = rawQuantity;
  const capped: SizeCap[] = [];
  if (c.maxQuantity && qty.gt(c.maxQuantity)) {
    qty = c.maxQuantity;
    capped.push(SizeCap.maxQuantity);
  }
  if (callMaxQuantity !== undefined) {
    const max = requirePositive(toDecimal(callMaxQuantity, 'maxQuantity'), 'maxQuantity');
    if (qty.gt(max)) {
      qty = max;
      if (capped.length === 0) capped.push(SizeCap.maxQuantity);
    }
  }
  if (c.maxNotional) {
    const limit = c.maxNotional.div(price);
    if (qty.gt(limit)) {
      qty = limit;
      capped.push(SizeCap.maxNotional);
    }
  }
  if (c.maxEquityFraction) {
    const limit = equity.times(c.maxEquityFraction).div(price);
    if (qty.gt(limit)) {
      qty = limit;
      capped.push(SizeCap.maxEquityFraction);
    }
  }
  if (c.lotStep) qty = floorToStep(qty, c.lotStep);
  if (!isAboveZero(qty)) {
    return {
      ok: false,
      code: NoTradeCode.belowLotStep,
      reason: `size ${rawQuantity.toString()} rounds down to 0 with lot step ${c.lotStep?.toString() ?? 'none'}`,
    };
  }
  if (c.minQuantity && qty.lt(c.minQuantity)) {
    return {
      ok: false,
      code: NoTradeCode.belowMinQuantity,
      reason: `quantity ${qty.toString()} is below minQuantity ${c.minQuantity.toString()}`,
    };
  }
  const notional = qty.times(price);
  if (c.minNotional && notional.lt(c.minNotional)) {
    return {
      ok: false,
      code: NoTradeCode.belowMinNotional,
      reason: `notional ${notional.toString()} is below minNotional ${c.minNotional.toString()}`,
    };
  }
  return { ok: true, quantity: qty, notional, capped };
}

/** @internal Reads and validates equity and price; non-positive equity is a no-trade decision. */
export function readAccount(
  equityInput: DecimalInput,
  priceInput: DecimalInput,
): { equity: Decimal; price: Decimal } | SizeDecision {
  const equity = toDecimal(equityInput, 'equity');
  const price = requirePositive(toDecimal(priceInput, 'price'), 'price');
  if (!isAboveZero(equity)) {
    return { ok: false, code: NoTradeCode.noEquity, reason: `equity ${equity.toString()} is not positive` };
  }
  return { equity, price };
}
