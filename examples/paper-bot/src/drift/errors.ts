/**
 * A backtest trades CSV that cannot be read: the message names the line and the column.
 *
 * @example
 * ```ts
 * import { DriftInputError, parseBacktestTradesCsv } from '@rrr/example-paper-bot';
 *
 * try {
 *   parseBacktestTradesCsv('not,a,trades,file\n');
 * } catch (error) {
 *   if (error instanceof DriftInputError) console.error(error.field, error.message);
 * }
 * ```
 */
export class DriftInputError extends Error {
  /** Stable error code. */
  readonly code = 'drift_input';
  /** Where the problem is, e.g. `line 3: entry_price` or `header`. */
  readonly field: string;

  /**
   * @param field - the line and column (or `header`)
   * @param message - what is wrong, with the bad value
   */
  constructor(field: string, message: string) {
    super(`backtest trades CSV ${field}: ${message}`);
    this.name = 'DriftInputError';
    this.field = field;
  }
}
