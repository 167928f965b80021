import type { Fill, MarketInfo, Position } from '@rrr/orders';
import { KellySizer, kellyFromWinLoss, type SizeDecision, StopManager } from '@rrr/risk';
import type { Decimal } from 'decimal.js';
import type { KellyInputs } from '../strategies/types.js';

/** Exit levels of an entry, as fractions of the entry price, and the time stop in bars. */
export interface ExitPlan {
  readonly stopLossPct?: number;
  readonly takeProfitPct?: number;
  readonly maxHoldBars?: number;
}

/** Why a stop-managed position is closed (the `@rrr/risk` exit reasons the plans above can give). */
export type StopExitReason = 'stop_loss' | 'take_profit' | 'time_stop';

/**
 * The paper bot's exits: one `@rrr/risk` `StopManager` over all symbols. After every fill of a symbol its
 * managed position is replaced by one at the portfolio's average entry price and quantity, entered at the fill
 * time, with the levels rounded half-up to the tick's decimals; each closed bar (from the entry bar on) is then
 * checked for stop-loss, take-profit and the time stop, and a triggered exit becomes a market sell.
 */
export class StopExits {
  readonly #stops: StopManager;
  readonly #managed = new Map<string, { id: string; stop: Decimal | null; target: Decimal | null }>();

  /** @param bothTouched - the same-bar rule of the `StopManager` (the paper bot: `stop_first`) */
  constructor(bothTouched: 'stop_first' | 'target_first') {
    this.#stops = new StopManager({ bothTouched });
  }

  /**
   * Re-opens the managed position of `fill.symbol` after a fill.
   *
   * @param fill - the fill
   * @param position - the symbol's position after the fill
   * @param plan - exit levels of the entry (null: none)
   * @param tickDecimals - decimals of the market's tick size
   * @param barMs - bar length (for the time stop)
   */
  onFill(fill: Fill, position: Position, plan: ExitPlan | null, tickDecimals: number, barMs: number): void {
    const previous = this.#managed.get(fill.symbol);
    if (previous !== undefined) this.#stops.close(previous.id);
    this.#managed.delete(fill.symbol);
    if (!position.quantity.gt(0) || plan === null) return;
    const entryPrice = position.averageEntryPrice;
    const { stopLossPct, takeProfitPct, maxHoldBars } = plan;
    const stop =
      stopLossPct === undefined ? null : entryPrice.times(1 - stopLossPct).toDecimalPlaces(tickDecimals);
    const target =
      takeProfitPct === undefined ? null : entryPrice.times(1 + takeProfitPct).toDecimalPlaces(tickDecimals);
    this.#stops.open({
      id: fill.tradeId,
      symbol: fill.symbol,
      side: 'long',
      entryPrice,
      quantity: position.quantity,
      entryTime: fill.timestamp,
      ...(stop === null ? {} : { stopLoss: stop }),
      ...(target === null ? {} : { takeProfit: target }),
      ...(maxHoldBars === undefined ? {} : { maxHoldMs: maxHoldBars * barMs }),
    });
    this.#managed.set(fill.symbol, { id: fill.tradeId, stop, target });
  }

  /**
   * Checks one closed bar of a symbol; returns the exit reason when a level or the time stop was reached, and
   * whether the bar reached both the stop and the target without gapping through either at the open (the
   * same-bar rule decided).
   *
   * @param symbol - market symbol
   * @param openTime - bar open time
   * @param barMs - bar length
   * @param bar - open, high, low, close
   */
  onBar(
    symbol: string,
    openTime: number,
    barMs: number,
    bar: { open: number; high: number; low: number; close: number },
  ): { reason: StopExitReason; ambiguous: boolean } | null {
    const managed = this.#managed.get(symbol);
    if (managed === undefined) return null;
    const exits = this.#stops.onBar(symbol, { openTime, closeTime: openTime + barMs, ...bar });
    const exit = exits[0];
    if (!exit) return null;
    this.#managed.delete(symbol);
    const { stop, target } = managed;
    const ambiguous =
      stop !== null &&
      target !== null &&
      stop.lt(bar.open) &&
      target.gt(bar.open) &&
      stop.gte(bar.low) &&
      target.lte(bar.high);
    const reason =
      exit.reason === 'take_profit' ? 'take_profit' : exit.reason === 'time_stop' ? 'time_stop' : 'stop_loss';
    return { reason, ambiguous };
  }
}

/**
 * The paper bot's entry size: `KellySizer` on `kellyFromWinLoss` of the strategy's inputs, times `fraction`,
 * capped at `maxEquityFraction` of equity, rounded down to the lot step, at least the min notional; no cap by
 * the free cash (the venue refuses what the balance cannot pay).
 *
 * @param kelly - win / loss probabilities and payoff
 * @param fraction - Kelly multiplier
 * @param market - lot step and min notional
 * @param maxEquityFraction - largest share of equity in the position
 * @param equity - portfolio equity at the close
 * @param price - the close
 */
export function paperBotSize(
  kelly: KellyInputs,
  fraction: number,
  market: MarketInfo,
  maxEquityFraction: number,
  equity: number,
  price: number,
): SizeDecision {
  return new KellySizer({
    kelly: kellyFromWinLoss({
      winRate: kelly.winRate,
      lossRate: kelly.lossRate,
      avgWin: kelly.avgWin,
      avgLoss: kelly.avgLoss,
    }),
    fraction,
    constraints: {
      lotStep: market.lotStep,
      minNotional: market.minNotional,
      maxEquityFraction,
    },
  }).size({ equity, price });
}

/** Shortest positive step between consecutive bar times (the bar length; gaps only make steps longer). */
export function barLength(time: Float64Array): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < time.length; i++) {
    const d = (time[i] ?? 0) - (time[i - 1] ?? 0);
    if (d > 0 && d < best) best = d;
  }
  return Number.isFinite(best) ? best : 0;
}
