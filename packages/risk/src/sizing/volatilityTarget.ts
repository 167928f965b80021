import type { Decimal } from 'decimal.js';
import { type DecimalInput, requireFraction, requirePositive, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import {
  applyConstraints,
  type ResolvedConstraints,
  readAccount,
  resolveConstraints,
} from './constraints.js';
import type { SizeConstraints, SizeDecision, Sizer, SizingContext } from './types.js';

/**
 * Options of {@link VolatilityTargetSizer}.
 *
 * - `method: 'atr'`: quantity = equity * riskFraction / (atrMultiple * ATR) — a move of `atrMultiple` ATRs
 *   costs `riskFraction` of equity (turtle-style "N" sizing). Requires `context.atr`.
 * - `method: 'stdev'`: notional = equity * targetVolatility / volatility — the position's return
 *   volatility equals `targetVolatility` of equity per period. Requires `context.volatility`.
 *
 * @example
 * ```ts
 * import { VolatilityTargetSizer, type VolatilityTargetOptions } from '@rrr/risk';
 *
 * const byAtr: VolatilityTargetOptions = { method: 'atr', riskFraction: 0.01, atrMultiple: 2 };
 * const byStdev: VolatilityTargetOptions = { method: 'stdev', targetVolatility: 0.02 };
 * const sizers = [new VolatilityTargetSizer(byAtr), new VolatilityTargetSizer(byStdev)];
 * ```
 */
export type VolatilityTargetOptions =
  | {
      /** ATR-based. */
      readonly method: 'atr';
      /** Fraction of equity lost on an adverse move of `atrMultiple` ATRs, in (0, 1]. */
      readonly riskFraction: DecimalInput;
      /** ATR multiple, > 0; default 1. */
      readonly atrMultiple?: DecimalInput;
      /** Exchange/account constraints. */
      readonly constraints?: SizeConstraints;
    }
  | {
      /** Return-stdev-based. */
      readonly method: 'stdev';
      /** Target volatility of the position as a fraction of equity per period, > 0. */
      readonly targetVolatility: DecimalInput;
      /** Exchange/account constraints. */
      readonly constraints?: SizeConstraints;
    };

/**
 * Volatility targeting, by ATR or by return standard deviation (see {@link VolatilityTargetOptions}).
 *
 * @example
 * ```ts
 * import { VolatilityTargetSizer } from '@rrr/risk';
 *
 * const atr = new VolatilityTargetSizer({ method: 'atr', riskFraction: 0.01, atrMultiple: 2 });
 * const a = atr.size({ equity: 10000, price: 100, atr: 2.5 }); // 100 / 5 = 20 units
 * const vol = new VolatilityTargetSizer({ method: 'stdev', targetVolatility: 0.01 });
 * const b = vol.size({ equity: 10000, price: 100, volatility: 0.04 }); // notional 2500 -> 25 units
 * if (a.ok && b.ok) console.log(a.quantity.toString(), b.quantity.toString()); // "20 25"
 * ```
 */
export class VolatilityTargetSizer implements Sizer {
  /** `"volatility_target_atr"` or `"volatility_target_stdev"` */
  readonly name: string;
  readonly #method: 'atr' | 'stdev';
  readonly #numerator: Decimal;
  readonly #atrMultiple: Decimal;
  readonly #constraints: ResolvedConstraints;

  /** @param options - method, its parameters and constraints */
  constructor(options: VolatilityTargetOptions) {
    this.#method = options.method;
    this.name = `volatility_target_${options.method}`;
    if (options.method === 'atr') {
      this.#numerator = requireFraction(toDecimal(options.riskFraction, 'riskFraction'), 'riskFraction');
      this.#atrMultiple = requirePositive(toDecimal(options.atrMultiple ?? 1, 'atrMultiple'), 'atrMultiple');
    } else if (options.method === 'stdev') {
      this.#numerator = requirePositive(
        toDecimal(options.targetVolatility, 'targetVolatility'),
        'targetVolatility',
      );
      this.#atrMultiple = toDecimal(1, 'atrMultiple');
    } else {
      throw new InvalidParameterError('method', `method must be "atr" or "stdev" (got ${String(options)})`);
    }
    this.#constraints = resolveConstraints(options.constraints);
  }

  /**
   * Sizes one entry.
   * @param context - equity, price and `atr` or `volatility`
   */
  size(context: SizingContext): SizeDecision {
    const field = this.#method === 'atr' ? 'atr' : 'volatility';
    const raw = context[field];
    if (raw === undefined) throw new InvalidParameterError(field, `${field} is required by ${this.name}`);
    const vol = requirePositive(toDecimal(raw, field), field);
    const account = readAccount(context.equity, context.price);
    if ('ok' in account) return account;
    const qty =
      this.#method === 'atr'
        ? account.equity.times(this.#numerator).div(vol.times(this.#atrMultiple))
        : account.equity.times(this.#numerator).div(vol).div(account.price);
    return applyConstraints(qty, account.price, account.equity, this.#constraints, context.maxQuantity);
  }
}
