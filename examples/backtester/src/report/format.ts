import type { Metrics } from '../metrics/metrics.js';

/** Percent with 2 decimals. */
export const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : String(x));

/** Number with `d` decimals (or `Infinity`). */
export const num = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : String(x));

/** Duration in days and hours. */
export function duration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Rows `[label, strategy, benchmark]` of the metrics table. */
export function metricRows(s: Metrics, b: Metrics): [string, string, string][] {
  return [
    ['Final equity', num(s.finalEquity), num(b.finalEquity)],
    ['Total return', pct(s.totalReturn), pct(b.totalReturn)],
    ['CAGR', pct(s.cagr), pct(b.cagr)],
    ['Volatility (ann.)', pct(s.volatility), pct(b.volatility)],
    ['Sharpe', num(s.sharpe), num(b.sharpe)],
    ['Sortino', num(s.sortino), num(b.sortino)],
    ['Calmar', num(s.calmar), num(b.calmar)],
    ['Max drawdown', pct(s.maxDrawdown), pct(b.maxDrawdown)],
    ['Max DD duration', duration(s.maxDrawdownDurationMs), duration(b.maxDrawdownDurationMs)],
    ['Trades', String(s.trades), '-'],
    ['Win rate', pct(s.winRate), '-'],
    ['Profit factor', num(s.profitFactor), '-'],
    ['Expectancy', num(s.expectancy), '-'],
    ['Avg win / loss', `${num(s.avgWin)} / ${num(s.avgLoss)}`, '-'],
    ['Exposure', pct(s.exposure), pct(b.exposure)],
    ['Turnover', `${num(s.turnover)}x`, '-'],
    ['Fees paid', num(s.fees), num(b.fees)],
    ['SQN', num(s.sqn), '-'],
  ];
}
