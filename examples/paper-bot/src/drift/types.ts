import type { Decimal } from 'decimal.js';

/**
 * One round trip (flat -> long -> flat) of one symbol, from either side of a comparison: the bot's fills
 * (`tradesFromFills`) or the backtester's `trades.csv` (`parseBacktestTradesCsv`).
 *
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import type { DriftTrade } from '@rrr/example-paper-bot';
 *
 * const trade: DriftTrade = {
 *   symbol: 'BTC/USDT', entryTime: 0, entryPrice: new Decimal(100), exitTime: 3_600_000,
 *   exitPrice: new Decimal(101), quantity: new Decimal(1), fees: new Decimal('0.201'), pnl: new Decimal('0.799'),
 * };
 * ```
 */
export interface DriftTrade {
  /** Market symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  /** Time of the first entry fill (the open time of the bar it filled on), ms UTC. */
  readonly entryTime: number;
  /** Average entry price. */
  readonly entryPrice: Decimal;
  /** Time of the last exit fill, ms UTC; null while the trade is still open. */
  readonly exitTime: number | null;
  /** Average exit price; null while the trade is still open. */
  readonly exitPrice: Decimal | null;
  /** Base quantity bought. */
  readonly quantity: Decimal;
  /** Fees of the entry and exit fills, quote currency. */
  readonly fees: Decimal;
  /** Net profit after fees, quote currency; null while the trade is still open. */
  readonly pnl: Decimal | null;
  /** Why it ended, when the source knows (the backtester does, fills do not). */
  readonly exitReason?: string;
}
