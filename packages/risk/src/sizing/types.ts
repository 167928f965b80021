import type { Decimal } from 'decimal.js';
import type { DecimalInput } from '../core/decimal.js';

/**
 * Codes of a sizing decision that says "no trade".
 *
 * @example
 * ```ts
 * import { FixedFractionalSizer, NoTradeCode } from '@rrr/risk';
 *
 * const d = new FixedFractionalSizer({ riskFraction: 0.01 }).size({ equity: 1000, price: 50, stopPrice: 50 });
 * console.log(!d.ok && d.code === NoTradeCode.zeroRiskDistance); // true
 * ```
 */
export const NoTradeCode = {
  /** The sizing model itself says no trade (e.g. Kelly <= 0); `reason` holds the model's reason. */
  noEdge: 'no_edge',
  /** Nothing is left after rounding down to the lot step. */
  belowLotStep: 'below_lot_step',
  /** The rounded quantity is below `minQuantity`. */
  belowMinQuantity: 'below_min_quantity',
  /** The rounded quantity times the price is below `minNotional`. */
  belowMinNotional: 'below_min_notional',
  /** The stop equals the entry price, so the risk per unit is zero. */
  zeroRiskDistance: 'zero_risk_distance',
  /** Equity is zero or negative. */
  noEquity: 'no_equity',
} as const;

/** One of the {@link NoTradeCode} values. */
export type NoTradeCode = (typeof NoTradeCode)[keyof typeof NoTradeCode];

/**
 * Which cap reduced a size.
 *
 * @example
 * ```ts
 * import { FixedNotionalSizer, SizeCap } from '@rrr/risk';
 *
 * const d = new FixedNotionalSizer({ notional: 5000, constraints: { maxQuantity: 1 } }).size({ equity: 10000, price: 100 });
 * console.log(d.ok && d.capped.includes(SizeCap.maxQuantity)); // true
 * ```
 */
export const SizeCap = {
  /** `maxQuantity` */
  maxQuantity: 'max_quantity',
  /** `maxNotional` */
  maxNotional: 'max_notional',
  /** `maxEquityFraction` */
  maxEquityFraction: 'max_equity_fraction',
} as const;

/** One of the {@link SizeCap} values. */
export type SizeCap = (typeof SizeCap)[keyof typeof SizeCap];

/**
 * Outcome of sizing: a quantity to trade (positive, already capped and rounded down to the lot step)
 * or a no-trade decision with a code and a human reason.
 *
 * @example
 * ```ts
 * import { FixedNotionalSizer, type SizeDecision } from '@rrr/risk';
 *
 * const sizer = new FixedNotionalSizer({ notional: 3, constraints: { minNotional: 5 } });
 * const d: SizeDecision = sizer.size({ equity: 100, price: 1 });
 * console.log(d.ok ? d.quantity.toString() : d.code); // "below_min_notional"
 * ```
 */
export type SizeDecision =
  | {
      /** A trade is sized. */
      readonly ok: true;
      /** Quantity in base units, > 0, a multiple of the lot step. */
      readonly quantity: Decimal;
      /** `quantity * price`. */
      readonly notional: Decimal;
      /** Caps that reduced the raw size, in the order applied. */
      readonly capped: readonly SizeCap[];
    }
  | {
      /** No trade. */
      readonly ok: false;
      /** Stable code. */
      readonly code: NoTradeCode;
      /** Human-readable explanation with the numbers involved. */
      readonly reason: string;
    };

/**
 * Exchange and account constraints applied to every raw size, in this order: caps
 * (`maxQuantity`, `maxNotional`, `maxEquityFraction`), rounding DOWN to `lotStep`, then the minimums
 * (`minQuantity`, `minNotional`), which reject rather than round up.
 *
 * @example
 * ```ts
 * import type { SizeConstraints } from '@rrr/risk';
 *
 * const btcUsdt: SizeConstraints = {
 *   lotStep: '0.00001',
 *   minQuantity: '0.00001',
 *   maxQuantity: '9000',
 *   minNotional: '5',
 *   maxEquityFraction: 1,
 * };
 * ```
 */
export interface SizeConstraints {
  /** Quantity step (lot size); quantities are rounded down to a multiple of it. */
  readonly lotStep?: DecimalInput;
  /** Smallest quantity allowed; below it the decision is no-trade. */
  readonly minQuantity?: DecimalInput;
  /** Largest quantity allowed; larger sizes are capped. */
  readonly maxQuantity?: DecimalInput;
  /** Smallest notional (quantity * price) allowed; below it the decision is no-trade. */
  readonly minNotional?: DecimalInput;
  /** Largest notional allowed; larger sizes are capped. */
  readonly maxNotional?: DecimalInput;
  /** Largest notional as a fraction of equity (1 = no leverage); larger sizes are capped. */
  readonly maxEquityFraction?: DecimalInput;
}

/**
 * What a {@link Sizer} needs to know about the account and the trade. Each sizer documents which
 * optional fields it requires and throws `InvalidParameterError` naming a missing one.
 *
 * @example
 * ```ts
 * import type { SizingContext } from '@rrr/risk';
 *
 * const context: SizingContext = { equity: '25000', price: '64000', stopPrice: '62500', atr: '1200', volatility: 0.035, maxQuantity: '0.3' };
 * ```
 */
export interface SizingContext {
  /** Account equity (quote currency). */
  readonly equity: DecimalInput;
  /** Expected entry price. */
  readonly price: DecimalInput;
  /** Protective stop price (fixed fractional sizing). */
  readonly stopPrice?: DecimalInput;
  /** Average true range in price units (ATR volatility targeting). */
  readonly atr?: DecimalInput;
  /** Standard deviation of periodic returns, e.g. daily (stdev volatility targeting). */
  readonly volatility?: DecimalInput;
  /**
   * Cap on the quantity for this call only (> 0), e.g. what the free cash buys right now: applied like
   * `constraints.maxQuantity` (first of the caps, reported as `max_quantity`), so one sizer built once can serve
   * every call instead of a new sizer per call whose constraints carry the changing cap.
   */
  readonly maxQuantity?: DecimalInput;
}

/**
 * A position-sizing model. All sizers share this interface so a strategy can swap them.
 *
 * @example
 * ```ts
 * import { FixedNotionalSizer, type Sizer } from '@rrr/risk';
 *
 * const sizer: Sizer = new FixedNotionalSizer({ notional: 1000, constraints: { lotStep: '0.001' } });
 * const decision = sizer.size({ equity: 10000, price: 65000 });
 * if (decision.ok) console.log(decision.quantity.toString()); // "0.015"
 * ```
 */
export interface Sizer {
  /** Short name for logs and reports. */
  readonly name: string;
  /**
   * Sizes one entry.
   * @param context - account equity, price and model inputs
   */
  size(context: SizingContext): SizeDecision;
}
