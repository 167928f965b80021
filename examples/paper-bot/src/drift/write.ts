import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fill } from '@rrr/orders';
import { parseBacktestTradesCsv } from './backtest-csv.js';
import { type CompareOptions, compareTrades, type DriftReport } from './compare.js';
import { type FormatOptions, formatDriftReport } from './format.js';
import { tradesFromFills } from './trades-from-fills.js';

/** Inputs of {@link writeDriftReport}. */
export interface WriteDriftReportOptions extends CompareOptions, FormatOptions {
  /** The bot's fills, e.g. `SqliteOrderStore.fills()` of its `orders.db`. */
  readonly fills: readonly Fill[];
  /** Text of the backtester's `trades.csv` for the same period and strategy. */
  readonly backtestTradesCsv: string;
  /** Markdown file to write (its directory is created). */
  readonly out: string;
}

/**
 * Compares the bot's fills with a backtest's `trades.csv` and writes the Markdown drift report to `out`
 * (`tradesFromFills` + `parseBacktestTradesCsv` + `compareTrades` + `formatDriftReport`).
 *
 * @param options - fills, CSV text, output path, tolerance and table options
 * @returns the report (`identical` is the parity verdict)
 * @throws `DriftInputError` for a malformed CSV (line and column named)
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { SqliteOrderStore } from '@rrr/orders/sqlite';
 * import { writeDriftReport } from '@rrr/example-paper-bot';
 *
 * const store = SqliteOrderStore.open('paper-bot-state/orders.db');
 * const report = writeDriftReport({
 *   fills: await store.fills(),
 *   backtestTradesCsv: readFileSync('backtest-output/model/trades.csv', 'utf8'),
 *   out: 'paper-bot-state/drift.md',
 * });
 * await store.close();
 * process.exitCode = report.identical ? 0 : 1;
 * ```
 */
export function writeDriftReport(options: WriteDriftReportOptions): DriftReport {
  const report = compareTrades(
    tradesFromFills(options.fills),
    parseBacktestTradesCsv(options.backtestTradesCsv),
    options,
  );
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, formatDriftReport(report, options));
  return report;
}
