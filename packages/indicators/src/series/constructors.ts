import { InvalidSeriesError } from '../errors.js';
import type { Bar, OhlcvColumns, OhlcvSeries } from './types.js';
import { validateSeries } from './validate.js';

const FIELDS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Builds a validated {@link OhlcvSeries} from columns (arrays or typed arrays), copying them into fresh
 * `Float64Array`s.
 *
 * @param columns - `{ timestamp, open, high, low, close, volume }` of equal length
 * @returns the series
 * @throws InvalidSeriesError (`invalid_series`) for a missing column, unequal lengths or the first row that
 * breaks an invariant (see {@link validateSeries})
 *
 * @example
 * ```ts
 * import { seriesFromColumns } from '@rrr/indicators';
 *
 * const series = seriesFromColumns({
 *   timestamp: [0, 60_000],
 *   open: [10, 11],
 *   high: [12, 12],
 *   low: [9, 10],
 *   close: [11, 12],
 *   volume: [5, 3],
 * });
 * console.log(series.length, series.close[1]); // 2 12
 * ```
 */
export function seriesFromColumns(columns: OhlcvColumns): OhlcvSeries {
  if (columns === null || typeof columns !== 'object') {
    throw new InvalidSeriesError(
      'invalid_series',
      -1,
      'columns',
      'seriesFromColumns: expected an object of columns',
    );
  }
  for (const name of FIELDS) {
    const column = columns[name];
    if (column === null || typeof column !== 'object' || typeof column.length !== 'number') {
      throw new InvalidSeriesError(
        'invalid_series',
        -1,
        name,
        `seriesFromColumns: column ${name} is missing or not an array`,
      );
    }
  }
  const n = columns.timestamp.length;
  const series: OhlcvSeries = {
    length: n,
    timestamp: Float64Array.from(columns.timestamp),
    open: Float64Array.from(columns.open),
    high: Float64Array.from(columns.high),
    low: Float64Array.from(columns.low),
    close: Float64Array.from(columns.close),
    volume: Float64Array.from(columns.volume),
  };
  validateSeries(series);
  return series;
}

/**
 * Builds a validated {@link OhlcvSeries} from row objects.
 *
 * @param bars - bars in time order
 * @returns the series
 * @throws InvalidSeriesError (`invalid_series`) naming the first bad row and field
 *
 * @example
 * ```ts
 * import { seriesFromBars } from '@rrr/indicators';
 *
 * const series = seriesFromBars([{ timestamp: 0, open: 10, high: 12, low: 9, close: 11, volume: 5 }]);
 * console.log(series.high[0]); // 12
 * ```
 */
export function seriesFromBars(bars: readonly Bar[]): OhlcvSeries {
  if (!Array.isArray(bars)) {
    throw new InvalidSeriesError('invalid_series', -1, 'bars', 'seriesFromBars: expected an array of bars');
  }
  const n = bars.length;
  const cols = {
    timestamp: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const bar = bars[i];
    if (bar === null || typeof bar !== 'object') {
      throw new InvalidSeriesError('invalid_series', i, 'bar', `row ${i}: expected a bar object`);
    }
    for (const name of FIELDS) {
      const v = bar[name];
      if (typeof v !== 'number') {
        throw new InvalidSeriesError(
          'invalid_series',
          i,
          name,
          `row ${i}: ${name} is ${String(v)}, expected a number`,
        );
      }
      cols[name][i] = v;
    }
  }
  const series: OhlcvSeries = { length: n, ...cols };
  validateSeries(series);
  return series;
}

/**
 * The bar at row `index` of a series, as a fresh object.
 *
 * @param series - the series
 * @param index - 0-based row, `0 <= index < series.length`
 * @returns the bar
 * @throws InvalidSeriesError (`invalid_series`) when `index` is out of range
 *
 * @example
 * ```ts
 * import { barAt, seriesFromBars } from '@rrr/indicators';
 *
 * const series = seriesFromBars([{ timestamp: 0, open: 10, high: 12, low: 9, close: 11, volume: 5 }]);
 * console.log(barAt(series, 0).close); // 11
 * ```
 */
export function barAt(series: OhlcvSeries, index: number): Bar {
  if (!Number.isInteger(index) || index < 0 || index >= series.length) {
    throw new InvalidSeriesError(
      'invalid_series',
      index,
      'index',
      `barAt: index ${String(index)} is outside 0..${series.length - 1}`,
    );
  }
  return {
    timestamp: series.timestamp[index] as number,
    open: series.open[index] as number,
    high: series.high[index] as number,
    low: series.low[index] as number,
    close: series.close[index] as number,
    volume: series.volume[index] as number,
  };
}
