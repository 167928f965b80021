import type { StreamPrediction } from '@rrr/models';
import type { Fill, Order, OrderManager } from '@rrr/orders';
import type { EquityTracker } from './equity.js';
import type { JournalBar } from './seams.js';
import type { BotState, FillView, OrderView, PredictionView } from './state.js';
import type { SymbolTrader } from './trader.js';

const KEEP = 20;
const CURVE_POINTS = 400;

/** A stored fill as the dashboard shows it. */
export function fillView(fill: Fill): FillView {
  return {
    time: fill.timestamp,
    symbol: fill.symbol,
    orderId: fill.clientOrderId,
    side: fill.side,
    quantity: fill.quantity.toFixed(),
    price: fill.price.toFixed(),
    fee: fill.fee.toFixed(),
  };
}

const orderView = (o: Order): OrderView => ({
  orderId: o.clientOrderId,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  quantity: o.quantity.toFixed(),
  status: o.status,
});

/** What {@link LiveState} reads from the running bot. */
export interface LiveStateSources {
  readonly symbols: readonly string[];
  readonly quote: string;
  readonly traders: ReadonlyMap<string, SymbolTrader>;
  readonly prices: ReadonlyMap<string, number>;
  readonly equity: EquityTracker;
  readonly manager: OrderManager;
  readonly riskState: () => string;
  /** Open times of the traded time steps (grows in live mode). */
  readonly stepTimes: () => { readonly count: number; readonly at: (i: number) => number | undefined };
}

/**
 * The bot's live state for the status line, `/state` and the dashboard: recent fills and predictions, the
 * downsampled equity curve, the open orders, and each symbol's price and position.
 */
export class LiveState {
  readonly #src: LiveStateSources;
  readonly #fills: FillView[];
  readonly #predictions: PredictionView[] = [];
  readonly #curve: [number, number][];
  #openOrders: readonly OrderView[] = [];
  #lastSignal: string;
  /** Time steps processed in total. */
  processed: number;

  /**
   * @param sources - the running bot's parts
   * @param history - journal rows of earlier runs
   * @param storedFills - fills of earlier runs
   * @param processed - time steps processed by earlier runs
   */
  constructor(
    sources: LiveStateSources,
    history: readonly JournalBar[],
    storedFills: readonly Fill[],
    processed: number,
  ) {
    this.#src = sources;
    this.#fills = storedFills.slice(-KEEP).map(fillView);
    this.processed = processed;
    this.#lastSignal = history[history.length - 1]?.signal ?? 'none';
    const steps = history.filter((row, i) => history[i + 1]?.ts !== row.ts);
    const every = Math.max(1, Math.ceil(steps.length / CURVE_POINTS));
    this.#curve = steps.filter((_, i) => i % every === 0).map((b) => [b.ts, b.equity]);
  }

  /** A fill happened. */
  addFill(fill: Fill): void {
    this.#fills.push(fillView(fill));
    if (this.#fills.length > KEEP) this.#fills.shift();
  }

  /** A prediction was made (null: warming up, only the signal is kept). */
  addPrediction(symbol: string, ts: number, direction: string, p: StreamPrediction | null): void {
    this.#lastSignal = direction;
    if (p === null) return;
    this.#predictions.push({
      time: ts,
      symbol,
      direction,
      up: p.probabilities.up,
      flat: p.probabilities.flat,
      down: p.probabilities.down,
    });
    if (this.#predictions.length > KEEP) this.#predictions.shift();
  }

  /** The open orders changed. */
  setOpenOrders(orders: readonly Order[]): void {
    this.#openOrders = orders.map(orderView);
  }

  /** Number of open orders last set. */
  get openOrderCount(): number {
    return this.#openOrders.length;
  }

  /** A time step was processed: the curve keeps one point per `total / 400` steps. */
  stepDone(ts: number, equity: number): void {
    this.processed++;
    const every = Math.max(1, Math.ceil(this.#src.stepTimes().count / CURVE_POINTS));
    if (this.processed % every === 0) this.#curve.push([ts, equity]);
  }

  /** The state now. */
  state(): BotState {
    const { symbols, manager, equity } = this.#src;
    const steps = this.#src.stepTimes();
    const barTime = this.processed > 0 ? (steps.at(this.processed - 1) ?? Number.NaN) : Number.NaN;
    return {
      symbol: symbols.join(', '),
      symbols,
      barTime,
      barsProcessed: this.processed,
      barsTotal: steps.count,
      equity: equity.equity,
      cash: manager.portfolio.balance(this.#src.quote).toNumber(),
      positions: symbols.map((symbol) => {
        const position = manager.portfolio.position(symbol);
        return {
          symbol,
          price: this.#src.prices.get(symbol) ?? Number.NaN,
          quantity: position.quantity.toNumber(),
          averageEntryPrice: position.averageEntryPrice.toNumber(),
          lastSignal: this.#src.traders.get(symbol)?.lastSignal ?? 'none',
        };
      }),
      drawdown: equity.drawdown,
      maxDrawdown: equity.maxDrawdown,
      lastSignal: this.#lastSignal,
      riskState: this.#src.riskState(),
      openOrders: this.#openOrders,
      recentFills: [...this.#fills],
      recentPredictions: [...this.#predictions],
      equityCurve:
        this.processed > 0 && Number.isFinite(barTime)
          ? [...this.#curve, [barTime, equity.equity]]
          : [...this.#curve],
    };
  }
}
