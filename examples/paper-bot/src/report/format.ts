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
      : s.openOrders.map((o) => `${o.symbol} ${o.side} ${o.quantity} ${o.status}`).join(', ');
  const markets = s.positions
    .map((p) => `${p.symbol} ${Number.isFinite(p.price) ? p.price.toFixed(2) : '-'} pos ${p.quantity}`)
    .join(' | ');
  return (
    `[${iso(s.barTime)}] bar ${s.barsProcessed}/${s.barsTotal} | ${markets} | equity ${money(s.equity)} | ` +
    `dd ${pct(s.drawdown)} | signal ${s.lastSignal} | risk ${s.riskState} | open orders: ${open}`
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
    ...(r.symbols.length > 1
      ? r.symbols.map(
          (s) =>
            `  ${s.symbol.padEnd(13)} ${s.fills} fills, position ${s.position}, realized ${s.realizedPnl}, ` +
            `unrealized ${s.unrealizedPnl} (buy and hold ${pct(s.buyAndHoldReturn)})`,
        )
      : []),
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
