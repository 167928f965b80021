import { decimalMul, decimalToFloat } from '@rrr/orders';
import type { BarSeries } from '../data/bars.js';
import type { BacktestResult } from '../engine/engine.js';
import { computeMetrics, type Metrics } from './metrics.js';

/** Per-symbol trade statistics. */
export interface SymbolStats {
  /** Market symbol. */
  readonly symbol: string;
  /** Closed trades. */
  readonly trades: number;
  /** Share of winners. */
  readonly winRate: number;
  /** Net pnl of all trades of the symbol (open ones marked at the last close). */
  readonly pnl: number;
  /** Fees paid. */
  readonly fees: number;
  /** Buy-and-hold return of the symbol (first open to last close). */
  readonly buyAndHold: number;
}

/** Strategy metrics, the equal-weight buy-and-hold benchmark and per-symbol rows. */
export interface Summary {
  /** Strategy metrics. */
  readonly strategy: Metrics;
  /** Equal-weight buy and hold (no fees) of the same symbols on the same timeline. */
  readonly benchmark: Metrics;
  /** Benchmark equity on the result's timeline. */
  readonly benchmarkEquity: Float64Array;
  /** Per-symbol breakdown. */
  readonly perSymbol: readonly SymbolStats[];
}

/** Median spacing of a time axis. */
export function stepOf(time: ArrayLike<number>): number {
  const diffs: number[] = [];
  for (let i = 1; i < time.length; i++) diffs.push((time[i] ?? 0) - (time[i - 1] ?? 0));
  diffs.sort((a, b) => a - b);
  return diffs[Math.floor(diffs.length / 2)] ?? 3_600_000;
}

/** Equal-weight buy and hold: each symbol gets initial / n at its first open, marked at closes afterwards. */
export function buyAndHoldEquity(
  data: readonly BarSeries[],
  time: ArrayLike<number>,
  initial: number,
): Float64Array {
  const out = new Float64Array(time.length);
  const share = initial / data.length;
  const cursors = data.map(() => 0);
  const value = data.map(() => share);
  for (let step = 0; step < time.length; step++) {
    const t = time[step];
    let total = 0;
    data.forEach((s, k) => {
      const i = cursors[k] ?? 0;
      if (i < s.time.length && s.time[i] === t) {
        value[k] = (share * (s.close[i] ?? 0)) / (s.open[0] ?? 1);
        cursors[k] = i + 1;
      }
      total += value[k] ?? 0;
    });
    out[step] = total;
  }
  return out;
}

/**
 * The strategy metrics of a run: {@link summarize}'s `strategy`, without the benchmark and per-symbol rows (what a
 * sweep row needs).
 *
 * @param result - the run
 * @param stepMs - spacing of the equity samples (default: the median spacing of `result.equityTime`)
 */
export function strategyMetrics(result: BacktestResult, stepMs = stepOf(result.equityTime)): Metrics {
  let notional = 0;
  let fees = 0;
  for (const f of result.fills) {
    notional += decimalToFloat(decimalMul(f.price, f.quantity));
    fees += decimalToFloat(f.fee);
  }
  return computeMetrics({
    initialEquity: result.config.initialCash,
    time: result.equityTime,
    equity: result.equity,
    invested: result.invested,
    stepMs,
    trades: result.trades,
    tradedNotional: notional,
    fees,
  });
}

/** Builds the {@link Summary} of a run. */
export function summarize(result: BacktestResult, data: readonly BarSeries[]): Summary {
  const stepMs = stepOf(result.equityTime);
  const initial = result.config.initialCash;
  const strategy = strategyMetrics(result, stepMs);
  const benchmarkEquity = buyAndHoldEquity(data, result.equityTime, initial);
  const benchmark = computeMetrics({
    initialEquity: initial,
    time: result.equityTime,
    equity: benchmarkEquity,
    invested: new Uint8Array(benchmarkEquity.length).fill(1),
    stepMs,
    trades: [],
    tradedNotional: initial,
    fees: 0,
  });
  const perSymbol = data.map((s) => {
    const trades = result.trades.filter((t) => t.symbol === s.symbol);
    const closed = trades.filter((t) => t.exitReason !== 'open');
    return {
      symbol: s.symbol,
      trades: closed.length,
      winRate: closed.length === 0 ? 0 : closed.filter((t) => t.pnl > 0).length / closed.length,
      pnl: trades.reduce((a, t) => a + t.pnl, 0),
      fees: trades.reduce((a, t) => a + t.fees, 0),
      buyAndHold: (s.close[s.close.length - 1] ?? 0) / (s.open[0] ?? 1) - 1,
    };
  });
  return { strategy, benchmark, benchmarkEquity, perSymbol };
}

/** Month-by-month returns of an equity curve (UTC months), as `[year, month (1-12), return]`. */
export function monthlyReturns(
  initial: number,
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = initial;
  for (let i = 0; i < equity.length; i++) {
    const d = new Date(time[i] ?? 0);
    const next = time[i + 1];
    const nd = next === undefined ? null : new Date(next);
    const monthEnds =
      !nd || nd.getUTCMonth() !== d.getUTCMonth() || nd.getUTCFullYear() !== d.getUTCFullYear();
    if (monthEnds) {
      const e = equity[i] ?? start;
      out.push([d.getUTCFullYear(), d.getUTCMonth() + 1, e / start - 1]);
      start = e;
    }
  }
  return out;
}
