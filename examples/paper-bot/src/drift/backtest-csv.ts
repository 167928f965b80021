import { Decimal } from 'decimal.js';
import { DriftInputError } from './errors.js';
import type { DriftTrade } from './types.js';

/** Columns of the backtester's `trades.csv` (examples/backtester `tradesCsv`), in order. */
export const BACKTEST_TRADES_COLUMNS = [
  'symbol',
  'entry_time',
  'entry_price',
  'exit_time',
  'exit_price',
  'quantity',
  'fees',
  'pnl',
  'return_pct',
  'exit_reason',
  'same_bar_ambiguous',
] as const;

function time(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || !Number.isFinite(ms)) {
    throw new DriftInputError(field, `not an ISO time (got "${value}")`);
  }
  return ms;
}

function decimal(value: string, field: string): Decimal {
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) {
    throw new DriftInputError(field, `not a number (got "${value}")`);
  }
  return new Decimal(value);
}

/**
 * Reads the backtester's `trades.csv` (header `symbol,entry_time,entry_price,exit_time,exit_price,quantity,
 * fees,pnl,return_pct,exit_reason,same_bar_ambiguous`; times ISO UTC). A row with exit reason `open` is a
 * trade still open at the end of the backtest: its exit (marked at the last close by the backtester) is dropped.
 *
 * @param csv - the file's text
 * @returns the trades in file order
 * @throws {@link DriftInputError} naming the line and column of the first bad value
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseBacktestTradesCsv } from '@rrr/example-paper-bot';
 *
 * const trades = parseBacktestTradesCsv(readFileSync('backtest-output/model/trades.csv', 'utf8'));
 * ```
 */
export function parseBacktestTradesCsv(csv: string): DriftTrade[] {
  const lines = csv.split(/\r?\n/);
  const header = lines[0]?.trim() ?? '';
  if (header !== BACKTEST_TRADES_COLUMNS.join(',')) {
    throw new DriftInputError('header', `expected "${BACKTEST_TRADES_COLUMNS.join(',')}" (got "${header}")`);
  }
  const trades: DriftTrade[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]?.trim() ?? '';
    if (line === '') continue;
    const cells = line.split(',');
    const at = (column: number): string => `line ${n + 1}: ${BACKTEST_TRADES_COLUMNS[column]}`;
    if (cells.length !== BACKTEST_TRADES_COLUMNS.length) {
      throw new DriftInputError(
        `line ${n + 1}`,
        `expected ${BACKTEST_TRADES_COLUMNS.length} columns (got ${cells.length})`,
      );
    }
    const cell = (column: number): string => cells[column] ?? '';
    const symbol = cell(0);
    if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol)) {
      throw new DriftInputError(at(0), `not a BASE/QUOTE symbol (got "${symbol}")`);
    }
    const exitReason = cell(9);
    if (exitReason === '') throw new DriftInputError(at(9), 'is empty');
    const open = exitReason === 'open';
    trades.push({
      symbol,
      entryTime: time(cell(1), at(1)),
      entryPrice: decimal(cell(2), at(2)),
      exitTime: open ? null : time(cell(3), at(3)),
      exitPrice: open ? null : decimal(cell(4), at(4)),
      quantity: decimal(cell(5), at(5)),
      fees: decimal(cell(6), at(6)),
      pnl: open ? null : decimal(cell(7), at(7)),
      exitReason,
    });
  }
  return trades;
}
