/**
 * Drift report: the paper bot's trades against a backtest of the same period and strategy, trade by trade.
 *
 * @packageDocumentation
 */
export { BACKTEST_TRADES_COLUMNS, parseBacktestTradesCsv } from './backtest-csv.js';
export {
  type CompareOptions,
  compareTrades,
  type DriftField,
  type DriftReport,
  type TradeDrift,
} from './compare.js';
export { DriftInputError } from './errors.js';
export { type FormatOptions, formatDriftReport } from './format.js';
export { tradesFromFills } from './trades-from-fills.js';
export type { DriftTrade } from './types.js';
export { type WriteDriftReportOptions, writeDriftReport } from './write.js';
