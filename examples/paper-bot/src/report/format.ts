import type { RunSummary } from '../bot/run.js';
import type { BotState } from '../bot/state.js';

const iso = (ms: number): string =>
  Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '-';
const money = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/**
 * The one-line live status.
 *
 * @param s - the bot state after a bar
 * @returns one line without a newline
 */
export function statusLine(s: BotState): string {
  const open =
    s.openOrders.length === 0
      ? 'none'
      : s.openOrders.map((o) => `${o.side} ${o.quantity} ${o.status}`).join(', ');
  return (
    `[${iso(s.barTime)}] bar ${s.barsProcessed}/${s.barsTotal} | ${s.symbol} ${s.price.toFixed(2)} | ` +
    `equity ${money(s.equity)} | pos ${s.position} | dd ${pct(s.drawdown)} | signal ${s.lastSignal} | ` +
    `risk ${s.riskState} | open orders: ${open}`
  );
}

/**
 * The end-of-run summary, several lines.
 *
 * @param r - the run summary
 * @returns text ending with a newline
 */
export function summaryText(r: RunSummary): string {
  const eq = Number(r.equity);
  const orders = Object.entries(r.ordersByStatus)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const signals = Object.entries(r.signals)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `paper-bot summary (${r.symbol}, ${iso(r.period.from)} -> ${iso(r.period.to)} UTC, ${r.source})`,
    `  bars          ${r.barsProcessed}/${r.barsTotal} processed (${r.barsThisRun} in this run, ${r.resume.skippedBars} resumed from the stores); stopped by ${r.stoppedBy}`,
    `  signals       ${signals || 'none'}`,
    `  orders        ${orders || 'none'}`,
    `  fills         ${r.fills}, fees ${r.fees}`,
    `  PnL           realized ${r.realizedPnl} (net of fees), unrealized ${r.unrealizedPnl}`,
    `  equity        ${money(eq)} from ${money(r.initialCash)} (${pct(eq / r.initialCash - 1)}; buy and hold ${pct(r.buyAndHoldReturn)})`,
    `  max drawdown  ${pct(r.maxDrawdown)}`,
    `  audit chain   ${r.audit.verified ? `verified, ${r.audit.records} records (${r.audit.detail})` : `NOT VERIFIED: ${r.audit.detail}`}`,
  ];
  if (r.resume.skippedBars > 0 || r.resume.reopenedOrders > 0) {
    lines.push(
      `  recovery      ${r.resume.reopenedOrders} open orders handed back to the venue, ${r.resume.replayedFills} fills replayed, ` +
        `${r.resume.reconciliation.checked} reconciled`,
    );
  }
  return `${lines.join('\n')}\n`;
}
