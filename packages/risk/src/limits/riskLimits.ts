import { Decimal } from 'decimal.js';
import { type Clock, systemClock } from '../core/clock.js';
import { SnapshotAggregates, safeDecimal, toFloat } from './aggregates.js';
import {
  type ParsedRiskLimitsConfig,
  parseRiskLimitsConfig,
  type ResolvedRules,
  type RiskLimitsConfig,
} from './config.js';
import { RateWindow } from './rateWindow.js';
import {
  LimitCode,
  type LimitDecision,
  type OrderIntent,
  type PortfolioSnapshot,
  TradingState,
} from './types.js';

/**
 * A change of trading state, passed to `onStateChange`.
 *
 * @example
 * ```ts
 * import { RiskLimits, type TradingStateChange } from '@rrr/risk';
 *
 * const log: TradingStateChange[] = [];
 * const limits = new RiskLimits({}, { onStateChange: (change) => log.push(change) });
 * limits.setState('reducing', 'manual de-risking');
 * log[0]?.to; // "reducing"
 * ```
 */
export interface TradingStateChange {
  /** State before. */
  readonly from: TradingState;
  /** State after. */
  readonly to: TradingState;
  /** Why (e.g. the drawdown that tripped the kill switch). */
  readonly reason: string;
  /** Clock time of the change (ms). */
  readonly time: number;
}

/**
 * Options of {@link RiskLimits} besides the config.
 *
 * @example
 * ```ts
 * import { RiskLimits, type RiskLimitsOptions } from '@rrr/risk';
 *
 * let now = 0;
 * const options: RiskLimitsOptions = {
 *   clock: { now: () => now },
 *   onStateChange: (change) => console.log(change.from, '->', change.to, change.reason),
 * };
 * const limits = new RiskLimits({ killSwitch: { maxDrawdown: 0.1, action: 'halt' } }, options);
 * now += 1000;
 * ```
 */
export interface RiskLimitsOptions {
  /** Clock for the order-rate windows and state changes; default the system clock. */
  readonly clock?: Clock;
  /** Called on every trading state change (kill switch or manual). */
  readonly onStateChange?: (change: TradingStateChange) => void;
}

const OK: LimitDecision = Object.freeze({ ok: true });
const ONE = new Decimal(1);
const ZERO = new Decimal(0);

const deny = (code: LimitCode, reason: string): LimitDecision => ({ ok: false, code, reason });

/**
 * Pre-trade risk limits. `check(intent, snapshot)` returns a decision value — never throws for a
 * denied order — and records accepted orders for the order-rate windows. See {@link RiskLimitsConfig}
 * for the rules. Checks run in this order: trading state and kill switch, symbol enabled, order validity,
 * reference price, max order quantity, price collar, max order notional, reducing-only state, daily loss,
 * open orders, position and exposure limits (skipped for orders that reduce exposure), order rate.
 *
 * An order *reduces exposure* when it trades against the current position on its symbol and, together
 * with the same-side open orders, does not exceed it (never flips the position).
 *
 * Amounts are compared exactly in Decimal. Portfolio-wide exposure (gross, net, leverage) is first summed in
 * float64 as a fast filter: an order passes on the float sum only when it is within every limit by a relative
 * margin of 1e-9; anything closer, and every denial, is decided on the exact Decimal sum. Aggregates are
 * cached for the most recent snapshot object, so treat snapshots as immutable and build a new object when
 * the portfolio changes.
 *
 * @example
 * ```ts
 * import { RiskLimits } from '@rrr/risk';
 *
 * const limits = new RiskLimits({
 *   defaults: { maxOrderNotional: 50000, priceCollar: 0.05, maxLeverage: 2 },
 *   symbols: { 'DOGE/USDT': { maxOrderNotional: 1000 } },
 *   killSwitch: { maxDrawdown: 0.2, action: 'reduce' },
 * });
 * const snapshot = {
 *   equity: 100000, dayPnl: 0, positions: [], openOrders: [],
 *   lastPrices: { 'BTC/USDT': 60000 },
 * };
 * const decision = limits.check({ symbol: 'BTC/USDT', side: 'buy', quantity: '0.5', price: 60100 }, snapshot);
 * if (!decision.ok) console.log(decision.code, decision.reason);
 * ```
 */
export class RiskLimits {
  /** The validated config. */
  readonly config: ParsedRiskLimitsConfig;
  readonly #clock: Clock;
  readonly #onStateChange: ((change: TradingStateChange) => void) | undefined;
  readonly #rules = new Map<string, ResolvedRules>();
  readonly #symbolRates = new Map<string, RateWindow>();
  readonly #accountRate = new RateWindow();
  readonly #floats = new Map<string, FloatRules>();
  #cachedSnapshot: PortfolioSnapshot | null = null;
  #cached: SnapshotAggregates | null = null;
  #state: TradingState = TradingState.active;
  #peak: Decimal | null = null;
  #lastObserved: PortfolioSnapshot | null = null;

  /**
   * @param config - rules, validated with zod (throws `RiskConfigError` naming each bad field)
   * @param options - clock and state-change listener
   */
  constructor(config: RiskLimitsConfig, options: RiskLimitsOptions = {}) {
    this.config = parseRiskLimitsConfig(config);
    this.#clock = options.clock ?? systemClock;
    this.#onStateChange = options.onStateChange;
  }

  /** Current trading state. */
  get state(): TradingState {
    return this.#state;
  }

  /** Highest equity observed so far (or `null` before the first snapshot). */
  get peakEquity(): Decimal | null {
    return this.#peak;
  }

  /**
   * Sets the trading state manually (e.g. `active` to resume after a kill switch).
   * @param state - new state
   * @param reason - why, passed to `onStateChange`
   */
  setState(state: TradingState, reason = 'manual'): void {
    if (state === this.#state) return;
    const change = { from: this.#state, to: state, reason, time: this.#clock.now() };
    this.#state = state;
    this.#onStateChange?.(change);
  }

  /**
   * Forgets the equity peak, so drawdown is measured from the next observed equity. Use it with
   * `setState('active')` to resume after the kill switch: otherwise the switch trips again on the next
   * snapshot while the drawdown from the old peak is still beyond the limit. (When snapshots carry
   * `peakEquity`, that value keeps counting as a candidate peak.)
   */
  resetPeak(): void {
    this.#peak = null;
    this.#lastObserved = null;
  }

  /**
   * The merged rules for a symbol (defaults overridden by the symbol's entry).
   * @param symbol - instrument symbol
   */
  rulesFor(symbol: string): ResolvedRules {
    let rules = this.#rules.get(symbol);
    if (!rules) {
      rules = { ...this.config.defaults, ...this.config.symbols?.[symbol] };
      this.#rules.set(symbol, rules);
    }
    return rules;
  }

  /**
   * Updates the equity peak from a snapshot and applies the drawdown kill switch; returns the state.
   * `check` calls it too; call it directly on every portfolio update to trip the switch without an order.
   * @param snapshot - current portfolio
   */
  observe(snapshot: PortfolioSnapshot): TradingState {
    if (snapshot === this.#lastObserved) return this.#state;
    this.#lastObserved = snapshot;
    const agg = this.#aggregates(snapshot);
    const equity = agg.equity;
    if (equity === null) return this.#state;
    const peakCandidate = Decimal.max(agg.peakEquity ?? equity, equity);
    if (this.#peak === null || peakCandidate.gt(this.#peak)) this.#peak = peakCandidate;
    const kill = this.config.killSwitch;
    if (kill && this.#state === TradingState.active && this.#peak.gt(0)) {
      if (equity.lte(this.#peak.times(ONE.minus(kill.maxDrawdown)))) {
        const drawdown = ONE.minus(equity.div(this.#peak));
        const to = kill.action === 'halt' ? TradingState.halted : TradingState.reducing;
        this.setState(
          to,
          `drawdown ${drawdown.toSignificantDigits(6).toString()} from peak ${this.#peak.toString()} reached killSwitch.maxDrawdown ${kill.maxDrawdown}`,
        );
      }
    }
    return this.#state;
  }

  /**
   * Decides whether an order may be sent. Accepted orders are counted in the order-rate windows.
   * @param intent - the order
   * @param snapshot - current portfolio
   */
  check(intent: OrderIntent, snapshot: PortfolioSnapshot): LimitDecision {
    const decision = this.evaluate(intent, snapshot);
    if (decision.ok) {
      const now = this.#clock.now();
      this.#accountRate.add(now);
      this.#rateWindow(intent.symbol).add(now);
    }
    return decision;
  }

  /**
   * Same as `check` but does not count the order in the rate windows (a dry run).
   * @param intent - the order
   * @param snapshot - current portfolio
   */
  evaluate(intent: OrderIntent, snapshot: PortfolioSnapshot): LimitDecision {
    const state = this.observe(snapshot);
    if (state === TradingState.halted) return deny(LimitCode.halted, 'trading is halted');
    const { symbol } = intent;
    const rules = this.rulesFor(symbol);
    if (rules.enabled === false) return deny(LimitCode.symbolDisabled, `trading ${symbol} is disabled`);
    const qty = safeDecimal(intent.quantity);
    if (qty === null || !qty.gt(0)) {
      return deny(
        LimitCode.invalidOrder,
        `quantity must be a finite decimal > 0 (got ${String(intent.quantity)})`,
      );
    }
    if (intent.side !== 'buy' && intent.side !== 'sell') {
      return deny(LimitCode.invalidOrder, `side must be "buy" or "sell" (got ${String(intent.side)})`);
    }
    const limitPrice = intent.price === undefined ? null : safeDecimal(intent.price);
    if (intent.price !== undefined && (limitPrice === null || !limitPrice.gt(0))) {
      return deny(LimitCode.invalidOrder, `price must be a finite decimal > 0 (got ${String(intent.price)})`);
    }
    const agg = this.#aggregates(snapshot);
    const last = agg.price(symbol);

    if (rules.maxOrderQuantity && qty.gt(rules.maxOrderQuantity)) {
      return deny(
        LimitCode.maxOrderQuantity,
        `quantity ${qty.toString()} exceeds maxOrderQuantity ${rules.maxOrderQuantity.toString()} for ${symbol}`,
      );
    }
    if (rules.priceCollar !== undefined && limitPrice !== null) {
      if (last === null)
        return deny(LimitCode.noReferencePrice, `no last price for ${symbol} (price collar)`);
      const distance = limitPrice.minus(last).abs();
      if (distance.gt(last.times(rules.priceCollar))) {
        const deviation = distance.div(last);
        return deny(
          LimitCode.priceCollar,
          `price ${limitPrice.toString()} deviates ${deviation.toSignificantDigits(4).toString()} from last ${last.toString()}, above priceCollar ${rules.priceCollar}`,
        );
      }
    }
    const px = limitPrice ?? last;
    if (rules.maxOrderNotional) {
      if (px === null) return deny(LimitCode.noReferencePrice, `no price for market order on ${symbol}`);
      const notional = qty.times(px);
      if (notional.gt(rules.maxOrderNotional)) {
        return deny(
          LimitCode.maxOrderNotional,
          `notional ${notional.toString()} exceeds maxOrderNotional ${rules.maxOrderNotional.toString()} for ${symbol}`,
        );
      }
    }

    const position = agg.position(symbol);
    const sameSideOpen = agg.totalOpen === 0 ? null : agg.openQuantity(symbol, intent.side);
    const reducing = isReducing(intent.side, qty, position, sameSideOpen);
    if (state === TradingState.reducing && !reducing) {
      return deny(
        LimitCode.reducingOnly,
        `state is reducing: ${intent.side} ${qty.toString()} ${symbol} does not reduce exposure`,
      );
    }
    if (rules.maxDailyLoss && !reducing) {
      if (agg.dayPnl === null) return deny(LimitCode.dailyLoss, 'snapshot dayPnl is not a finite decimal');
      if (agg.dayPnl.lte(rules.maxDailyLoss.neg())) {
        return deny(
          LimitCode.dailyLoss,
          `day's PnL ${agg.dayPnl.toString()} reached maxDailyLoss ${rules.maxDailyLoss.toString()}: only reducing orders pass`,
        );
      }
    }
    if (rules.maxOpenOrders !== undefined && agg.totalOpen >= rules.maxOpenOrders) {
      return deny(
        LimitCode.maxOpenOrders,
        `${agg.totalOpen} open orders reach maxOpenOrders ${rules.maxOpenOrders}`,
      );
    }
    if (rules.maxOpenOrdersPerSymbol !== undefined) {
      const n = agg.openCount(symbol);
      if (n >= rules.maxOpenOrdersPerSymbol) {
        return deny(
          LimitCode.maxOpenOrders,
          `${n} open orders on ${symbol} reach maxOpenOrdersPerSymbol ${rules.maxOpenOrdersPerSymbol}`,
        );
      }
    }
    if (!reducing) {
      const exposureDecision = this.#checkExposure(
        intent,
        qty,
        position,
        sameSideOpen,
        last ?? px,
        agg,
        rules,
      );
      if (exposureDecision) return exposureDecision;
    }
    if (rules.orderRate) {
      const n = this.#rateWindow(symbol).count(this.#clock.now(), rules.orderRate.windowMs);
      if (n >= rules.orderRate.maxOrders) {
        return deny(
          LimitCode.orderRate,
          `${n} orders on ${symbol} in the last ${rules.orderRate.windowMs} ms reach orderRate.maxOrders ${rules.orderRate.maxOrders}`,
        );
      }
    }
    const accountRate = this.config.accountOrderRate;
    if (accountRate) {
      const n = this.#accountRate.count(this.#clock.now(), accountRate.windowMs);
      if (n >= accountRate.maxOrders) {
        return deny(
          LimitCode.orderRate,
          `${n} orders in the last ${accountRate.windowMs} ms reach accountOrderRate.maxOrders ${accountRate.maxOrders}`,
        );
      }
    }
    return OK;
  }

  #checkExposure(
    intent: OrderIntent,
    qty: Decimal,
    position: Decimal | null,
    sameSideOpen: Decimal | null,
    price: Decimal | null,
    agg: SnapshotAggregates,
    rules: ResolvedRules,
  ): LimitDecision | null {
    const { symbol } = intent;
    const before = position ?? ZERO;
    let projected = intent.side === 'buy' ? before.plus(qty) : before.minus(qty);
    if (sameSideOpen)
      projected = intent.side === 'buy' ? projected.plus(sameSideOpen) : projected.minus(sameSideOpen);
    if (rules.maxPositionQuantity && projected.abs().gt(rules.maxPositionQuantity)) {
      return deny(
        LimitCode.maxPositionQuantity,
        `position ${projected.toString()} on ${symbol} would exceed maxPositionQuantity ${rules.maxPositionQuantity.toString()}`,
      );
    }
    const needsExposure = rules.maxGrossExposure || rules.maxNetExposure || rules.maxLeverage;
    if (!rules.maxPositionNotional && !needsExposure) return null;
    if (price === null)
      return deny(LimitCode.noReferencePrice, `no last price for ${symbol} (exposure limits)`);
    if (rules.maxPositionNotional) {
      const notional = projected.abs().times(price);
      if (notional.gt(rules.maxPositionNotional)) {
        return deny(
          LimitCode.maxPositionNotional,
          `position notional ${notional.toString()} on ${symbol} would exceed maxPositionNotional ${rules.maxPositionNotional.toString()}`,
        );
      }
    }
    if (!needsExposure) return null;
    const fast = agg.floatExposure();
    if (fast.missing !== null) {
      return deny(LimitCode.noReferencePrice, `no last price for position ${fast.missing} (exposure limits)`);
    }
    if (this.#clearlyWithin(intent, sameSideOpen, agg, fast.gross, fast.net, rules)) return null;
    return this.#exactExposure(before, projected, agg.price(symbol) ?? price, agg, rules);
  }

  /**
   * Float64 pre-check: true only when every exposure rule passes with a relative margin of 1e-9, far above
   * the rounding error of summing a few thousand float products. Anything closer is decided exactly.
   */
  #clearlyWithin(
    intent: OrderIntent,
    sameSideOpen: Decimal | null,
    agg: SnapshotAggregates,
    gross: number,
    net: number,
    rules: ResolvedRules,
  ): boolean {
    const floats = this.#floatRules(intent.symbol, rules);
    const p = agg.floatPrice(intent.symbol);
    const before = agg.floatPosition(intent.symbol);
    const delta = toFloat(intent.quantity) + (sameSideOpen ? sameSideOpen.toNumber() : 0);
    const after = intent.side === 'buy' ? before + delta : before - delta;
    const grossAfter = gross - Math.abs(before) * p + Math.abs(after) * p;
    const netAfter = net - before * p + after * p;
    const tolerance = 1e-9 * (gross + Math.abs(after) * p) + 1e-9;
    if (!Number.isFinite(grossAfter) || !Number.isFinite(netAfter) || !Number.isFinite(tolerance))
      return false;
    if (floats.gross !== null && !(grossAfter < floats.gross - tolerance)) return false;
    if (floats.net !== null && !(Math.abs(netAfter) < floats.net - tolerance)) return false;
    if (floats.leverage !== null) {
      const equity = agg.floatEquity();
      if (!(equity > 0) || !(grossAfter < floats.leverage * equity * (1 - 1e-9) - tolerance)) return false;
    }
    return true;
  }

  #exactExposure(
    before: Decimal,
    projected: Decimal,
    symbolPrice: Decimal,
    agg: SnapshotAggregates,
    rules: ResolvedRules,
  ): LimitDecision | null {
    const exposure = agg.exactExposure();
    if (exposure.missing !== null) {
      return deny(
        LimitCode.noReferencePrice,
        `no last price for position ${exposure.missing} (exposure limits)`,
      );
    }
    const gross = exposure.gross
      .minus(before.abs().times(symbolPrice))
      .plus(projected.abs().times(symbolPrice));
    if (rules.maxGrossExposure && gross.gt(rules.maxGrossExposure)) {
      return deny(
        LimitCode.maxGrossExposure,
        `gross exposure ${gross.toString()} would exceed maxGrossExposure ${rules.maxGrossExposure.toString()}`,
      );
    }
    if (rules.maxNetExposure) {
      const net = exposure.net.minus(before.times(symbolPrice)).plus(projected.times(symbolPrice));
      if (net.abs().gt(rules.maxNetExposure)) {
        return deny(
          LimitCode.maxNetExposure,
          `net exposure ${net.toString()} would exceed maxNetExposure ${rules.maxNetExposure.toString()}`,
        );
      }
    }
    if (rules.maxLeverage) {
      const equity = agg.equity;
      if (equity === null || !equity.gt(0)) {
        return deny(
          LimitCode.maxLeverage,
          `equity ${equity?.toString() ?? 'invalid'} is not positive: leverage is unbounded`,
        );
      }
      if (gross.gt(rules.maxLeverage.times(equity))) {
        return deny(
          LimitCode.maxLeverage,
          `leverage ${gross.div(equity).toSignificantDigits(6).toString()} would exceed maxLeverage ${rules.maxLeverage.toString()}`,
        );
      }
    }
    return null;
  }

  #floatRules(symbol: string, rules: ResolvedRules): FloatRules {
    let f = this.#floats.get(symbol);
    if (!f) {
      f = {
        gross: rules.maxGrossExposure ? rules.maxGrossExposure.toNumber() : null,
        net: rules.maxNetExposure ? rules.maxNetExposure.toNumber() : null,
        leverage: rules.maxLeverage ? rules.maxLeverage.toNumber() : null,
      };
      this.#floats.set(symbol, f);
    }
    return f;
  }

  #aggregates(snapshot: PortfolioSnapshot): SnapshotAggregates {
    if (this.#cachedSnapshot !== snapshot || this.#cached === null) {
      this.#cachedSnapshot = snapshot;
      this.#cached = new SnapshotAggregates(snapshot);
    }
    return this.#cached;
  }

  #rateWindow(symbol: string): RateWindow {
    let w = this.#symbolRates.get(symbol);
    if (!w) {
      w = new RateWindow();
      this.#symbolRates.set(symbol, w);
    }
    return w;
  }
}

interface FloatRules {
  readonly gross: number | null;
  readonly net: number | null;
  readonly leverage: number | null;
}

/**
 * True when an order trades against the current position and, together with the same-side open orders,
 * does not exceed it (it can only shrink |position|, never flip it).
 *
 * @param side - order side
 * @param quantity - order quantity (> 0)
 * @param position - signed current position, or null for flat
 * @param sameSideOpen - remaining quantity of open orders on the same side and symbol, or null
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { isReducing } from '@rrr/risk';
 *
 * isReducing('sell', new Decimal(1), new Decimal(3), null); // true
 * isReducing('sell', new Decimal(4), new Decimal(3), null); // false: it would flip to short
 * ```
 */
export function isReducing(
  side: 'buy' | 'sell',
  quantity: Decimal,
  position: Decimal | null,
  sameSideOpen: Decimal | null,
): boolean {
  if (position === null || position.isZero()) return false;
  const total = sameSideOpen ? quantity.plus(sameSideOpen) : quantity;
  if (side === 'sell') return position.gt(0) && total.lte(position);
  return position.lt(0) && total.lte(position.neg());
}
