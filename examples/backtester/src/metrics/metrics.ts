import { analyzeDrawdowns } from '@rrr/risk';
import type { Trade } from '../engine/engine.js';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Inputs of {@link computeMetrics}: an equity curve sampled once per bar step and the closed trades. */
export interface MetricsInput {
  /** Starting equity (before the first sample). */
  readonly initialEquity: number;
  /** Sample times (bar open times, ms), ascending, evenly spaced by `stepMs`. */
  readonly time: ArrayLike<number>;
  /** Equity after each step. */
  readonly equity: ArrayLike<number>;
  /** 1 when invested after the step. */
  readonly invested: ArrayLike<number>;
  /** Bar length in ms (the last sample covers `[time, time + stepMs)`). */
  readonly stepMs: number;
  /** Round trips; trades with exit reason `open` are ignored by the trade statistics. */
  readonly trades: readonly Trade[];
  /** Sum of |price × quantity| over all fills. */
  readonly tradedNotional: number;
  /** Sum of fees over all fills. */
  readonly fees: number;
}

/** Performance summary. Ratios use per-step simple returns, annualised with `sqrt(steps per year)`, risk-free 0. */
export interface Metrics {
  /** finalEquity / initialEquity − 1. */
  readonly totalReturn: number;
  /** Compound annual growth over the covered span (first open to last close). */
  readonly cagr: number;
  /** Annualised standard deviation (sample, n − 1) of step returns. */
  readonly volatility: number;
  /** mean(step return) / std × sqrt(steps per year). */
  readonly sharpe: number;
  /** mean(step return) / downside deviation × sqrt(steps per year); downside = sqrt(mean(min(r, 0)²)). */
  readonly sortino: number;
  /** CAGR / max drawdown. */
  readonly calmar: number;
  /** Deepest peak-to-trough fall as a fraction of the peak (@rrr/risk `analyzeDrawdowns`). */
  readonly maxDrawdown: number;
  /** Peak to recovery (or to the end) of that drawdown, ms. */
  readonly maxDrawdownDurationMs: number;
  /** Closed trades. */
  readonly trades: number;
  /** Share of closed trades with pnl > 0. */
  readonly winRate: number;
  /** Gross profit / gross loss (Infinity when nothing was lost, 0 with no trades). */
  readonly profitFactor: number;
  /** Mean net pnl per closed trade. */
  readonly expectancy: number;
  /** Mean pnl of winning trades. */
  readonly avgWin: number;
  /** Mean pnl of losing trades (negative). */
  readonly avgLoss: number;
  /** Share of steps with a position. */
  readonly exposure: number;
  /** Traded notional / mean equity. */
  readonly turnover: number;
  /** Fees paid. */
  readonly fees: number;
  /** System quality number: sqrt(n) × mean(trade return) / std(trade return). */
  readonly sqn: number;
  /** Final equity. */
  readonly finalEquity: number;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Step returns of an equity curve; the first is relative to the initial equity. */
export function stepReturns(initialEquity: number, equity: ArrayLike<number>): number[] {
  const out: number[] = [];
  let prev = initialEquity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] ?? prev;
    out.push(e / prev - 1);
    prev = e;
  }
  return out;
}

/** Computes every metric of {@link Metrics}. */
export function computeMetrics(input: MetricsInput): Metrics {
  const n = input.equity.length;
  const finalEquity = n > 0 ? (input.equity[n - 1] ?? input.initialEquity) : input.initialEquity;
  const totalReturn = finalEquity / input.initialEquity - 1;
  const first = input.time[0] ?? 0;
  const last = input.time[n - 1] ?? 0;
  const years = n > 0 ? (last + input.stepMs - first) / YEAR_MS : 0;
  const cagr = years > 0 ? (finalEquity / input.initialEquity) ** (1 / years) - 1 : 0;
  const returns = stepReturns(input.initialEquity, input.equity);
  const perYear = YEAR_MS / input.stepMs;
  const m = mean(returns);
  const sd = sampleStd(returns);
  const downside = Math.sqrt(mean(returns.map((r) => Math.min(r, 0) ** 2)));
  const curve = [input.initialEquity, ...Array.from(input.equity)];
  const times = [first - input.stepMs, ...Array.from(input.time)];
  const dd = analyzeDrawdowns(curve, times);
  const closed = input.trades.filter((t) => t.exitReason !== 'open');
  const wins = closed.filter((t) => t.pnl > 0).map((t) => t.pnl);
  const losses = closed.filter((t) => t.pnl <= 0).map((t) => t.pnl);
  const grossWin = wins.reduce((a, b) => a + b, 0);
  const grossLoss = -losses.reduce((a, b) => a + b, 0);
  let investedSteps = 0;
  for (let i = 0; i < input.invested.length; i++) investedSteps += input.invested[i] ?? 0;
  const tradeReturns = closed.map((t) => t.returnPct);
  const tradeSd = sampleStd(tradeReturns);
  return {
    totalReturn,
    cagr,
    volatility: sd * Math.sqrt(perYear),
    sharpe: safeDiv(m, sd) * Math.sqrt(perYear),
    sortino: safeDiv(m, downside) * Math.sqrt(perYear),
    calmar: safeDiv(cagr, dd.max.depth),
    maxDrawdown: dd.max.depth,
    maxDrawdownDurationMs: dd.max.duration,
    trades: closed.length,
    winRate: safeDiv(wins.length, closed.length),
    profitFactor: grossLoss === 0 ? (grossWin > 0 ? Number.POSITIVE_INFINITY : 0) : grossWin / grossLoss,
    expectancy: mean(closed.map((t) => t.pnl)),
    avgWin: mean(wins),
    avgLoss: mean(losses),
    exposure: safeDiv(investedSteps, input.invested.length),
    turnover: safeDiv(input.tradedNotional, mean(curve)),
    fees: input.fees,
    sqn: tradeSd === 0 ? 0 : (Math.sqrt(tradeReturns.length) * mean(tradeReturns)) / tradeSd,
    finalEquity,
  };
}
