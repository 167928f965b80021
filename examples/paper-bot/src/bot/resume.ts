import type { Bar } from '@rrr/indicators';
import { type Fill, Portfolio } from '@rrr/orders';
import type { Decimal } from 'decimal.js';
import { BAR_MS } from '../data/feed.js';
import type { TimeStep } from '../data/timeline.js';
import type { JournalBar } from './seams.js';

/** Where a run continues: the journal's last time step and the index of the first step still to process. */
export interface ResumePoint {
  /** Journal rows of earlier runs, oldest first. */
  readonly history: readonly JournalBar[];
  /** Close time of the last journaled step (−∞ when none). */
  readonly lastClose: number;
  /** Index into the steps of the first step to process. */
  readonly resumeAt: number;
}

/**
 * Finds the resume point: the first time step after the journal's last one. The journal must hold only symbols
 * the configuration trades (a state directory is not shared between different sets of symbols).
 *
 * @param history - journal rows
 * @param steps - the window's time steps
 * @param symbols - traded symbols
 * @returns the resume point
 * @throws Error naming `symbols` when the journal holds another symbol
 */
export function resumePoint(
  history: readonly JournalBar[],
  steps: readonly TimeStep[],
  symbols: readonly string[],
): ResumePoint {
  const foreign = [...new Set(history.map((r) => r.symbol))].filter((s) => !symbols.includes(s));
  if (foreign.length > 0) {
    throw new Error(
      `config symbols: the stores hold a run of ${foreign.join(', ')}, not traded by this configuration ` +
        `(${symbols.join(', ')}); use another state directory or --fresh`,
    );
  }
  const last = history[history.length - 1];
  if (last === undefined) return { history, lastClose: Number.NEGATIVE_INFINITY, resumeAt: 0 };
  const start = steps.findIndex((s) => s.ts > last.ts);
  return { history, lastClose: last.ts + BAR_MS, resumeAt: start < 0 ? steps.length : start };
}

/**
 * The bars of one symbol in the steps before `end` (the steps earlier runs processed).
 *
 * @param steps - time steps
 * @param end - index (exclusive)
 * @param symbol - market symbol
 */
export function barsBefore(steps: readonly TimeStep[], end: number, symbol: string): Bar[] {
  const bars: Bar[] = [];
  for (let i = 0; i < end; i++) {
    const bar = steps[i]?.bars.get(symbol);
    if (bar !== undefined) bars.push(bar);
  }
  return bars;
}

/**
 * The portfolio a run starts from: the venue's balances now, with the positions (average entry, realized PnL)
 * rebuilt from the stored fills. The fills are applied on top of the balances they produced, so the balances end
 * up exactly as the venue reports them.
 *
 * @param balances - the venue's balances (which include the stored fills)
 * @param fills - stored fills, oldest first
 * @returns the portfolio
 */
export function startingPortfolio(
  balances: Readonly<Record<string, Decimal>>,
  fills: readonly Fill[],
): Portfolio {
  const before = new Portfolio(balances);
  const effect = new Portfolio();
  for (const fill of fills) effect.applyFill(fill);
  for (const [currency, amount] of Object.entries(effect.snapshot().balances))
    before.adjustBalance(currency, amount.neg());
  const portfolio = new Portfolio(before.snapshot().balances);
  for (const fill of fills) portfolio.applyFill(fill);
  return portfolio;
}
