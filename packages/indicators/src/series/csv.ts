import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InvalidSeriesError } from '../errors.js';
import type { OhlcvSeries } from './types.js';
import { validateSeries } from './validate.js';

const FIELDS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Parses OHLCV CSV text: a header naming the columns `timestamp,open,high,low,close,volume` (any order,
 * extra columns ignored), then one bar per line; `timestamp` in ms since the epoch (UTC). `\r\n` line ends
 * and a trailing newline are accepted. The result is validated like {@link seriesFromColumns}.
 *
 * @param text - CSV text
 * @returns the series
 * @throws InvalidSeriesError `invalid_csv` for a missing column or a value that is not a number (with the
 * 0-based data row and field), `invalid_series` for an invariant violation
 *
 * @example
 * ```ts
 * import { parseOhlcvCsv } from '@rrr/indicators';
 *
 * const series = parseOhlcvCsv('timestamp,open,high,low,close,volume\n0,10,12,9,11,5\n');
 * console.log(series.close[0]); // 11
 * ```
 */
export function parseOhlcvCsv(text: string): OhlcvSeries {
  if (typeof text !== 'string') {
    throw new InvalidSeriesError('invalid_csv', -1, 'text', 'parseOhlcvCsv: expected CSV text');
  }
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1] as string).trim() === '') end--;
  const header = (lines[0] ?? '')
    .trim()
    .split(',')
    .map((h) => h.trim().toLowerCase());
  const positions = FIELDS.map((name) => {
    const at = header.indexOf(name);
    if (at < 0) {
      throw new InvalidSeriesError(
        'invalid_csv',
        -1,
        name,
        `parseOhlcvCsv: header has no "${name}" column (got "${header.join(',')}")`,
      );
    }
    return at;
  });
  const n = Math.max(0, end - 1);
  const columns = FIELDS.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const line = lines[r + 1] as string;
    const cells = line.split(',');
    for (let f = 0; f < FIELDS.length; f++) {
      const cell = cells[positions[f] as number];
      const v = cell === undefined ? Number.NaN : Number(cell);
      if (cell === undefined || cell.trim() === '' || Number.isNaN(v)) {
        const name = FIELDS[f] as string;
        throw new InvalidSeriesError(
          'invalid_csv',
          r,
          name,
          `parseOhlcvCsv: row ${r} (line ${r + 2}): ${name} ${cell === undefined ? 'is missing' : `"${cell.trim()}" is not a number`}`,
        );
      }
      (columns[f] as Float64Array)[r] = v;
    }
  }
  const [timestamp, open, high, low, close, volume] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const series: OhlcvSeries = { length: n, timestamp, open, high, low, close, volume };
  validateSeries(series);
  return series;
}

/**
 * Reads an OHLCV CSV file (the format of `parseOhlcvCsv`), gunzipping it when the name ends in `.gz` or the
 * content starts with the gzip magic bytes. Synchronous.
 *
 * @param path - file path
 * @returns the series
 * @throws InvalidSeriesError `invalid_csv` when the file cannot be read or decompressed (the cause is
 * chained) or is not valid OHLCV CSV, `invalid_series` for an invariant violation
 *
 * @example
 * ```ts
 * import { readOhlcvCsvFile } from '@rrr/indicators';
 *
 * const series = readOhlcvCsvFile('data/binance_BTCUSDT_1h.csv.gz');
 * console.log(series.length);
 * ```
 */
export function readOhlcvCsvFile(path: string): OhlcvSeries {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
    if (path.endsWith('.gz') || (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) {
      bytes = gunzipSync(bytes);
    }
  } catch (error) {
    throw new InvalidSeriesError('invalid_csv', -1, 'path', `readOhlcvCsvFile: cannot read ${path}`, {
      cause: error,
    });
  }
  return parseOhlcvCsv(bytes.toString('utf8').replace(/\r/g, ''));
}
