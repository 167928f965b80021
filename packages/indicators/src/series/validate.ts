import { InvalidSeriesError } from '../errors.js';
import type { OhlcvSeries } from './types.js';

/** @internal Formats a number for an error message. */
function show(v: number): string {
  return String(v);
}

/**
 * Checks every invariant of an OHLCV series and throws an `InvalidSeriesError` (`code: 'invalid_series'`)
 * naming the first bad row (0-based) and field: finite values, integer timestamps strictly increasing
 * (sorted and unique), `high >= max(open, close)`, `low <= min(open, close)`, `volume >= 0`.
 *
 * @param series - the series to check
 * @throws InvalidSeriesError on the first violation, with `row` and `field`
 *
 * @example
 * ```ts
 * import { validateSeries } from '@rrr/indicators';
 *
 * const one = new Float64Array([1]);
 * validateSeries({ length: 1, timestamp: new Float64Array([0]), open: one, high: one, low: one, close: one, volume: one });
 * ```
 */
export function validateSeries(series: OhlcvSeries): void {
  const { length: n, timestamp, open, high, low, close, volume } = series;
  const fields = [
    ['timestamp', timestamp],
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
    ['volume', volume],
  ] as const;
  for (const [name, column] of fields) {
    if (column.length !== n) {
      throw new InvalidSeriesError(
        'invalid_series',
        -1,
        name,
        `series: ${name} has ${column.length} values but the series has ${n} bars`,
      );
    }
  }
  for (let i = 0; i < n; i++) {
    for (const [name, column] of fields) {
      const v = column[i] as number;
      if (!Number.isFinite(v)) {
        throw new InvalidSeriesError(
          'invalid_series',
          i,
          name,
          `row ${i}: ${name} is ${show(v)}, expected a finite number`,
        );
      }
    }
    const t = timestamp[i] as number;
    if (!Number.isInteger(t)) {
      throw new InvalidSeriesError(
        'invalid_series',
        i,
        'timestamp',
        `row ${i}: timestamp ${show(t)} is not an integer of ms`,
      );
    }
    if (i > 0 && t <= (timestamp[i - 1] as number)) {
      const prev = timestamp[i - 1] as number;
      const what = t === prev ? 'duplicates' : 'is before';
      throw new InvalidSeriesError(
        'invalid_series',
        i,
        'timestamp',
        `row ${i}: timestamp ${show(t)} ${what} the previous row's ${show(prev)} (timestamps must be strictly increasing)`,
      );
    }
    const o = open[i] as number;
    const c = close[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    if (h < o || h < c) {
      throw new InvalidSeriesError(
        'invalid_series',
        i,
        'high',
        `row ${i}: high ${show(h)} < max(open ${show(o)}, close ${show(c)})`,
      );
    }
    if (l > o || l > c) {
      throw new InvalidSeriesError(
        'invalid_series',
        i,
        'low',
        `row ${i}: low ${show(l)} > min(open ${show(o)}, close ${show(c)})`,
      );
    }
    const v = volume[i] as number;
    if (v < 0) {
      throw new InvalidSeriesError('invalid_series', i, 'volume', `row ${i}: volume ${show(v)} is negative`);
    }
  }
}
