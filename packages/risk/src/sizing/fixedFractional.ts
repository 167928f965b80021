import type { Decimal } from 'decimal.js';
import { type DecimalInput, requireFraction, requirePositive, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import {
  applyConstraints,
  type ResolvedConstraints,
  readAccount,
  resolveConstraints,
} from './constraints.js';
import { type FloatBounds, floatBounds, floatDecision, positiveFloat } from './float-decision.js';
import {
  NoTradeCode,
  type SizeConstraints,
  type SizeDecision,
  type Sizer,
  type SizingContext,
} from './types.js';

/**
 * Options of {@link FixedFractionalSizer}.
 *
 * @example
 * ```ts
 * import { FixedFractionalSizer, type FixedFractionalOptions } from '@rrr/risk';
 *
 * const options: FixedFractionalOptions = { riskFraction: '0.005', constraints: { lotStep: '0.001', minNotional: 5 } };
 * const sizer = new FixedFractionalSizer(options);
 * ```
 */
export interface FixedFractionalOptions {
  /** Fraction of equity lost if the stop is hit, in (0, 1] (e.g. 0.01 = 1%). */
  readonly riskFraction: DecimalInput;
  /** Exchange/account constraints. */
  readonly constraints?: SizeConstraints;
}

/**
 * Fixed fractional sizing: risk `riskFraction` of equity between entry and stop.
 * quantity = equity * riskFraction / |price - stopPrice|. Requires `context.stopPrice`.
 *
 * @example
 * ```ts
 * import { FixedFractionalSizer } from '@rrr/risk';
 *
 * const sizer = new FixedFractionalSizer({ riskFraction: 0.01, constraints: { lotStep: '0.001' } });
 * // risk 100 on a 2000 stop distance -> 0.05 BTC
 * const d = sizer.size({ equity: 10000, price: 60000, stopPrice: 58000 });
 * if (d.ok) console.log(d.quantity.toString()); // "0.05"
 * ```
 */
export class FixedFractionalSizer implements Sizer {
  /** `"fixed_fractional"` */
  readonly name = 'fixed_fractional';
  readonly #risk: Decimal;
  readonly #riskFloat: number;
  readonly #constraints: ResolvedConstraints;
  readonly #bounds: FloatBounds;

  /** @param options - risk fraction and constraints */
  constructor(options: FixedFractionalOptions) {
    this.#risk = requireFraction(toDecimal(options.riskFraction, 'riskFraction'), 'riskFraction');
    this.#riskFloat = this.#risk.toNumber();
    this.#constraints = resolveConstraints(options.constraints);
    this.#bounds = floatBounds(this.#constraints);
  }

  /**
   * Sizes one entry.
   * @param context - equity, price and stopPrice
   */
  size(context: SizingContext): SizeDecision {
    if (context.stopPrice === undefined) {
      throw new InvalidParameterError('stopPrice', 'stopPrice is required by FixedFractionalSizer');
    }
    const fast = this.#sizeWithFloats(context);
    if (fast) return fast;
    const stop = requirePositive(toDecimal(context.stopPrice, 'stopPrice'), 'stopPrice');
    const account = readAccount(context.equity, context.price);
    if ('ok' in account) return account;
    const distance = account.price.minus(stop).abs();
    if (distance.isZero()) {
      return {
        ok: false,
        code: NoTradeCode.zeroRiskDistance,
        reason: `stopPrice ${stop.toString()} equals price: risk per unit is zero`,
      };
    }
    const qty = account.equity.times(this.#risk).div(distance);
    return applyConstraints(qty, account.price, account.equity, this.#constraints, context.maxQuantity);
  }

  /**
   * The same decision from floats when every input is a plain positive number and every step is decided with room
   * to spare (see `floatDecision`), else undefined. The raw quantity `equity × risk / |price − stop|` is within
   * `tolerance` of the exact one: a few ulps for the products, plus the float subtraction's error relative to the
   * distance.
   */
  #sizeWithFloats(context: SizingContext): SizeDecision | undefined {
    const { equity, price, stopPrice } = context;
    if (typeof equity !== 'number' || typeof price !== 'number' || typeof stopPrice !== 'number')
      return undefined;
    if (!(equity > 0 && price > 0 && stopPrice > 0) || !Number.isFinite(equity + price + stopPrice))
      return undefined;
    const callMax = positiveFloat(context.maxQuantity);
    if (context.maxQuantity !== undefined && Number.isNaN(callMax)) return undefined;
    const distance = Math.abs(price - stopPrice);
    if (!(distance > 0)) return undefined;
    const tolerance = ((price + stopPrice) / distance) * 2 ** -50;
    return floatDecision(
      (equity * this.#riskFloat) / distance,
      tolerance,
      price,
      () => toDecimal(price, 'price'),
      equity,
      callMax,
      this.#constraints,
      this.#bounds,
    );
  }
}
