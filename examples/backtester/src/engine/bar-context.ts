import type { BarSeries } from '../data/bars.js';
import type { StrategyContext } from '../strategies/types.js';

/**
 * The context a strategy sees for one symbol, refilled for each of its bars: the bar's prices are read from the
 * series at the current index when the strategy asks for them (a strategy that only reads the close costs no
 * loads of the other columns), and the series itself is private, so a strategy cannot reach a later bar.
 *
 * @example
 * ```ts
 * import { BarContext } from './bar-context.js';
 *
 * const ctx = new BarContext(series);
 * ctx.index = 10;
 * ctx.close; // series.close[10]
 * ```
 */
export class BarContext implements StrategyContext {
  readonly symbol: string;
  /** Index of the bar in the series. */
  index = 0;
  /** Bar open time (ms UTC). */
  time = 0;
  /** Base quantity held. */
  position = 0;
  /** An entry or exit order is working. */
  pending = false;
  /** Portfolio equity. */
  equity = 0;
  /** Free quote cash. */
  cash = 0;
  readonly #series: BarSeries;

  /** @param series - the symbol's bars */
  constructor(series: BarSeries) {
    this.symbol = series.symbol;
    this.#series = series;
  }

  /** Open price of the current bar. */
  get open(): number {
    return this.#series.open[this.index] ?? 0;
  }

  /** High price of the current bar. */
  get high(): number {
    return this.#series.high[this.index] ?? 0;
  }

  /** Low price of the current bar. */
  get low(): number {
    return this.#series.low[this.index] ?? 0;
  }

  /** Close price of the current bar. */
  get close(): number {
    return this.#series.close[this.index] ?? 0;
  }

  /** Base volume of the current bar. */
  get volume(): number {
    return this.#series.volume[this.index] ?? 0;
  }
}
