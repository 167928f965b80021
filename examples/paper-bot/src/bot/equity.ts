import type { JournalBar } from './seams.js';

const DAY_MS = 86_400_000;

/**
 * Portfolio equity over the run: the running peak, drawdown, largest drawdown and the equity at the start of the
 * UTC day (for the daily PnL of the risk limits). Continues from the journal of earlier runs.
 */
export class EquityTracker {
  #equity: number;
  #peak: number;
  #maxDrawdown: number;
  #dayStart: number;
  #day = -1;

  /**
   * @param initialCash - starting cash
   * @param history - journal rows of earlier runs, oldest first
   */
  constructor(initialCash: number, history: readonly JournalBar[]) {
    this.#peak = history.reduce((m, b) => Math.max(m, b.equity), initialCash);
    this.#maxDrawdown = history.reduce((m, b) => Math.max(m, b.drawdown), 0);
    this.#equity = history[history.length - 1]?.equity ?? initialCash;
    this.#dayStart = initialCash;
    for (const b of history) {
      const d = Math.floor(b.ts / DAY_MS);
      if (d !== this.#day) {
        this.#day = d;
        this.#dayStart = b.equity;
      }
    }
  }

  /**
   * Records the equity at the close of a time step.
   *
   * @param ts - open time of the step
   * @param equity - equity at its close
   * @returns the drawdown from the peak
   */
  observe(ts: number, equity: number): number {
    this.#equity = equity;
    const day = Math.floor(ts / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#dayStart = equity;
    }
    this.#peak = Math.max(this.#peak, equity);
    const drawdown = this.drawdown;
    this.#maxDrawdown = Math.max(this.#maxDrawdown, drawdown);
    return drawdown;
  }

  /** Last equity. */
  get equity(): number {
    return this.#equity;
  }
  /** Highest equity so far. */
  get peak(): number {
    return this.#peak;
  }
  /** Drawdown from the peak, 0..1. */
  get drawdown(): number {
    return this.#peak > 0 ? 1 - this.#equity / this.#peak : 0;
  }
  /** Largest drawdown so far. */
  get maxDrawdown(): number {
    return this.#maxDrawdown;
  }
  /** Equity change since the start of the UTC day. */
  get dayPnl(): number {
    return this.#equity - this.#dayStart;
  }
}
