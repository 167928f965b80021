import type { Decimal } from 'decimal.js';
import type { DriftReport, TradeDrift } from './compare.js';

/** Options of {@link formatDriftReport}. */
export interface FormatOptions {
  /** List every trade, not only those that differ (default false). */
  readonly all?: boolean;
  /** At most this many rows in the table (default 200); the rest are counted. */
  readonly maxRows?: number;
}

const iso = (t: number | null | undefined): string =>
  t === null || t === undefined ? '–' : new Date(t).toISOString().replace('.000Z', 'Z');
const num = (d: Decimal | null | undefined): string => (d === null || d === undefined ? '–' : d.toString());
const signed = (d: Decimal | null): string =>
  d === null ? '–' : d.isNeg() ? d.toString() : `+${d.toString()}`;

function pair(row: TradeDrift, field: 'entryPrice' | 'exitPrice' | 'quantity' | 'fees' | 'pnl'): string {
  const bot = row.bot?.[field];
  const backtest = row.backtest?.[field];
  if (row.status !== 'matched') return num(bot ?? backtest);
  if (!row.differs.includes(field)) return num(bot);
  return `${num(bot)} vs ${num(backtest)} (${signed(row.deltas[field])})`;
}

function exit(row: TradeDrift): string {
  const bot = row.bot?.exitTime;
  const backtest = row.backtest?.exitTime;
  if (row.status !== 'matched' || !row.differs.includes('exitTime')) return iso(bot ?? backtest);
  return `${iso(bot)} vs ${iso(backtest)}`;
}

const STATUS: Record<TradeDrift['status'], string> = {
  matched: 'differs',
  missing_in_bot: 'missing in bot',
  extra_in_bot: 'extra in bot',
};

/**
 * Renders a {@link DriftReport} as Markdown: a verdict, the counts and pnl totals, then a table of the trades
 * that differ (values shown as `bot vs backtest (delta)`), with the cumulative pnl drift per row.
 *
 * @param report - from `compareTrades`
 * @param options - list all trades, row limit
 * @returns Markdown text
 * @example
 * ```ts
 * import { compareTrades, formatDriftReport } from '@rrr/example-paper-bot';
 *
 * console.log(formatDriftReport(compareTrades([], [])));
 * ```
 */
export function formatDriftReport(report: DriftReport, options: FormatOptions = {}): string {
  const maxRows = options.maxRows ?? 200;
  const lines = [
    '# Drift report: paper bot vs backtest',
    '',
    report.identical
      ? `**No drift**: ${report.matched} trades identical (tolerance ${report.tolerance.toString()}).`
      : `**Drift**: ${report.differing} of ${report.matched} matched trades differ, ${report.missingInBot} missing in the bot, ${report.extraInBot} extra in the bot (tolerance ${report.tolerance.toString()}).`,
    '',
    `| | bot | backtest | drift |`,
    `|---|---|---|---|`,
    `| trades | ${report.botTrades} | ${report.backtestTrades} | ${report.botTrades - report.backtestTrades} |`,
    `| net pnl of closed trades | ${report.botPnl.toFixed(2)} | ${report.backtestPnl.toFixed(2)} | ${signed(report.pnlDrift.toDecimalPlaces(8))} |`,
    '',
  ];
  const shown = report.rows.filter((r) => options.all === true || r.differs.length > 0);
  if (shown.length === 0) return `${lines.join('\n')}\n`;
  lines.push(
    '| # | symbol | entry | status | exit | entry price | exit price | quantity | fees | pnl | cumulative pnl drift |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of shown.slice(0, maxRows)) {
    const n = report.rows.indexOf(row) + 1;
    const status = row.differs.length === 0 ? 'same' : STATUS[row.status];
    lines.push(
      `| ${n} | ${row.symbol} | ${iso(row.entryTime)} | ${status} | ${exit(row)} | ${pair(row, 'entryPrice')} | ${pair(row, 'exitPrice')} | ${pair(row, 'quantity')} | ${pair(row, 'fees')} | ${pair(row, 'pnl')} | ${signed(row.cumulativePnlDrift.toDecimalPlaces(8))} |`,
    );
  }
  if (shown.length > maxRows) lines.push('', `… ${shown.length - maxRows} more rows not shown.`);
  return `${lines.join('\n')}\n`;
}
