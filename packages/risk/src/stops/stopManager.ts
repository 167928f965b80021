import type { Decimal } from 'decimal.js';
import { type DecimalInput, requirePositive, toDecimal } from '../core/decimal.js';
import { InvalidParameterError } from '../errors.js';
import { BothTouchedRule, type ExitIntent, ExitReason, type StopBar, type StopPlan } from './types.js';

/**
 * Options of {@link StopManager}.
 *
 * @example
 * ```ts
 * import { StopManager, type StopManagerOptions } from '@rrr/risk';
 *
 * const options: StopManagerOptions = { bothTouched: 'target_first' };
 * const optimistic = new StopManager(options);
 * ```
 */
export interface StopManagerOptions {
  /** Rule for a bar that touches both the stop and the target; default `stop_first` (pessimistic). */
  readonly bothTouched?: BothTouchedRule;
}

interface Tracked {
  readonly plan: StopPlan;
  readonly long: boolean;
  readonly entry: Decimal;
  readonly quantity: Decimal;
  readonly fixed: Decimal | null;
  readonly target: Decimal | null;
  readonly trailPercent: Decimal | null;
  readonly trailAtr: Decimal | null;
  readonly beTrigger: Decimal | null;
  readonly beOffset: Decimal | null;
  trail: Decimal | null;
  breakEven: Decimal | null;
  best: Decimal;
}

/**
 * The stop level currently protecting a position and which rule set it.
 *
 * @example
 * ```ts
 * import { StopManager } from '@rrr/risk';
 *
 * const stops = new StopManager();
 * stops.open({ id: 'a', symbol: 'ETH/USDT', side: 'long', entryPrice: 3000, quantity: 1, entryTime: 0, stopLoss: 2900 });
 * stops.activeStop('a')?.price.toString(); // "2900"
 * ```
 */
export interface ActiveStop {
  /** Stop price. */
  readonly price: Decimal;
  /** Which rule the level comes from. */
  readonly reason: typeof ExitReason.stopLoss | typeof ExitReason.breakEven | typeof ExitReason.trailingStop;
}

/**
 * Manages exits for open positions: fixed stop-loss, take-profit, trailing stop (percent or ATR),
 * break-even move and time stop. Feed it bars in time order; it returns exit intents and forgets the
 * positions it exits.
 *
 * Rules per bar, for a long (a short mirrors them):
 * 1. The active stop is the highest of the fixed, break-even and trailing stops.
 * 2. If the bar opens at or below the stop, exit at the open (gap); if it opens at or above the target,
 *    exit at the open.
 * 3. Otherwise, if low <= stop and high >= target in the same bar, the order inside the bar is unknown:
 *    with `bothTouched: 'stop_first'` (default, pessimistic) the stop wins, with `'target_first'` the target.
 *    If only one is touched, exit at that level.
 * 4. Time stop: if the bar's `closeTime >= entryTime + maxHoldMs`, exit at the close.
 * 5. Only then does the bar update the best price, the trailing stop (which never loosens) and the
 *    break-even move: levels derived from a bar apply from the next bar, so nothing uses the inside of a
 *    bar it cannot know.
 *
 * @example
 * ```ts
 * import { StopManager } from '@rrr/risk';
 *
 * const stops = new StopManager();
 * stops.open({ id: 'p1', symbol: 'BTC/USDT', side: 'long', entryPrice: 100, quantity: 1, entryTime: 0,
 *   stopLoss: 95, takeProfit: 110, trailing: { type: 'percent', percent: 0.05 } });
 * stops.onBar('BTC/USDT', { openTime: 0, open: 100, high: 108, low: 99, close: 107 }); // [] ; trail -> 102.6
 * const exits = stops.onBar('BTC/USDT', { openTime: 60000, open: 106, high: 106, low: 101, close: 101 });
 * console.log(exits[0]?.reason, exits[0]?.price.toString()); // "trailing_stop 102.6"
 * ```
 */
export class StopManager {
  readonly #both: BothTouchedRule;
  readonly #positions = new Map<string, Tracked>();

  /** @param options - rule for bars touching both stop and target */
  constructor(options: StopManagerOptions = {}) {
    const both = options.bothTouched ?? BothTouchedRule.stopFirst;
    if (both !== BothTouchedRule.stopFirst && both !== BothTouchedRule.targetFirst) {
      throw new InvalidParameterError(
        'bothTouched',
        `bothTouched must be "stop_first" or "target_first" (got ${String(both)})`,
      );
    }
    this.#both = both;
  }

  /** Ids of the positions being managed. */
  get ids(): readonly string[] {
    return [...this.#positions.keys()];
  }

  /**
   * Starts managing a position. Throws `InvalidParameterError` naming a bad field (e.g. a stop-loss on
   * the wrong side of the entry).
   * @param plan - the position and its exit rules
   */
  open(plan: StopPlan): void {
    if (this.#positions.has(plan.id))
      throw new InvalidParameterError('id', `position id "${plan.id}" is already managed`);
    if (plan.side !== 'long' && plan.side !== 'short') {
      throw new InvalidParameterError('side', `side must be "long" or "short" (got ${String(plan.side)})`);
    }
    if (!Number.isFinite(plan.entryTime)) {
      throw new InvalidParameterError(
        'entryTime',
        `entryTime must be a finite number (got ${plan.entryTime})`,
      );
    }
    const long = plan.side === 'long';
    const entry = requirePositive(toDecimal(plan.entryPrice, 'entryPrice'), 'entryPrice');
    const quantity = requirePositive(toDecimal(plan.quantity, 'quantity'), 'quantity');
    const level = (value: DecimalInput | undefined, field: string, below: boolean): Decimal | null => {
      if (value === undefined) return null;
      const d = requirePositive(toDecimal(value, field), field);
      if (below ? !d.lt(entry) : !d.gt(entry)) {
        throw new InvalidParameterError(
          field,
          `${field} ${d.toString()} must be ${below ? 'below' : 'above'} entryPrice ${entry.toString()} for a ${plan.side}`,
        );
      }
      return d;
    };
    let trailPercent: Decimal | null = null;
    let trailAtr: Decimal | null = null;
    if (plan.trailing?.type === 'percent') {
      trailPercent = toDecimal(plan.trailing.percent, 'trailing.percent');
      if (!trailPercent.gt(0) || !trailPercent.lt(1)) {
        throw new InvalidParameterError(
          'trailing.percent',
          `trailing.percent must be in (0, 1) (got ${trailPercent.toString()})`,
        );
      }
    } else if (plan.trailing?.type === 'atr') {
      trailAtr = requirePositive(toDecimal(plan.trailing.multiple, 'trailing.multiple'), 'trailing.multiple');
    } else if (plan.trailing !== undefined) {
      throw new InvalidParameterError('trailing.type', 'trailing.type must be "percent" or "atr"');
    }
    if (plan.maxHoldMs !== undefined && !(Number.isFinite(plan.maxHoldMs) && plan.maxHoldMs > 0)) {
      throw new InvalidParameterError('maxHoldMs', `maxHoldMs must be > 0 (got ${plan.maxHoldMs})`);
    }
    const beTrigger = plan.breakEven
      ? requirePositive(toDecimal(plan.breakEven.trigger, 'breakEven.trigger'), 'breakEven.trigger')
      : null;
    const beOffset = plan.breakEven ? toDecimal(plan.breakEven.offset ?? 0, 'breakEven.offset') : null;
    this.#positions.set(plan.id, {
      plan,
      long,
      entry,
      quantity,
      fixed: level(plan.stopLoss, 'stopLoss', long),
      target: level(plan.takeProfit, 'takeProfit', !long),
      trailPercent,
      trailAtr,
      beTrigger,
      beOffset,
      trail: null,
      breakEven: null,
      best: entry,
    });
  }

  /**
   * Stops managing a position (e.g. closed by the strategy). Returns whether it was managed.
   * @param id - position id
   */
  close(id: string): boolean {
    return this.#positions.delete(id);
  }

  /**
   * The stop level currently protecting a position, or null if it has none (or is unknown).
   * @param id - position id
   */
  activeStop(id: string): ActiveStop | null {
    const t = this.#positions.get(id);
    return t ? activeStop(t) : null;
  }

  /**
   * Processes one closed bar for a symbol; returns the exits it triggers (and stops managing those positions).
   * @param symbol - instrument symbol
   * @param bar - the bar
   */
  onBar(symbol: string, bar: StopBar): ExitIntent[] {
    const open = toDecimal(bar.open, 'bar.open');
    const high = toDecimal(bar.high, 'bar.high');
    const low = toDecimal(bar.low, 'bar.low');
    const close = toDecimal(bar.close, 'bar.close');
    if (high.lt(low) || high.lt(open) || high.lt(close) || low.gt(open) || low.gt(close)) {
      throw new InvalidParameterError(
        'bar',
        `bar is inconsistent: open ${open} high ${high} low ${low} close ${close}`,
      );
    }
    const closeTime = bar.closeTime ?? bar.openTime;
    const exits: ExitIntent[] = [];
    for (const t of this.#positions.values()) {
      if (t.plan.symbol !== symbol || bar.openTime < t.plan.entryTime) continue;
      const exit = this.#evaluate(t, open, high, low, close, closeTime, bar.atr);
      if (exit) exits.push(exit);
    }
    for (const exit of exits) this.#positions.delete(exit.id);
    return exits;
  }

  /**
   * Processes one price (a tick): same as a bar whose open, high, low and close equal `price`.
   * @param symbol - instrument symbol
   * @param price - traded or mark price
   * @param time - time of the price (ms)
   */
  onPrice(symbol: string, price: DecimalInput, time: number): ExitIntent[] {
    return this.onBar(symbol, { openTime: time, open: price, high: price, low: price, close: price });
  }

  #evaluate(
    t: Tracked,
    open: Decimal,
    high: Decimal,
    low: Decimal,
    close: Decimal,
    time: number,
    atrInput: DecimalInput | undefined,
  ): ExitIntent | null {
    const stop = activeStop(t);
    const exit = (reason: ExitIntent['reason'], price: Decimal): ExitIntent => ({
      id: t.plan.id,
      symbol: t.plan.symbol,
      side: t.long ? 'sell' : 'buy',
      quantity: t.quantity,
      reason,
      price,
      time,
    });
    // "adverse" and "favourable" comparisons, mirrored for shorts.
    const beyondStop = (p: Decimal, s: Decimal): boolean => (t.long ? p.lte(s) : p.gte(s));
    const beyondTarget = (p: Decimal, s: Decimal): boolean => (t.long ? p.gte(s) : p.lte(s));
    if (stop && beyondStop(open, stop.price)) return exit(stop.reason, open);
    if (t.target && beyondTarget(open, t.target)) return exit(ExitReason.takeProfit, open);
    const stopHit = stop !== null && beyondStop(t.long ? low : high, stop.price);
    const targetHit = t.target !== null && beyondTarget(t.long ? high : low, t.target);
    if (stop && stopHit && (!targetHit || this.#both === BothTouchedRule.stopFirst))
      return exit(stop.reason, stop.price);
    if (t.target && targetHit) return exit(ExitReason.takeProfit, t.target);
    if (t.plan.maxHoldMs !== undefined && time >= t.plan.entryTime + t.plan.maxHoldMs) {
      return exit(ExitReason.timeStop, close);
    }
    // Update levels for the next bar.
    const favourable = t.long ? high : low;
    if (t.long ? favourable.gt(t.best) : favourable.lt(t.best)) t.best = favourable;
    let candidate: Decimal | null = null;
    if (t.trailPercent) {
      candidate = t.long ? t.best.times(t.trailPercent.neg().plus(1)) : t.best.times(t.trailPercent.plus(1));
    } else if (t.trailAtr) {
      if (atrInput === undefined)
        throw new InvalidParameterError('bar.atr', 'bar.atr is required by an ATR trailing stop');
      const distance = requirePositive(toDecimal(atrInput, 'bar.atr'), 'bar.atr').times(t.trailAtr);
      candidate = t.long ? t.best.minus(distance) : t.best.plus(distance);
    }
    if (candidate && (t.trail === null || (t.long ? candidate.gt(t.trail) : candidate.lt(t.trail))))
      t.trail = candidate;
    if (t.beTrigger && t.beOffset && t.breakEven === null) {
      const moved = t.long ? t.best.minus(t.entry) : t.entry.minus(t.best);
      if (moved.gte(t.beTrigger)) t.breakEven = t.long ? t.entry.plus(t.beOffset) : t.entry.minus(t.beOffset);
    }
    return null;
  }
}

function activeStop(t: Tracked): ActiveStop | null {
  let best: ActiveStop | null = null;
  const consider = (price: Decimal | null, reason: ActiveStop['reason']): void => {
    if (price === null) return;
    if (best === null || (t.long ? price.gt(best.price) : price.lt(best.price))) best = { price, reason };
  };
  consider(t.fixed, ExitReason.stopLoss);
  consider(t.breakEven, ExitReason.breakEven);
  consider(t.trail, ExitReason.trailingStop);
  return best;
}
