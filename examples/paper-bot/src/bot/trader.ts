import type { Bar } from '@rrr/indicators';
import type { DirectionModel, StreamPrediction } from '@rrr/models';
import { DirectionStream } from '@rrr/models';
import type { Fill, MarketInfo, Order, OrderManager, Position } from '@rrr/orders';
import { type ExitIntent, KellySizer, kellyFromWinLoss, StopManager } from '@rrr/risk';
import type { Decimal } from 'decimal.js';
import type { PaperBotConfig } from '../config/schema.js';
import { BAR_MS } from '../data/feed.js';

/** What a trader saw at a bar: the stops' exits and the model's prediction. */
export interface BarView {
  /** Exits the stops asked for at this bar. */
  readonly exits: readonly ExitIntent[];
  /** The model's prediction (null while warming up). */
  readonly prediction: StreamPrediction | null;
  /** `up`, `down`, `flat`, `hold`, or `none` while warming up. */
  readonly direction: string;
}

/** What the portfolio allows a trader when it decides (computed across all symbols). */
export interface Allowance {
  /** Portfolio equity at the close. */
  readonly equity: number;
  /** Notional the portfolio may still add: equity minus every position and open buy order, >= 0. */
  readonly headroom: number;
  /** Open orders of this trader's symbol. */
  readonly openOrders: readonly Order[];
}

/**
 * One symbol's strategy: a streaming model prediction, fixed stops (loss, profit, time) on the long position,
 * fractional-Kelly entry sizing capped per position and by the portfolio's headroom, and the order decisions
 * (exit on a stop or a `down` signal, enter on `up` when flat). Client order ids derive from the bar, so a bar
 * processed again after a crash never duplicates an order.
 */
export class SymbolTrader {
  /** Market symbol. */
  readonly symbol: string;
  /** The venue's rules of the market. */
  readonly market: MarketInfo;
  /** Last model output. */
  lastSignal: string;
  readonly #config: PaperBotConfig;
  readonly #stream: DirectionStream;
  readonly #stops = new StopManager();
  readonly #idPrefix: (ts: number) => string;

  /**
   * @param options - symbol, market, model, configuration, whether the model was trained on this symbol, and
   *   whether client order ids name the symbol (several symbols)
   */
  constructor(options: {
    readonly symbol: string;
    readonly market: MarketInfo;
    readonly model: DirectionModel;
    readonly config: PaperBotConfig;
    readonly trainedOn: boolean;
    readonly namedIds: boolean;
    readonly lastSignal?: string | undefined;
  }) {
    this.symbol = options.symbol;
    this.market = options.market;
    this.#config = options.config;
    this.lastSignal = options.lastSignal ?? 'none';
    // The model's own market is refused inside its training period; other markets are predicted in any period.
    this.#stream = new DirectionStream(options.model, {
      minConfidence: options.config.strategy.minConfidence,
      trainingPeriod: options.trainedOn ? 'refuse' : 'flag',
    });
    const tag = `${options.market.base}${options.market.quote}`;
    this.#idPrefix = options.namedIds ? (ts) => `pb-${ts}-${tag}` : (ts) => `pb-${ts}`;
  }

  /** Feeds history without predicting (warm-up, and the bars earlier runs processed). */
  warmUp(bars: Iterable<Bar>): void {
    this.#stream.warmUp(bars);
  }

  /**
   * Puts stops on a long position (after an entry fill, or at a restart with a position held).
   *
   * @param entryPrice - average entry price
   * @param quantity - position
   * @param entryTime - entry fill time
   * @param id - id of the stop plan (the entry's client order id)
   */
  openStop(entryPrice: Decimal, quantity: Decimal, entryTime: number, id: string): void {
    const { stopLoss, takeProfit, maxHoldHours } = this.#config.strategy;
    this.#stops.open({
      id,
      symbol: this.symbol,
      side: 'long',
      entryPrice,
      quantity,
      entryTime,
      stopLoss: entryPrice.times(1 - stopLoss).toDecimalPlaces(2),
      takeProfit: entryPrice.times(1 + takeProfit).toDecimalPlaces(2),
      maxHoldMs: maxHoldHours * BAR_MS,
    });
  }

  /** A fill of this symbol: the stops follow the position (replaced while long, removed when flat). */
  onFill(fill: Fill, position: Position): void {
    for (const id of this.#stops.ids) this.#stops.close(id);
    if (position.quantity.gt(0))
      this.openStop(position.averageEntryPrice, position.quantity, fill.timestamp, fill.clientOrderId);
  }

  /**
   * A restart with a position held: stops from the last buy among the stored fills.
   *
   * @param position - the position replayed from the stored fills
   * @param fills - stored fills, oldest first
   * @param now - fallback entry time
   */
  recover(position: Position, fills: readonly Fill[], now: number): void {
    if (!position.quantity.gt(0)) return;
    const lastBuy = [...fills].reverse().find((f) => f.side === 'buy' && f.symbol === this.symbol);
    this.openStop(
      position.averageEntryPrice,
      position.quantity,
      lastBuy?.timestamp ?? now,
      lastBuy?.clientOrderId ?? 'recovered',
    );
  }

  /**
   * The closed bar through the stops, then through the model.
   *
   * @param bar - the closed bar
   * @param closeTime - its close time
   */
  async observe(bar: Bar, closeTime: number): Promise<BarView> {
    const exits = this.#stops.onBar(this.symbol, {
      openTime: bar.timestamp,
      closeTime,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    });
    const prediction = await this.#stream.update(bar);
    const direction = prediction?.direction ?? 'none';
    this.lastSignal = direction;
    return { exits, prediction, direction };
  }

  /**
   * Decides and places this bar's order: sell the whole position on a stop exit or a `down` signal; buy a
   * Kelly-sized position on `up` when flat and the window has no data gap. Nothing while an order is open.
   *
   * @param bar - the closed bar
   * @param view - what {@link observe} returned
   * @param allowance - equity, headroom and this symbol's open orders
   * @param manager - the OrderManager
   * @param placed - called after each order reached the venue (or was denied)
   * @returns client order ids of the orders placed
   */
  async act(
    bar: Bar,
    view: BarView,
    allowance: Allowance,
    manager: OrderManager,
    placed: () => void,
  ): Promise<string[]> {
    if (allowance.openOrders.length > 0) return [];
    const held = manager.portfolio.position(this.symbol).quantity;
    const { prediction, direction } = view;
    if (held.gt(0) && (view.exits.length > 0 || direction === 'down')) {
      const order = await manager.create({
        clientOrderId: `${this.#idPrefix(bar.timestamp)}-exit`,
        symbol: this.symbol,
        side: 'sell',
        type: 'market',
        quantity: held,
        // Not reduce-only: a restarted paper venue knows balances but not positions, and would refuse it. The
        // quantity is exactly the position held, so the sell can only close it.
      });
      placed();
      return [order.clientOrderId];
    }
    if (!held.isZero() || prediction === null || direction !== 'up' || prediction.spansGap) return [];
    const size = this.#sizer(prediction, allowance).size({ equity: allowance.equity, price: bar.close });
    if (!size.ok) return [];
    const order = await manager.create({
      clientOrderId: `${this.#idPrefix(bar.timestamp)}-entry`,
      symbol: this.symbol,
      side: 'buy',
      type: 'market',
      quantity: size.quantity,
    });
    placed();
    return [order.clientOrderId];
  }

  #sizer(p: StreamPrediction, allowance: Allowance): KellySizer {
    const { strategy } = this.#config;
    const capped = allowance.headroom < allowance.equity;
    return new KellySizer({
      kelly: kellyFromWinLoss({
        winRate: p.probabilities.up,
        lossRate: p.probabilities.down,
        avgWin: strategy.takeProfit,
        avgLoss: strategy.stopLoss,
      }),
      fraction: strategy.kellyFraction,
      constraints: {
        lotStep: this.market.lotStep,
        minNotional: this.market.minNotional,
        maxEquityFraction: strategy.maxEquityFraction,
        // Total exposure never exceeds equity: other positions and open buys leave only the headroom.
        ...(capped ? { maxNotional: Math.max(allowance.headroom, Number.MIN_VALUE) } : {}),
      },
    });
  }
}
