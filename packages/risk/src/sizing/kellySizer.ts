import { Decimal } from 'decimal.js';
import { type DecimalInput, requireFraction, toDecimal } from '../core/decimal.js';
import type { KellyEstimate } from '../kelly/estimate.js';
import {
  applyConstraints,
  type ResolvedConstraints,
  readAccount,
  resolveConstraints,
} from './constraints.js';
import {
  NoTradeCode,
  type SizeConstraints,
  type SizeDecision,
  type Sizer,
  type SizingContext,
} from './types.js';

/**
 * Options of {@link KellySizer}.
 *
 * @example
 * ```ts
 * import { KellySizer, type KellySizerOptions, kellyFromReturns } from '@rrr/risk';
 *
 * const options: KellySizerOptions = {
 *   kelly: kellyFromReturns([0.021, -0.012, 0.034, -0.009, 0.015]),
 *   fraction: 0.5,
 *   constraints: { lotStep: '0.0001', maxEquityFraction: 1 },
 * };
 * const sizer = new KellySizer(options);
 * ```
 */
export interface KellySizerOptions {
  /** A Kelly estimate, or a raw Kelly fraction f*. */
  readonly kelly: KellyEstimate | DecimalInput;
  /** Multiplier in (0, 1] applied to f* (0.5 = half Kelly); default 1. */
  readonly fraction?: DecimalInput;
  /** Exchange/account constraints (use `maxEquityFraction` to forbid leverage). */
  readonly constraints?: SizeConstraints;
}

const isEstimate = (k: KellyEstimate | DecimalInput): k is KellyEstimate =>
  typeof k === 'object' && !Decimal.isDecimal(k) && 'trade' in k;

/**
 * Kelly sizing: notional = equity * f* * fraction, quantity = notional / price, then constraints.
 * f* <= 0 (or a no-trade estimate) gives a `no_edge` decision carrying the estimate's reason.
 *
 * @example
 * ```ts
 * import { KellySizer, kellyFromWinLoss } from '@rrr/risk';
 *
 * const kelly = kellyFromWinLoss({ winRate: 0.55, avgWin: 1, avgLoss: 1 }); // f* = 0.1
 * const sizer = new KellySizer({ kelly, fraction: 0.5, constraints: { lotStep: '0.0001', minNotional: 10 } });
 * const d = sizer.size({ equity: 20000, price: 50000 }); // 1000 notional -> 0.02
 * if (d.ok) console.log(d.quantity.toString()); // "0.02"
 * ```
 */
export class KellySizer implements Sizer {
  /** `"kelly"` */
  readonly name = 'kelly';
  readonly #fraction: Decimal;
  readonly #noTradeReason: string | null;
  readonly #constraints: ResolvedConstraints;

  /** @param options - Kelly estimate or fraction, multiplier and constraints */
  constructor(options: KellySizerOptions) {
    const multiplier = requireFraction(toDecimal(options.fraction ?? 1, 'fraction'), 'fraction');
    const { kelly } = options;
    const f = isEstimate(kelly) ? kelly.fraction : toDecimal(kelly, 'kelly');
    const reason = isEstimate(kelly) ? kelly.reason : null;
    this.#fraction = f.isFinite() ? f.times(multiplier) : f;
    this.#noTradeReason = !this.#fraction.gt(0)
      ? `kelly fraction ${this.#fraction.toString()} is not positive${reason ? ` (${reason})` : ''}`
      : null;
    this.#constraints = resolveConstraints(options.constraints);
  }

  /** The fraction of equity this sizer allocates before constraints (f* times the multiplier). */
  get fraction(): Decimal {
    return this.#fraction;
  }

  /**
   * Sizes one entry; uses `equity` and `price`.
   * @param context - equity and price
   */
  size(context: SizingContext): SizeDecision {
    const account = readAccount(context.equity, context.price);
    if ('ok' in account) return account;
    if (this.#noTradeReason !== null)
      return { ok: false, code: NoTradeCode.noEdge, reason: this.#noTradeReason };
    const qty = account.equity.times(this.#fraction).div(account.price);
    return applyConstraints(qty, account.price, account.equity, this.#constraints, context.maxQuantity);
  }
}
