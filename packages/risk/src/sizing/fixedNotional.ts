import type { Decimal } from 'decimal.js';
import { type DecimalInput, requirePositive, toDecimal } from '../core/decimal.js';
import {
  applyConstraints,
  type ResolvedConstraints,
  readAccount,
  resolveConstraints,
} from './constraints.js';
import type { SizeConstraints, SizeDecision, Sizer, SizingContext } from './types.js';

/**
 * Options of {@link FixedNotionalSizer}.
 *
 * @example
 * ```ts
 * import { FixedNotionalSizer, type FixedNotionalOptions } from '@rrr/risk';
 *
 * const options: FixedNotionalOptions = { notional: '250', constraints: { lotStep: '0.01' } };
 * const sizer = new FixedNotionalSizer(options);
 * ```
 */
export interface FixedNotionalOptions {
  /** Notional per trade in quote currency, > 0. */
  readonly notional: DecimalInput;
  /** Exchange/account constraints. */
  readonly constraints?: SizeConstraints;
}

/**
 * Buys a fixed notional amount per trade: quantity = notional / price, then constraints.
 *
 * @example
 * ```ts
 * import { FixedNotionalSizer } from '@rrr/risk';
 *
 * const d = new FixedNotionalSizer({ notional: 500, constraints: { lotStep: '0.01' } }).size({ equity: 10000, price: 30 });
 * if (d.ok) console.log(d.quantity.toString()); // "16.66"
 * ```
 */
export class FixedNotionalSizer implements Sizer {
  /** `"fixed_notional"` */
  readonly name = 'fixed_notional';
  readonly #notional: Decimal;
  readonly #constraints: ResolvedConstraints;

  /** @param options - notional and constraints */
  constructor(options: FixedNotionalOptions) {
    this.#notional = requirePositive(toDecimal(options.notional, 'notional'), 'notional');
    this.#constraints = resolveConstraints(options.constraints);
  }

  /**
   * Sizes one entry; uses `equity` and `price` only.
   * @param context - equity and price
   */
  size(context: SizingContext): SizeDecision {
    const account = readAccount(context.equity, context.price);
    if ('ok' in account) return account;
    return applyConstraints(
      this.#notional.div(account.price),
      account.price,
      account.equity,
      this.#constraints,
      context.maxQuantity,
    );
  }
}
