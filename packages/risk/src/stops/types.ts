import type { Decimal } from 'decimal.js';
import type { DecimalInput } from '../core/decimal.js';

/**
 * Why a position is exited.
 *
 * @example
 * ```ts
 * import { type ExitIntent, ExitReason } from '@rrr/risk';
 *
 * const stoppedOut = (e: ExitIntent): boolean => e.reason === ExitReason.stopLoss;
 * ```
 */
export const ExitReason = {
  /** The fixed stop-loss was hit. */
  stopLoss: 'stop_loss',
  /** The take-profit target was hit. */
  takeProfit: 'take_profit',
  /** The trailing stop was hit. */
  trailingStop: 'trailing_stop',
  /** The break-even stop was hit. */
  breakEven: 'break_even',
  /** The position was held for the maximum time. */
  timeStop: 'time_stop',
} as const;

/** One of the {@link ExitReason} values. */
export type ExitReason = (typeof ExitReason)[keyof typeof ExitReason];

/**
 * Trailing stop settings: a percentage or an ATR multiple behind the best price since entry.
 *
 * @example
 * ```ts
 * import type { TrailingStop } from '@rrr/risk';
 *
 * const byPercent: TrailingStop = { type: 'percent', percent: '0.04' };
 * const byAtr: TrailingStop = { type: 'atr', multiple: 3 };
 * ```
 */
export type TrailingStop =
  | {
      /** Percent-based. */
      readonly type: 'percent';
      /** Distance as a fraction of the best price, in (0, 1) (0.05 = 5%). */
      readonly percent: DecimalInput;
    }
  | {
      /** ATR-based; every bar must carry `atr`. */
      readonly type: 'atr';
      /** Distance in ATRs, > 0. */
      readonly multiple: DecimalInput;
    };

/**
 * A position to protect, registered with `StopManager.open`.
 *
 * @example
 * ```ts
 * import type { StopPlan } from '@rrr/risk';
 *
 * const plan: StopPlan = {
 *   id: 'sol-7',
 *   symbol: 'SOL/USDT',
 *   side: 'short',
 *   entryPrice: '150',
 *   quantity: '20',
 *   entryTime: 0,
 *   stopLoss: '156',
 *   takeProfit: '138',
 *   trailing: { type: 'atr', multiple: 2.5 },
 *   breakEven: { trigger: '4' },
 *   maxHoldMs: 86400000,
 * };
 * ```
 */
export interface StopPlan {
  /** Unique id of the position (used in exit intents). */
  readonly id: string;
  /** Instrument symbol. */
  readonly symbol: string;
  /** Long or short. */
  readonly side: 'long' | 'short';
  /** Entry price, > 0. */
  readonly entryPrice: DecimalInput;
  /** Quantity to exit, > 0. */
  readonly quantity: DecimalInput;
  /** Entry time (ms). Bars opening before it are ignored. */
  readonly entryTime: number;
  /** Fixed stop-loss price (below entry for a long, above for a short). */
  readonly stopLoss?: DecimalInput;
  /** Take-profit price (above entry for a long, below for a short). */
  readonly takeProfit?: DecimalInput;
  /** Trailing stop. */
  readonly trailing?: TrailingStop;
  /**
   * Break-even move: once the price has moved `trigger` (price units) in favour, the stop moves to
   * entry + `offset` (long) / entry - `offset` (short); `offset` defaults to 0.
   */
  readonly breakEven?: { readonly trigger: DecimalInput; readonly offset?: DecimalInput };
  /** Time stop: exit at the close of the first bar ending at or after `entryTime + maxHoldMs`. */
  readonly maxHoldMs?: number;
}

/**
 * A price bar (values may be Decimal, string or number). `closeTime` defaults to `openTime`.
 *
 * @example
 * ```ts
 * import type { StopBar } from '@rrr/risk';
 *
 * const bar: StopBar = { openTime: 0, closeTime: 3600000, open: '64000', high: '64800', low: '63500', close: '64650', atr: '900' };
 * ```
 */
export interface StopBar {
  /** Bar open time (ms). */
  readonly openTime: number;
  /** Time the bar's values are final (ms); default `openTime` (a tick). */
  readonly closeTime?: number;
  /** Open price. */
  readonly open: DecimalInput;
  /** High price. */
  readonly high: DecimalInput;
  /** Low price. */
  readonly low: DecimalInput;
  /** Close price. */
  readonly close: DecimalInput;
  /** ATR known at the close of this bar, for ATR trailing stops. */
  readonly atr?: DecimalInput;
}

/**
 * An instruction to close a position, emitted by the stop manager.
 *
 * @example
 * ```ts
 * import type { ExitIntent } from '@rrr/risk';
 *
 * const toOrder = (e: ExitIntent) => ({ symbol: e.symbol, side: e.side, quantity: e.quantity.toString(), tag: e.reason });
 * ```
 */
export interface ExitIntent {
  /** Position id. */
  readonly id: string;
  /** Instrument symbol. */
  readonly symbol: string;
  /** Order side that closes the position: `sell` for a long, `buy` for a short. */
  readonly side: 'buy' | 'sell';
  /** Quantity to close. */
  readonly quantity: Decimal;
  /** Why. */
  readonly reason: ExitReason;
  /** Expected exit price: the stop/target level, or the bar open when the bar gapped through it, or the close for a time stop. */
  readonly price: Decimal;
  /** When the exit was triggered (bar close time, ms). */
  readonly time: number;
}

/**
 * What the manager does when one bar touches both the stop and the target.
 *
 * @example
 * ```ts
 * import { BothTouchedRule, StopManager } from '@rrr/risk';
 *
 * const pessimistic = new StopManager({ bothTouched: BothTouchedRule.stopFirst }); // the default
 * ```
 */
export const BothTouchedRule = {
  /** Assume the stop was hit first (pessimistic, the default). */
  stopFirst: 'stop_first',
  /** Assume the target was hit first (optimistic). */
  targetFirst: 'target_first',
} as const;

/** One of the {@link BothTouchedRule} values. */
export type BothTouchedRule = (typeof BothTouchedRule)[keyof typeof BothTouchedRule];
