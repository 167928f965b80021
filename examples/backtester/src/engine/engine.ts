import {
  defineMarket,
  type Fill,
  type MarketInfo,
  newOrder,
  type Order,
  PaperExchange,
  parseOrderIntent,
} from '@rrr/orders';
import {
  FixedFractionalSizer,
  FixedNotionalSizer,
  KellySizer,
  kellyFromReturns,
  kellyFromWinLoss,
  type PortfolioSnapshot,
  RiskLimits,
  type SizeDecision,
} from '@rrr/risk';
import { Decimal } from 'decimal.js';
import type { BarSeries } from '../data/bars.js';
import { marketFor } from '../data/markets.js';
import { strategyByName } from '../strategies/index.js';
import type { Strategy, StrategyDefinition, StrategyIntent } from '../strategies/types.js';
import type { BacktestConfig } from './config.js';

/** Why a round trip ended. */
export type ExitReason = 'signal' | 'stop_loss' | 'take_profit' | 'open';

/** One round trip (entry fills to exit fills) of one symbol. */
export interface Trade {
  /** Market symbol. */
  readonly symbol: string;
  /** Time of the first entry fill. */
  readonly entryTime: number;
  /** Average entry price. */
  readonly entryPrice: number;
  /** Time of the last exit fill (last bar time for an open trade). */
  readonly exitTime: number;
  /** Average exit price (last close for an open trade). */
  readonly exitPrice: number;
  /** Base quantity bought. */
  readonly quantity: number;
  /** Fees paid on entry and exit (quote currency). */
  readonly fees: number;
  /** Net profit after fees (quote currency). */
  readonly pnl: number;
  /** Net return on the entry notional. */
  readonly returnPct: number;
  /** Why it ended. */
  readonly exitReason: ExitReason;
  /** The exit bar reached both stop and target (resolved by the same-bar rule). */
  readonly ambiguous: boolean;
}

/** Result of one run. */
export interface BacktestResult {
  /** Configuration with the strategy parameters merged over the defaults. */
  readonly config: BacktestConfig;
  /** Symbols in run order. */
  readonly symbols: readonly string[];
  /** Round trips in order of exit (open trades last). */
  readonly trades: readonly Trade[];
  /** Every venue fill, in order. */
  readonly fills: readonly Fill[];
  /** Equity sample times (bar open times of the union timeline). */
  readonly equityTime: Float64Array;
  /** Equity in the quote currency after each time step's bars closed. */
  readonly equity: Float64Array;
  /** 1 when any position was held after the step, else 0. */
  readonly invested: Uint8Array;
  /** Orders the venue rejected or canceled on its own, by reason code. */
  readonly venueRefusals: Readonly<Record<string, number>>;
  /** Bars where both the stop and the target of a bracket were reached (the same-bar rule decided). */
  readonly ambiguousBars: number;
  /** Number of bars processed (all symbols). */
  readonly bars: number;
}

const ZERO = new Decimal(0);

type Role = 'entry' | 'exit' | 'stop' | 'target';

interface OpenTrade {
  entryTime: number;
  buyQty: Decimal;
  buyCost: Decimal;
  sellQty: Decimal;
  sellProceeds: Decimal;
  fees: Decimal;
  exitTime: number;
  exitReason: ExitReason;
  ambiguous: boolean;
  bracket: { stopLossPct?: number; takeProfitPct?: number } | null;
  stop: Order | null;
  target: Order | null;
}

interface SymbolState {
  readonly series: BarSeries;
  readonly market: MarketInfo;
  readonly strategy: Strategy;
  readonly tick: Decimal;
  cursor: number;
  trade: OpenTrade | null;
  working: Set<string>;
  reserved: number;
  /** Position quantity as a float, refreshed from the portfolio after each fill of the symbol. */
  held: number;
  /** Last close (float). */
  mark: number;
}

/**
 * Runs a strategy over one or more symbols through a `PaperExchange` with one cash balance.
 *
 * Per time step (the union of all bar times): for each symbol with a bar, the bar is fed to the venue (orders
 * sent after the previous bar fill against it), fills update the open trade, and a bracket (stop + take-profit)
 * is placed after an entry completes; then equity is marked at the closes; then each strategy sees its closed
 * bar and its intents become orders, which can fill no earlier than that symbol's next bar.
 */
export function runBacktest(
  data: readonly BarSeries[],
  config: BacktestConfig,
  definition: StrategyDefinition = strategyByName(config.strategy),
): BacktestResult {
  if (definition.name !== config.strategy) {
    throw new Error(
      `strategy definition "${definition.name}" does not match config.strategy "${config.strategy}"`,
    );
  }
  const params = { ...definition.defaults, ...config.params };
  const merged: BacktestConfig = { ...config, params };
  const exchange = new PaperExchange({
    markets: data.map((s) => marketFor(s.symbol)),
    balances: { [config.quote]: config.initialCash },
    seed: config.seed,
    fillModel: {
      takerFeeRate: String(config.takerFeeRate),
      makerFeeRate: String(config.makerFeeRate),
      slippage: config.slippageBps > 0 ? { kind: 'fixed_bps', bps: config.slippageBps } : { kind: 'none' },
      participation: config.participation,
      limitFill: config.limitFill,
    },
  });
  const portfolio = exchange.portfolio;
  let cashNow = config.initialCash;
  const positionFraction = config.maxPositionFraction ?? 0.95 / data.length;
  const states = new Map<string, SymbolState>();
  for (const series of data) {
    if (states.has(series.symbol)) throw new Error(`symbol ${series.symbol} given twice`);
    const market = defineMarket(marketFor(series.symbol));
    states.set(series.symbol, {
      series,
      market,
      strategy: definition.create(params, series.symbol),
      tick: market.tickSize,
      cursor: 0,
      trade: null,
      working: new Set(),
      reserved: 0,
      held: 0,
      mark: 0,
    });
  }
  const roles = new Map<string, { role: Role; symbol: string }>();
  const fills: Fill[] = [];
  const trades: Trade[] = [];
  const filled = new Set<string>();
  const refusals: Record<string, number> = {};
  let ambiguousBars = 0;
  let seq = 0;
  let now = 0;

  const refuse = (code: string): void => {
    refusals[code] = (refusals[code] ?? 0) + 1;
  };

  exchange.subscribe((event) => {
    if (event.type === 'order') {
      const { report } = event;
      const info = roles.get(report.clientOrderId);
      if (!info) return;
      const state = states.get(info.symbol);
      if (!state) return;
      const open = report.status === 'new' || report.status === 'partially_filled';
      if (report.status === 'filled') filled.add(report.clientOrderId);
      if (!open) {
        state.working.delete(report.clientOrderId);
        if (info.role === 'entry') state.reserved = 0;
      }
      if (report.status === 'canceled' && report.reasonCode && report.reasonCode !== 'canceled')
        refuse(report.reasonCode);
      return;
    }
    const fill = event.fill;
    fills.push(fill);
    cashNow = portfolio.balance(config.quote).toNumber();
    const info = roles.get(fill.clientOrderId);
    const state = info ? states.get(info.symbol) : undefined;
    if (!info || !state) return;
    state.held = portfolio.position(state.series.symbol).quantity.toNumber();
    let trade = state.trade;
    if (!trade) {
      trade = {
        entryTime: fill.timestamp,
        buyQty: new Decimal(0),
        buyCost: new Decimal(0),
        sellQty: new Decimal(0),
        sellProceeds: new Decimal(0),
        fees: new Decimal(0),
        exitTime: fill.timestamp,
        exitReason: 'open',
        ambiguous: false,
        bracket: null,
        stop: null,
        target: null,
      };
      state.trade = trade;
    }
    const notional = fill.price.mul(fill.quantity);
    trade.fees = trade.fees.add(fill.fee);
    if (fill.side === 'buy') {
      trade.buyQty = trade.buyQty.add(fill.quantity);
      trade.buyCost = trade.buyCost.add(notional);
    } else {
      trade.sellQty = trade.sellQty.add(fill.quantity);
      trade.sellProceeds = trade.sellProceeds.add(notional);
      trade.exitTime = fill.timestamp;
      trade.exitReason =
        info.role === 'stop' ? 'stop_loss' : info.role === 'target' ? 'take_profit' : 'signal';
    }
  });

  const pendingBrackets = new Map<string, { stopLossPct?: number; takeProfitPct?: number }>();
  exchange.subscribe((event) => {
    if (event.type !== 'fill') return;
    const plan = pendingBrackets.get(event.fill.clientOrderId);
    if (!plan) return;
    pendingBrackets.delete(event.fill.clientOrderId);
    const state = states.get(event.fill.symbol);
    if (state?.trade) state.trade.bracket = plan;
  });

  const limits = config.riskLimits ? new RiskLimits(config.riskLimits, { clock: { now: () => now } }) : null;
  const openOrders = new Map<string, { symbol: string; side: 'buy' | 'sell'; quantity: Decimal }>();
  let dayStart = { day: -1, equity: config.initialCash };
  let lastEquity = config.initialCash;
  let snapshot: PortfolioSnapshot | null = null;
  const currentSnapshot = (): PortfolioSnapshot => {
    if (snapshot) return snapshot;
    const positions: { symbol: string; quantity: number }[] = [];
    const lastPrices: Record<string, number> = {};
    for (const st of states.values()) {
      if (st.held !== 0) positions.push({ symbol: st.series.symbol, quantity: st.held });
      if (st.mark > 0) lastPrices[st.series.symbol] = st.mark;
    }
    const working = [...openOrders.entries()].filter(([id, o]) => states.get(o.symbol)?.working.has(id));
    snapshot = {
      equity: lastEquity,
      dayPnl: lastEquity - dayStart.equity,
      positions,
      openOrders: working.map(([, o]) => o),
      lastPrices,
    };
    return snapshot;
  };

  const submit = (state: SymbolState, role: Role, input: Record<string, unknown>): Order | null => {
    if (limits) {
      const decision = limits.check(
        {
          symbol: state.series.symbol,
          side: input.side === 'buy' ? 'buy' : 'sell',
          quantity: input.quantity as Decimal,
          ...(input.price instanceof Decimal ? { price: input.price } : {}),
        },
        currentSnapshot(),
      );
      if (!decision.ok) {
        refuse(decision.code);
        return null;
      }
    }
    const clientOrderId = `${role}-${++seq}`;
    const order = newOrder(
      parseOrderIntent({ symbol: state.series.symbol, ...input, clientOrderId }),
      clientOrderId,
      now,
    );
    roles.set(clientOrderId, { role, symbol: state.series.symbol });
    const report = exchange.submitSync(order);
    if (report.status === 'rejected') {
      refuse(report.reasonCode ?? 'rejected');
      if (process.env.BACKTEST_DEBUG) console.error(report.reason, input);
      return null;
    }
    state.working.add(clientOrderId);
    if (limits) {
      openOrders.set(clientOrderId, { symbol: order.symbol, side: order.side, quantity: order.quantity });
      snapshot = null;
    }
    return order;
  };

  const cancel = (state: SymbolState, order: Order | null): void => {
    if (!order || !state.working.has(order.clientOrderId)) return;
    // PaperExchange.cancel applies the cancel synchronously; the promise only carries the report.
    exchange.cancel(order).catch(() => undefined);
    state.working.delete(order.clientOrderId);
  };

  const closeTrade = (state: SymbolState, trade: OpenTrade, lastClose: number, lastTime: number): void => {
    const open = trade.sellQty.lt(trade.buyQty);
    const remaining = trade.buyQty.sub(trade.sellQty);
    const proceeds = open ? trade.sellProceeds.add(remaining.mul(lastClose)) : trade.sellProceeds;
    const pnl = proceeds.sub(trade.buyCost).sub(trade.fees);
    const entryPrice = trade.buyQty.isZero() ? new Decimal(0) : trade.buyCost.div(trade.buyQty);
    const exitPrice = open ? new Decimal(lastClose) : trade.sellProceeds.div(trade.sellQty);
    trades.push({
      symbol: state.series.symbol,
      entryTime: trade.entryTime,
      entryPrice: entryPrice.toNumber(),
      exitTime: open ? lastTime : trade.exitTime,
      exitPrice: exitPrice.toNumber(),
      quantity: trade.buyQty.toNumber(),
      fees: trade.fees.toNumber(),
      pnl: pnl.toNumber(),
      returnPct: trade.buyCost.isZero() ? 0 : pnl.div(trade.buyCost).toNumber(),
      exitReason: open ? 'open' : trade.exitReason,
      ambiguous: trade.ambiguous,
    });
  };

  const roundTick = (price: Decimal, tick: Decimal, up: boolean): Decimal =>
    price
      .div(tick)
      .toDecimalPlaces(0, up ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR)
      .mul(tick);

  // Union timeline of all symbols.
  const allTimes = new Set<number>();
  for (const s of data) for (const t of s.time) allTimes.add(t);
  const timeline = Float64Array.from(allTimes).sort();
  const equity = new Float64Array(timeline.length);
  const invested = new Uint8Array(timeline.length);
  const ordered = [...states.values()];
  let bars = 0;

  for (let step = 0; step < timeline.length; step++) {
    const t = timeline[step] ?? 0;
    now = t;
    const active: SymbolState[] = [];
    for (const state of ordered) {
      const i = state.cursor;
      if (i >= state.series.time.length || state.series.time[i] !== t) continue;
      active.push(state);
      bars++;
      const raw = state.series.raw[i];
      if (!raw) continue;
      const [o, h, l, c, v] = raw;
      const trade = state.trade;
      // Bracket (OCO): when one bar reaches both legs, only one may fill.
      if (trade?.stop && trade.target && state.working.has(trade.stop.clientOrderId)) {
        const open = new Decimal(o);
        const stopPrice = trade.stop.stopPrice ?? new Decimal(0);
        const targetPrice = trade.target.price ?? new Decimal(0);
        const stopHit = new Decimal(l).lte(stopPrice);
        const targetHit =
          exchange.fillModel.limitFill === 'touch'
            ? new Decimal(h).gte(targetPrice)
            : new Decimal(h).gt(targetPrice);
        if (stopHit && targetHit) {
          const gapStop = open.lte(stopPrice);
          const gapTarget =
            exchange.fillModel.limitFill === 'touch' ? open.gte(targetPrice) : open.gt(targetPrice);
          let stopWins = config.sameBarRule === 'stop_first';
          if (gapStop) stopWins = true;
          else if (gapTarget) stopWins = false;
          else {
            ambiguousBars++;
            trade.ambiguous = true;
          }
          cancel(state, stopWins ? trade.target : trade.stop);
        }
      }
      exchange.onBar({
        symbol: state.series.symbol,
        timestamp: t,
        open: o,
        high: h,
        low: l,
        close: c,
        volume: v,
      });
      state.mark = state.series.close[i] ?? 0;
      const current = state.trade;
      if (current) {
        const position = state.held === 0 ? ZERO : portfolio.position(state.series.symbol).quantity;
        // One bracket leg filled: cancel the other.
        if (current.stop && filled.has(current.stop.clientOrderId)) cancel(state, current.target);
        if (current.target && filled.has(current.target.clientOrderId)) cancel(state, current.stop);
        if (position.isZero() && current.sellQty.gt(0) && state.working.size === 0) {
          closeTrade(state, current, Number(c), t);
          state.trade = null;
        } else if (current.bracket && state.working.size === 0 && position.gt(0)) {
          const plan = current.bracket;
          current.bracket = null;
          const entry = current.buyCost.div(current.buyQty);
          if (plan.stopLossPct !== undefined) {
            const stopPrice = roundTick(entry.mul(1 - plan.stopLossPct), state.tick, false);
            current.stop = submit(state, 'stop', {
              side: 'sell',
              type: 'stop',
              quantity: position,
              stopPrice,
            });
          }
          if (plan.takeProfitPct !== undefined) {
            const price = roundTick(entry.mul(1 + plan.takeProfitPct), state.tick, true);
            current.target = submit(state, 'target', {
              side: 'sell',
              type: 'limit',
              quantity: position,
              price,
            });
          }
        }
      }
      state.cursor = i + 1;
    }
    // Equity in float from the cash and positions refreshed at each fill (exact Decimal values converted once).
    let eq = cashNow;
    let holding = false;
    for (const state of ordered) {
      if (state.held !== 0) {
        eq += state.held * state.mark;
        holding = true;
      }
    }
    equity[step] = eq;
    invested[step] = holding ? 1 : 0;
    if (limits) {
      const day = Math.floor(t / 86_400_000);
      if (day !== dayStart.day) dayStart = { day, equity: lastEquity };
      lastEquity = eq;
      snapshot = null;
      limits.observe(currentSnapshot());
    }
    const cash = cashNow;
    for (const state of active) {
      const i = state.cursor - 1;
      const s = state.series;
      const position = state.held === 0 ? ZERO : portfolio.position(s.symbol).quantity;
      const intents: readonly StrategyIntent[] = state.strategy.onBar({
        symbol: s.symbol,
        index: i,
        time: t,
        open: s.open[i] ?? 0,
        high: s.high[i] ?? 0,
        low: s.low[i] ?? 0,
        close: s.close[i] ?? 0,
        volume: s.volume[i] ?? 0,
        position: position.toNumber(),
        pending:
          state.working.size > 0 &&
          [...state.working].some((id) => roles.get(id)?.role === 'entry' || roles.get(id)?.role === 'exit'),
        equity: eq,
        cash,
      });
      for (const intent of intents) act(state, intent, eq, s.close[i] ?? 0, position);
    }
  }

  function act(
    state: SymbolState,
    intent: StrategyIntent,
    eq: number,
    close: number,
    position: Decimal,
  ): void {
    if (intent.action === 'exit') {
      if (!position.gt(0)) return;
      const trade = state.trade;
      if (trade) {
        cancel(state, trade.stop);
        cancel(state, trade.target);
        trade.bracket = null;
      }
      submit(state, 'exit', { side: 'sell', type: 'market', quantity: position });
      return;
    }
    if (!position.isZero() || state.trade) return;
    const decision = size(state, intent, eq, close);
    if (!decision.ok) {
      refuse(decision.code);
      return;
    }
    const order = submit(state, 'entry', { side: 'buy', type: 'market', quantity: decision.quantity });
    if (order) state.reserved = decision.quantity.toNumber() * close * (1 + config.takerFeeRate);
    if (order && (intent.stopLossPct !== undefined || intent.takeProfitPct !== undefined)) {
      pendingBrackets.set(order.clientOrderId, {
        ...(intent.stopLossPct !== undefined ? { stopLossPct: intent.stopLossPct } : {}),
        ...(intent.takeProfitPct !== undefined ? { takeProfitPct: intent.takeProfitPct } : {}),
      });
    }
  }

  function size(state: SymbolState, intent: StrategyIntent, eq: number, close: number): SizeDecision {
    let cash = portfolio.balance(config.quote).toNumber();
    for (const other of ordered) cash -= other.reserved;
    // Keep room for fees, slippage and a gap up to the next open.
    const cashCap = (cash / (close * (1 + config.takerFeeRate))) * 0.98;
    const constraints = {
      lotStep: state.market.lotStep,
      minNotional: state.market.minNotional ?? 0,
      maxEquityFraction: String(positionFraction),
      maxQuantity: Math.max(0, cashCap).toFixed(12),
    };
    if (intent.action === 'enter_long' && intent.kelly !== undefined) {
      const k = intent.kelly;
      const sizer = new KellySizer({
        kelly: kellyFromWinLoss({
          winRate: String(k.winRate),
          lossRate: String(k.lossRate),
          avgWin: String(k.avgWin),
          avgLoss: String(k.avgLoss),
        }),
        fraction: String(config.kellyFraction),
        constraints,
      });
      return sizer.size({ equity: eq, price: close });
    }
    if (config.sizing === 'kelly' && trades.length >= config.kellyMinTrades) {
      const recent = trades.slice(-config.kellyLookback).map((t) => t.returnPct);
      const sizer = new KellySizer({
        kelly: kellyFromReturns(recent),
        fraction: String(config.kellyFraction),
        constraints,
      });
      return sizer.size({ equity: eq, price: close });
    }
    if (intent.action === 'enter_long' && intent.stopLossPct !== undefined) {
      const sizer = new FixedFractionalSizer({ riskFraction: String(config.riskFraction), constraints });
      return sizer.size({ equity: eq, price: close, stopPrice: close * (1 - intent.stopLossPct) });
    }
    const sizer = new FixedNotionalSizer({ notional: (eq * positionFraction).toFixed(8), constraints });
    return sizer.size({ equity: eq, price: close });
  }

  for (const state of ordered) {
    const open = state.trade;
    if (open?.buyQty.gt(0)) {
      const n = state.series.time.length;
      closeTrade(state, open, state.series.close[n - 1] ?? 0, state.series.time[n - 1] ?? 0);
    }
  }
  trades.sort(
    (a, b) =>
      (a.exitReason === 'open' ? 1 : 0) - (b.exitReason === 'open' ? 1 : 0) || a.exitTime - b.exitTime,
  );
  return {
    config: merged,
    symbols: ordered.map((s) => s.series.symbol),
    trades,
    fills,
    equityTime: timeline,
    equity,
    invested,
    venueRefusals: refusals,
    ambiguousBars,
    bars,
  };
}
