import type { DecimalInput } from '../core/decimal.js';

/**
 * Order side.
 *
 * @example
 * ```ts
 * import { type OrderIntent, OrderSide } from '@rrr/risk';
 *
 * const intent: OrderIntent = { symbol: 'SOL/USDT', side: OrderSide.buy, quantity: 3 };
 * ```
 */
export const OrderSide = {
  /** Buy: increases a long or reduces a short. */
  buy: 'buy',
  /** Sell: reduces a long or increases a short. */
  sell: 'sell',
} as const;

/** `'buy' | 'sell'` */
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/**
 * An order a strategy wants to place, before it reaches any venue.
 *
 * @example
 * ```ts
 * import type { OrderIntent } from '@rrr/risk';
 *
 * const limitBuy: OrderIntent = { symbol: 'BTC/USDT', side: 'buy', quantity: '0.01', price: '64000' };
 * const marketSell: OrderIntent = { symbol: 'BTC/USDT', side: 'sell', quantity: '0.01' };
 * ```
 */
export interface OrderIntent {
  /** Instrument symbol, e.g. `"BTC/USDT"`. */
  readonly symbol: string;
  /** Buy or sell. */
  readonly side: OrderSide;
  /** Quantity in base units, > 0. */
  readonly quantity: DecimalInput;
  /** Limit price; omit for a market order (the last price is used for notional checks). */
  readonly price?: DecimalInput;
}

/**
 * A position: signed quantity (positive long, negative short).
 *
 * @example
 * ```ts
 * import type { PositionSnapshot } from '@rrr/risk';
 *
 * const short: PositionSnapshot = { symbol: 'ETH/USDT:USDT', quantity: '-3' };
 * ```
 */
export interface PositionSnapshot {
  /** Instrument symbol. */
  readonly symbol: string;
  /** Signed quantity in base units. */
  readonly quantity: DecimalInput;
}

/**
 * A resting order that has not been filled yet.
 *
 * @example
 * ```ts
 * import type { OpenOrderSnapshot } from '@rrr/risk';
 *
 * const resting: OpenOrderSnapshot = { symbol: 'ETH/USDT', side: 'sell', quantity: '1.25' };
 * ```
 */
export interface OpenOrderSnapshot {
  /** Instrument symbol. */
  readonly symbol: string;
  /** Buy or sell. */
  readonly side: OrderSide;
  /** Remaining (unfilled) quantity, >= 0. */
  readonly quantity: DecimalInput;
}

/**
 * A balance of one asset.
 *
 * @example
 * ```ts
 * import type { BalanceSnapshot } from '@rrr/risk';
 *
 * const usdt: BalanceSnapshot = { asset: 'USDT', free: '10500.25', locked: '499.75' };
 * ```
 */
export interface BalanceSnapshot {
  /** Asset code, e.g. `"USDT"`. */
  readonly asset: string;
  /** Available amount. */
  readonly free: DecimalInput;
  /** Amount reserved by open orders. */
  readonly locked?: DecimalInput;
}

/**
 * The account as seen by the pre-trade check: plain structural data, so any order manager can
 * provide it. Treat a snapshot as immutable: {@link RiskLimits} caches aggregates per snapshot object.
 *
 * @example
 * ```ts
 * import type { PortfolioSnapshot } from '@rrr/risk';
 *
 * const snapshot: PortfolioSnapshot = {
 *   equity: '52000',
 *   dayPnl: '-350',
 *   peakEquity: '55000',
 *   positions: [{ symbol: 'BTC/USDT', quantity: '0.4' }],
 *   openOrders: [{ symbol: 'BTC/USDT', side: 'sell', quantity: '0.1' }],
 *   lastPrices: { 'BTC/USDT': '64000' },
 *   balances: [{ asset: 'USDT', free: '26400' }],
 * };
 * ```
 */
export interface PortfolioSnapshot {
  /** Account equity in quote currency. */
  readonly equity: DecimalInput;
  /** Profit and loss since the start of the trading day (negative = loss). */
  readonly dayPnl: DecimalInput;
  /** Open positions. */
  readonly positions: readonly PositionSnapshot[];
  /** Resting orders. */
  readonly openOrders: readonly OpenOrderSnapshot[];
  /** Last traded (or mark) price per symbol; needed for exposure, market orders and the price collar. */
  readonly lastPrices: Readonly<Record<string, DecimalInput>>;
  /** Balances (informational; limits do not use them). */
  readonly balances?: readonly BalanceSnapshot[];
  /** Highest equity so far; defaults to the highest equity seen by the engine. */
  readonly peakEquity?: DecimalInput;
}

/**
 * Codes of a denied pre-trade decision.
 *
 * @example
 * ```ts
 * import { LimitCode, RiskLimits } from '@rrr/risk';
 *
 * const limits = new RiskLimits({ defaults: { maxOrderQuantity: 1 } });
 * const snapshot = { equity: 100000, dayPnl: 0, positions: [], openOrders: [], lastPrices: {} };
 * const d = limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: 2 }, snapshot);
 * console.log(!d.ok && d.code === LimitCode.maxOrderQuantity); // true
 * ```
 */
export const LimitCode = {
  /** Trading is halted (kill switch or manual). */
  halted: 'halted',
  /** State is `reducing` and the order does not reduce exposure. */
  reducingOnly: 'reducing_only',
  /** Trading on this symbol is disabled by config. */
  symbolDisabled: 'symbol_disabled',
  /** Quantity or price is not a positive finite number. */
  invalidOrder: 'invalid_order',
  /** No last price for the symbol, so notional or collar cannot be checked. */
  noReferencePrice: 'no_reference_price',
  /** `maxOrderQuantity` exceeded. */
  maxOrderQuantity: 'max_order_quantity',
  /** `maxOrderNotional` exceeded. */
  maxOrderNotional: 'max_order_notional',
  /** Limit price outside the collar around the last price (fat finger). */
  priceCollar: 'price_collar',
  /** `maxPositionQuantity` exceeded after the order (including same-side open orders). */
  maxPositionQuantity: 'max_position_quantity',
  /** `maxPositionNotional` exceeded after the order. */
  maxPositionNotional: 'max_position_notional',
  /** `maxGrossExposure` exceeded after the order. */
  maxGrossExposure: 'max_gross_exposure',
  /** `maxNetExposure` exceeded after the order. */
  maxNetExposure: 'max_net_exposure',
  /** `maxLeverage` exceeded after the order. */
  maxLeverage: 'max_leverage',
  /** `maxOpenOrders` (account or symbol) reached. */
  maxOpenOrders: 'max_open_orders',
  /** Too many orders in the rate window. */
  orderRate: 'order_rate',
  /** Day's loss reached `maxDailyLoss`; only reducing orders pass. */
  dailyLoss: 'daily_loss',
} as const;

/** One of the {@link LimitCode} values. */
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/**
 * A pre-trade decision: a value, never an exception.
 *
 * @example
 * ```ts
 * import type { LimitDecision } from '@rrr/risk';
 *
 * const describe = (d: LimitDecision): string => (d.ok ? 'accepted' : `denied (${d.code}): ${d.reason}`);
 * ```
 */
export type LimitDecision =
  | {
      /** The order may go to the venue. */
      readonly ok: true;
    }
  | {
      /** The order is denied. */
      readonly ok: false;
      /** Stable code. */
      readonly code: LimitCode;
      /** Human-readable reason with the numbers involved. */
      readonly reason: string;
    };

/**
 * Trading state of the account.
 *
 * @example
 * ```ts
 * import { RiskLimits, TradingState } from '@rrr/risk';
 *
 * const limits = new RiskLimits({});
 * limits.setState(TradingState.halted, 'exchange incident');
 * limits.state; // "halted"
 * ```
 */
export const TradingState = {
  /** All rules apply normally. */
  active: 'active',
  /** Only orders that reduce exposure pass. */
  reducing: 'reducing',
  /** Every order is denied. */
  halted: 'halted',
} as const;

/** One of the {@link TradingState} values. */
export type TradingState = (typeof TradingState)[keyof typeof TradingState];
