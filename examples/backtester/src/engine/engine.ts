import {
  type BarInput,
  decimalAdd,
  decimalCompare,
  decimalMul,
  decimalSub,
  decimalToFloat,
  defineMarket,
  type Fill,
  type MarketInfo,
  newOrder,
  type Order,
  PaperExchange,
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
import { BarContext } from './bar-context.js';
import type { BacktestConfig } from './config.js';
import { FloatBar } from './float-bar.js';
import { floatExactSeries } from './float-exact.js';
import { engineIntent, exactProduct, type OrderInput } from './order-input.js';
import { barLength, type ExitPlan, paperBotSize, type StopExitReason, StopExits } from './paper-bot-rules.js';
import { type BracketLevels, sameBarLoser } from './same-bar.js';
import { unionTimeline } from './timeline.js';

/** Why a round trip ended. */
export type ExitReason = 'signal' | 'stop_loss' | 'take_profit' | 'time_stop' | 'open';

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
  /**
   * Net return on the entry notional: the float quotient of `pnl` and the entry notional, each the correctly
   * rounded float of its exact Decimal (a ratio, not money: within about one ulp of the exact quotient).
   */
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

const EXIT: StrategyIntent = { action: 'exit' };

type Role = 'entry' | 'exit' | 'stop' | 'target';

interface OpenTrade {
  entryTime: number;
  /** Buy fills so far, and the price of the last one (the entry price when it is the only one). */
  buyFills: number;
  buyPrice: Decimal;
  /** Sell fills so far, and the price of the last one. */
  sellFills: number;
  sellPrice: Decimal;
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
  /** The stop leg filled completely. */
  stopFilled: boolean;
  /** The take-profit leg filled completely. */
  targetFilled: boolean;
  /** Stop price of the stop leg as a float (for the float-first same-bar check). */
  stopF: number;
  /** Limit price of the target leg as a float. */
  targetF: number;
  /** Both legs' levels for the same-bar check, built once the bracket is complete. */
  levels: BracketLevels | null;
}

interface SymbolState {
  readonly series: BarSeries;
  readonly market: MarketInfo;
  readonly strategy: Strategy;
  readonly tick: Decimal;
  cursor: number;
  trade: OpenTrade | null;
  working: Set<string>;
  /** Entry and exit orders among `working` (what the strategy sees as `pending`). */
  flowOrders: number;
  reserved: number;
  /** Position quantity as a float, refreshed from the portfolio after each fill of the symbol. */
  held: number;
  /** Position quantity, refreshed from the portfolio after each fill of the symbol. */
  quantity: Decimal;
  /** Last close (float). */
  mark: number;
  /** Index of the last bar not yet fed to the venue (no order of the symbol was working), or -1. */
  unfed: number;
  /** Bar length of the series (paper-bot rules only: the time stop and the stop bars' close time; else 0). */
  readonly barMs: number;
  /** Decimals of the tick size (paper-bot rules: stop levels are rounded to them). */
  readonly tickDecimals: number;
  /** The tick is 10^-tickDecimals. */
  readonly tickIsPow10: boolean;
  /** Paper-bot rules: exit levels of the working or held entry. */
  plan: ExitPlan | null;
  /** Paper-bot rules: why the working exit order was sent. */
  exitWhy: StopExitReason | null;
  /** Every price string of the series is exactly its float: the venue is fed the float columns. */
  readonly floatFeed: boolean;
  /** The context handed to the strategy, refilled for each of the symbol's bars (see `StrategyContext`). */
  readonly ctx: BarContext;
  /** Risk-per-trade sizer of the symbol (its market's constraints), built at the first entry sized by it. */
  fractional: FixedFractionalSizer | null;
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
    // the engine never looks a closed order up again: the venue need not keep every order of the run alive
    keepClosedOrders: false,
    fillModel: {
      takerFeeRate: String(config.takerFeeRate),
      makerFeeRate: String(config.makerFeeRate),
      slippage: config.slippageBps > 0 ? { kind: 'fixed_bps', bps: config.slippageBps } : { kind: 'none' },
      participation: config.participation,
      limitFill: config.limitFill,
    },
  });
  const portfolio = exchange.portfolio;
  // Values the venue's listener and the loop update as they go, in one typed array: a closure variable holding a
  // double boxes every value stored into it.
  const live = new Float64Array(2);
  const CASH = 0;
  const NOW = 1;
  live[CASH] = config.initialCash;
  const positionFraction = config.maxPositionFraction ?? 0.95 / data.length;
  // Sizing inputs that stay the same for the whole run, converted once (the same values as their decimal strings).
  const maxEquityFraction = new Decimal(String(positionFraction));
  const riskFraction = new Decimal(String(config.riskFraction));
  const kellyFraction = new Decimal(String(config.kellyFraction));
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
      flowOrders: 0,
      reserved: 0,
      held: 0,
      quantity: ZERO,
      mark: 0,
      unfed: -1,
      barMs: config.rules === 'paper-bot' ? barLength(series.time) : 0,
      tickDecimals: market.tickSize.decimalPlaces(),
      tickIsPow10: market.tickSize.eq(new Decimal(10).pow(-market.tickSize.decimalPlaces())),
      plan: null,
      exitWhy: null,
      fractional: null,
      floatFeed: floatExactSeries(series),
      ctx: new BarContext(series),
    });
  }
  const roles = new Map<string, { role: Role; symbol: string }>();
  const fills: Fill[] = [];
  const trades: Trade[] = [];
  const refusals: Record<string, number> = {};
  let ambiguousBars = 0;
  let seq = 0;

  const botRules = config.rules === 'paper-bot';
  const stopExits = botRules ? new StopExits(config.sameBarRule) : null;
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
      if (report.status === 'filled' && state.trade) {
        if (info.role === 'stop') state.trade.stopFilled = true;
        else if (info.role === 'target') state.trade.targetFilled = true;
      }
      if (!open) {
        unwork(state, report.clientOrderId, info.role);
        roles.delete(report.clientOrderId);
        if (info.role === 'entry') state.reserved = 0;
      }
      if (report.status === 'canceled' && report.reasonCode && report.reasonCode !== 'canceled')
        refuse(report.reasonCode);
      return;
    }
    const fill = event.fill;
    fills.push(fill);
    live[CASH] = decimalToFloat(portfolio.balance(config.quote));
    const info = roles.get(fill.clientOrderId);
    const state = info ? states.get(info.symbol) : undefined;
    if (!info || !state) return;
    state.quantity = portfolio.position(state.series.symbol).quantity;
    state.held = decimalToFloat(state.quantity);
    let trade = state.trade;
    if (!trade) {
      trade = {
        entryTime: fill.timestamp,
        buyFills: 0,
        buyPrice: ZERO,
        sellFills: 0,
        sellPrice: ZERO,
        buyQty: ZERO,
        buyCost: ZERO,
        sellQty: ZERO,
        sellProceeds: ZERO,
        fees: ZERO,
        exitTime: fill.timestamp,
        exitReason: 'open',
        ambiguous: false,
        bracket: null,
        stop: null,
        target: null,
        stopFilled: false,
        targetFilled: false,
        stopF: 0,
        targetF: 0,
        levels: null,
      };
      state.trade = trade;
    }
    const notional = decimalMul(fill.price, fill.quantity);
    trade.fees = decimalAdd(trade.fees, fill.fee);
    if (fill.side === 'buy') {
      trade.buyFills += 1;
      trade.buyPrice = fill.price;
      trade.buyQty = decimalAdd(trade.buyQty, fill.quantity);
      trade.buyCost = decimalAdd(trade.buyCost, notional);
    } else {
      trade.sellFills += 1;
      trade.sellPrice = fill.price;
      trade.sellQty = decimalAdd(trade.sellQty, fill.quantity);
      trade.sellProceeds = decimalAdd(trade.sellProceeds, notional);
      trade.exitTime = fill.timestamp;
      trade.exitReason =
        info.role === 'stop'
          ? 'stop_loss'
          : info.role === 'target'
            ? 'take_profit'
            : (state.exitWhy ?? 'signal');
    }
    if (stopExits) {
      const position = portfolio.position(state.series.symbol);
      stopExits.onFill(fill, position, state.plan, state.tickDecimals, state.barMs);
      if (position.quantity.isZero()) {
        state.plan = null;
        state.exitWhy = null;
      }
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

  // Paper-bot rules: the bot's risk clock reads the close time of the bar being decided on.
  const riskLag = botRules ? (states.values().next().value?.barMs ?? 0) : 0;
  const limits = config.riskLimits
    ? new RiskLimits(config.riskLimits, { clock: { now: () => (live[NOW] as number) + riskLag } })
    : null;
  const openOrders = new Map<string, { symbol: string; side: 'buy' | 'sell'; quantity: Decimal }>();
  let dayStart = { day: -1, equity: config.initialCash };
  let lastEquity = config.initialCash;
  let peak = config.initialCash;
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
      ...(botRules ? { peakEquity: peak } : {}),
      positions,
      openOrders: working.map(([, o]) => o),
      lastPrices,
    };
    return snapshot;
  };

  const submit = (state: SymbolState, role: Role, input: OrderInput): Order | null => {
    if (limits) {
      const decision = limits.check(
        {
          symbol: state.series.symbol,
          side: input.side,
          quantity: input.quantity,
          ...(input.price !== undefined ? { price: input.price } : botRules ? { price: state.mark } : {}),
        },
        currentSnapshot(),
      );
      if (!decision.ok) {
        refuse(decision.code);
        return null;
      }
    }
    if (state.unfed >= 0) feed(state, state.unfed);
    const clientOrderId = `${role}-${++seq}`;
    const order = newOrder(
      engineIntent(state.series.symbol, input, clientOrderId),
      clientOrderId,
      live[NOW] as number,
    );
    roles.set(clientOrderId, { role, symbol: state.series.symbol });
    const report = exchange.submitSync(order);
    if (report.status === 'rejected') {
      roles.delete(clientOrderId);
      refuse(report.reasonCode ?? 'rejected');
      if (process.env.BACKTEST_DEBUG) console.error(report.reason, input);
      return null;
    }
    state.working.add(clientOrderId);
    if (role === 'entry' || role === 'exit') state.flowOrders += 1;
    if (limits) {
      openOrders.set(clientOrderId, { symbol: order.symbol, side: order.side, quantity: order.quantity });
      snapshot = null;
    }
    return order;
  };

  // One bar object refilled for every bar fed: the venue reads it during `onBar` and keeps none of it.
  // Two bar objects, one per kind of input (see FloatBar).
  const floatBar = new FloatBar();
  const textBar: BarInput = {
    symbol: '',
    timestamp: 0,
    open: '0',
    high: '0',
    low: '0',
    close: '0',
    volume: '0',
  };
  const feed = (state: SymbolState, i: number): void => {
    const s = state.series;
    state.unfed = -1;
    if (state.floatFeed) {
      // the same Decimal values as the strings (see floatExactSeries), without parsing them
      floatBar.symbol = s.symbol;
      floatBar.timestamp = s.time[i] ?? 0;
      floatBar.open = s.open[i] ?? 0;
      floatBar.high = s.high[i] ?? 0;
      floatBar.low = s.low[i] ?? 0;
      floatBar.close = s.close[i] ?? 0;
      floatBar.volume = s.volume[i] ?? 0;
      exchange.onBar(floatBar);
      return;
    }
    const raw = s.raw[i];
    if (!raw) return;
    textBar.symbol = s.symbol;
    textBar.timestamp = s.time[i] ?? 0;
    textBar.open = raw[0];
    textBar.high = raw[1];
    textBar.low = raw[2];
    textBar.close = raw[3];
    textBar.volume = raw[4];
    exchange.onBar(textBar);
  };

  const cancel = (state: SymbolState, order: Order | null): void => {
    if (!order || !state.working.has(order.clientOrderId)) return;
    exchange.cancelSync(order);
    unwork(state, order.clientOrderId, roles.get(order.clientOrderId)?.role);
    roles.delete(order.clientOrderId);
  };

  const closeTrade = (state: SymbolState, trade: OpenTrade, lastClose: number, lastTime: number): void => {
    const open = decimalCompare(trade.sellQty, trade.buyQty) < 0;
    const proceeds = open
      ? trade.sellProceeds.add(decimalSub(trade.buyQty, trade.sellQty).mul(lastClose))
      : trade.sellProceeds;
    const pnl = decimalSub(decimalSub(proceeds, trade.buyCost), trade.fees);
    const entryPrice =
      trade.buyFills === 1 && exactProduct(trade.buyPrice, trade.buyQty)
        ? trade.buyPrice
        : trade.buyQty.isZero()
          ? ZERO
          : trade.buyCost.div(trade.buyQty);
    const exitPrice = open
      ? lastClose
      : trade.sellFills === 1 && exactProduct(trade.sellPrice, trade.sellQty)
        ? decimalToFloat(trade.sellPrice)
        : decimalToFloat(trade.sellProceeds.div(trade.sellQty));
    const pnlFloat = decimalToFloat(pnl);
    trades.push({
      symbol: state.series.symbol,
      entryTime: trade.entryTime,
      entryPrice: decimalToFloat(entryPrice),
      exitTime: open ? lastTime : trade.exitTime,
      exitPrice,
      quantity: decimalToFloat(trade.buyQty),
      fees: decimalToFloat(trade.fees),
      pnl: pnlFloat,
      returnPct: trade.buyCost.isZero() ? 0 : pnlFloat / decimalToFloat(trade.buyCost),
      exitReason: open ? 'open' : trade.exitReason,
      ambiguous: trade.ambiguous,
    });
  };

  // Bracket factors (1 - stop %, 1 + target %) as Decimals, converted once per value: `new Decimal(x)` of a
  // fractional float reads its shortest string, the same as `mul(x)` does.
  const factors = new Map<number, Decimal>();
  const factor = (x: number): Decimal => {
    let d = factors.get(x);
    if (d === undefined) {
      d = new Decimal(x);
      factors.set(x, d);
    }
    return d;
  };

  // A power-of-ten tick (0.01, 0.001, ...) rounds by decimal places; the same value as the division, cheaper.
  const roundTick = (price: Decimal, state: SymbolState, up: boolean): Decimal => {
    const mode = up ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR;
    if (state.tickIsPow10) return price.toDecimalPlaces(state.tickDecimals, mode);
    return price.div(state.tick).toDecimalPlaces(0, mode).mul(state.tick);
  };

  const timeline = unionTimeline(data.map((s) => s.time));
  const equity = new Float64Array(timeline.length);
  const invested = new Uint8Array(timeline.length);
  const ordered = [...states.values()];
  // Symbols with a bar at the current step: the first `activeCount` entries of one array reused for every step.
  const active: SymbolState[] = [];
  let activeCount = 0;
  let bars = 0;

  for (let step = 0; step < timeline.length; step++) {
    const t = timeline[step] ?? 0;
    live[NOW] = t;
    activeCount = 0;
    for (const state of ordered) {
      const i = state.cursor;
      if (i >= state.series.time.length || state.series.time[i] !== t) continue;
      active[activeCount++] = state;
      bars++;
      const trade = state.trade;
      // Bracket (OCO): when one bar reaches both legs, only one may fill.
      if (trade?.stop && trade.target && state.working.has(trade.stop.clientOrderId)) {
        trade.levels ??= {
          stop: trade.stop.stopPrice ?? ZERO,
          stopF: trade.stopF,
          target: trade.target.price ?? ZERO,
          targetF: trade.targetF,
        };
        const loser = sameBarLoser(
          state.series,
          i,
          trade.levels,
          exchange.fillModel.limitFill,
          config.sameBarRule,
        );
        if (loser?.ambiguous) {
          ambiguousBars++;
          trade.ambiguous = true;
        }
        if (loser) cancel(state, loser.cancel === 'stop' ? trade.stop : trade.target);
      }
      // The venue only needs a symbol's bars while one of its orders works; otherwise the bar is fed right
      // before the next order is sent (the venue then knows the last close, as if it had seen every bar).
      if (state.working.size > 0) feed(state, i);
      else state.unfed = i;
      state.mark = state.series.close[i] ?? 0;
      const current = state.trade;
      if (current) {
        const position = state.quantity;
        // One bracket leg filled: cancel the other.
        if (current.stopFilled) cancel(state, current.target);
        if (current.targetFilled) cancel(state, current.stop);
        if (position.isZero() && !current.sellQty.isZero() && state.working.size === 0) {
          closeTrade(state, current, state.mark, t);
          state.trade = null;
        } else if (current.bracket && state.working.size === 0 && state.held > 0) {
          const plan = current.bracket;
          current.bracket = null;
          current.levels = null;
          const entry =
            current.buyFills === 1 && exactProduct(current.buyPrice, current.buyQty)
              ? current.buyPrice
              : current.buyCost.div(current.buyQty);
          if (plan.stopLossPct !== undefined) {
            const stopPrice = roundTick(decimalMul(entry, factor(1 - plan.stopLossPct)), state, false);
            current.stop = submit(state, 'stop', {
              side: 'sell',
              type: 'stop',
              quantity: position,
              stopPrice,
            });
            current.stopF = decimalToFloat(stopPrice);
          }
          if (plan.takeProfitPct !== undefined) {
            const price = roundTick(decimalMul(entry, factor(1 + plan.takeProfitPct)), state, true);
            current.target = submit(state, 'target', {
              side: 'sell',
              type: 'limit',
              quantity: position,
              price,
            });
            current.targetF = decimalToFloat(price);
          }
        }
      }
      state.cursor = i + 1;
    }
    // Equity in float from the cash and positions refreshed at each fill (exact Decimal values converted once).
    let eq = live[CASH] as number;
    let holding = false;
    for (const state of ordered) {
      if (state.held !== 0) {
        eq += state.held * state.mark;
        holding = true;
      }
    }
    // Paper-bot rules: the portfolio's exact equity, converted once, as the bot sizes and checks with it.
    if (botRules) eq = exactEquity();
    equity[step] = eq;
    invested[step] = holding ? 1 : 0;
    if (limits) {
      const day = Math.floor(t / 86_400_000);
      if (botRules) {
        if (day !== dayStart.day) dayStart = { day, equity: eq };
        peak = Math.max(peak, eq);
      } else if (day !== dayStart.day) dayStart = { day, equity: lastEquity };
      lastEquity = eq;
      snapshot = null;
      limits.observe(currentSnapshot());
    }
    const cash = live[CASH] as number;
    for (let a = 0; a < activeCount; a++) {
      const state = active[a] as SymbolState;
      const i = state.cursor - 1;
      const s = state.series;
      const position = state.quantity;
      const ctx = state.ctx;
      ctx.index = i;
      ctx.time = t;
      ctx.position = state.held;
      ctx.pending = state.flowOrders > 0;
      ctx.equity = eq;
      ctx.cash = cash;
      const intents: readonly StrategyIntent[] = state.strategy.onBar(ctx);
      const stopExit = stopExits?.onBar(s.symbol, t, state.barMs, {
        open: s.open[i] ?? 0,
        high: s.high[i] ?? 0,
        low: s.low[i] ?? 0,
        close: s.close[i] ?? 0,
      });
      if (stopExit?.ambiguous) {
        ambiguousBars++;
        if (state.trade) state.trade.ambiguous = true;
      }
      if (stopExit && decimalCompare(position, ZERO) > 0 && state.working.size === 0) {
        state.exitWhy = stopExit.reason;
        act(state, EXIT, eq, s.close[i] ?? 0, position);
        continue;
      }
      if (botRules && intents.some((intent) => intent.action === 'exit')) state.exitWhy = null;
      for (const intent of intents) act(state, intent, eq, s.close[i] ?? 0, position);
    }
  }

  /** An order of the symbol stopped working. */
  function unwork(state: SymbolState, clientOrderId: string, role: Role | undefined): void {
    if (state.working.delete(clientOrderId) && (role === 'entry' || role === 'exit')) state.flowOrders -= 1;
  }

  function exactEquity(): number {
    const marks: Record<string, number> = {};
    for (const state of ordered) if (state.mark > 0) marks[state.series.symbol] = state.mark;
    return decimalToFloat(portfolio.equity(config.quote, marks));
  }

  function act(
    state: SymbolState,
    intent: StrategyIntent,
    eq: number,
    close: number,
    position: Decimal,
  ): void {
    if (intent.action === 'exit') {
      if (decimalCompare(position, ZERO) <= 0) return;
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
    const decision =
      botRules && intent.kelly !== undefined
        ? paperBotSize(intent.kelly, config.kellyFraction, state.market, positionFraction, eq, close)
        : size(state, intent, eq, close);
    if (!decision.ok) {
      refuse(decision.code);
      return;
    }
    const order = submit(state, 'entry', { side: 'buy', type: 'market', quantity: decision.quantity });
    if (order) state.reserved = decimalToFloat(decision.quantity) * close * (1 + config.takerFeeRate);
    if (order && botRules) {
      state.exitWhy = null;
      state.plan = {
        ...(intent.stopLossPct !== undefined ? { stopLossPct: intent.stopLossPct } : {}),
        ...(intent.takeProfitPct !== undefined ? { takeProfitPct: intent.takeProfitPct } : {}),
        ...(intent.maxHoldBars !== undefined ? { maxHoldBars: intent.maxHoldBars } : {}),
      };
    } else if (order && (intent.stopLossPct !== undefined || intent.takeProfitPct !== undefined)) {
      pendingBrackets.set(order.clientOrderId, {
        ...(intent.stopLossPct !== undefined ? { stopLossPct: intent.stopLossPct } : {}),
        ...(intent.takeProfitPct !== undefined ? { takeProfitPct: intent.takeProfitPct } : {}),
      });
    }
  }

  function size(state: SymbolState, intent: StrategyIntent, eq: number, close: number): SizeDecision {
    let cash = live[CASH] as number; // the quote balance, refreshed at every fill
    for (const other of ordered) cash -= other.reserved;
    // Keep room for fees, slippage and a gap up to the next open.
    const cashCap = (cash / (close * (1 + config.takerFeeRate))) * 0.98;
    const constraints = {
      lotStep: state.market.lotStep,
      minNotional: state.market.minNotional ?? 0,
      maxEquityFraction,
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
        fraction: kellyFraction,
        constraints,
      });
      return sizer.size({ equity: eq, price: close });
    }
    if (config.sizing === 'kelly' && trades.length >= config.kellyMinTrades) {
      const recent = trades.slice(-config.kellyLookback).map((t) => t.returnPct);
      const sizer = new KellySizer({
        kelly: kellyFromReturns(recent),
        fraction: kellyFraction,
        constraints,
      });
      return sizer.size({ equity: eq, price: close });
    }
    if (intent.action === 'enter_long' && intent.stopLossPct !== undefined) {
      // one sizer per symbol; the cash cap, which changes with every call, is the call's own cap
      state.fractional ??= new FixedFractionalSizer({
        riskFraction,
        constraints: {
          lotStep: state.market.lotStep,
          minNotional: state.market.minNotional ?? 0,
          maxEquityFraction,
        },
      });
      return state.fractional.size({
        equity: eq,
        price: close,
        stopPrice: close * (1 - intent.stopLossPct),
        maxQuantity: constraints.maxQuantity,
      });
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
