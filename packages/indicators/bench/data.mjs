// Builds the benchmark input: 1,000,000 real BTC/USDT 1h bars, obtained by repeating a real series.
// Source: the full Binance BTC/USDT 1h history (77,374 bars, 2017-08 → 2026-06) from the monorepo's shared
// offline data set when it is present, else the committed 1,382-bar test fixture. Each repetition is shifted
// in time after the previous one (timestamps stay strictly increasing, on the 1h grid), and every second
// repetition runs the bars backwards with open and close swapped, so each repetition opens exactly at the
// previous one's last close (no price jump at the seams) and prices stay in the real range.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const HOUR = 3_600_000;
const SHARED = fileURLToPath(
  new URL('../../../../shared/data/candles/binance_BTCUSDT_1h.csv.gz', import.meta.url),
);
const FIXTURE = fileURLToPath(
  new URL('../test/fixtures/pipeline/binance_BTCUSDT_1h_2018-01_2018-02.csv.gz', import.meta.url),
);

function parse(path) {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const lines = text.trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',').map(Number));
  return rows;
}

/**
 * @param {number} n bars to build
 * @returns {{ source: string, sourceBars: number, series: { length: number, timestamp: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array } }}
 */
export function loadBenchBars(n) {
  const path = existsSync(SHARED) ? SHARED : FIXTURE;
  const rows = parse(path);
  const columns = {
    timestamp: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const firstTime = rows[0][0];
  const span = rows[rows.length - 1][0] - firstTime + HOUR;
  const m = rows.length;
  for (let i = 0; i < n; i++) {
    const repetition = Math.floor(i / m);
    const k = i % m;
    const backwards = repetition % 2 === 1;
    const row = rows[backwards ? m - 1 - k : k];
    columns.timestamp[i] = firstTime + repetition * span + (rows[k][0] - firstTime);
    columns.open[i] = backwards ? row[4] : row[1];
    columns.high[i] = row[2];
    columns.low[i] = row[3];
    columns.close[i] = backwards ? row[1] : row[4];
    columns.volume[i] = row[5];
  }
  return {
    source:
      path === SHARED
        ? 'shared/data/candles/binance_BTCUSDT_1h.csv.gz'
        : 'test/fixtures/pipeline/binance_BTCUSDT_1h_2018-01_2018-02.csv.gz',
    sourceBars: rows.length,
    series: { length: n, ...columns },
  };
}
