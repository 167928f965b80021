import type { Trade } from '../engine/engine.js';

const iso = (t: number): string => new Date(t).toISOString();

/** Trades as CSV (one row per round trip). */
export function tradesCsv(trades: readonly Trade[]): string {
  const rows = [
    'symbol,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,return_pct,exit_reason,same_bar_ambiguous',
  ];
  for (const t of trades) {
    rows.push(
      [
        t.symbol,
        iso(t.entryTime),
        t.entryPrice,
        iso(t.exitTime),
        t.exitPrice,
        t.quantity,
        t.fees.toFixed(8),
        t.pnl.toFixed(8),
        t.returnPct.toFixed(8),
        t.exitReason,
        t.ambiguous,
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** Equity curve as CSV with the buy-and-hold benchmark and the drawdown. */
export function equityCsv(
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
  benchmark: ArrayLike<number>,
): string {
  const rows = ['time,equity,benchmark,drawdown'];
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] ?? 0;
    peak = Math.max(peak, e);
    rows.push(
      `${iso(time[i] ?? 0)},${e.toFixed(8)},${(benchmark[i] ?? 0).toFixed(8)},${(1 - e / peak).toFixed(8)}`,
    );
  }
  return `${rows.join('\n')}\n`;
}
