import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Bar } from '@rrr/indicators';

/** Columnar OHLCV history of one symbol; `time` is the bar's open time in ms UTC. */
export interface BarSeries {
  /** Market symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  /** Bar open times (ms UTC), strictly increasing. */
  readonly time: Float64Array;
  /** Open prices. */
  readonly open: Float64Array;
  /** High prices. */
  readonly high: Float64Array;
  /** Low prices. */
  readonly low: Float64Array;
  /** Close prices. */
  readonly close: Float64Array;
  /** Base-currency volumes. */
  readonly volume: Float64Array;
  /** Price strings exactly as in the file (open, high, low, close per bar) so Decimal sees no float noise. */
  readonly raw: readonly (readonly [string, string, string, string, string])[];
}

/** A loaded data file with its content hash. */
export interface DataFile {
  /** Path as given. */
  readonly path: string;
  /** sha256 of the file bytes (compressed bytes for `.gz`). */
  readonly sha256: string;
  /** The parsed bars. */
  readonly series: BarSeries;
}

const KNOWN_QUOTES = ['USDT', 'USDC', 'USD', 'BUSD', 'EUR', 'BTC', 'ETH'] as const;

/** `binance_BTCUSDT_1h_2024.csv.gz` -> `BTC/USDT`. */
export function symbolFromFileName(path: string): string {
  const name = basename(path)
    .replace(/\.gz$/, '')
    .replace(/\.csv$/, '');
  const pair = name
    .split('_')
    .find((part) => KNOWN_QUOTES.some((q) => part.endsWith(q) && part.length > q.length));
  if (!pair) throw new Error(`cannot derive a symbol from file name "${basename(path)}"`);
  const quote = KNOWN_QUOTES.find((q) => pair.endsWith(q)) ?? 'USDT';
  return `${pair.slice(0, pair.length - quote.length)}/${quote}`;
}

/** Parses `timestamp,open,high,low,close,volume` CSV text (timestamp in ms). */
export function parseCsv(text: string, symbol: string): BarSeries {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase());
  const expected = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];
  if (!header || expected.some((h, i) => header[i] !== h)) {
    throw new Error(`CSV header must be "${expected.join(',')}" (got "${lines[0] ?? ''}")`);
  }
  const n = lines.length - 1;
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const raw: [string, string, string, string, string][] = [];
  for (let i = 0; i < n; i++) {
    const cells = (lines[i + 1] ?? '').split(',');
    if (cells.length < 6) throw new Error(`line ${i + 2}: expected 6 fields, got ${cells.length}`);
    const [t, o, h, l, c, v] = cells as [string, string, string, string, string, string];
    time[i] = Number(t);
    open[i] = Number(o);
    high[i] = Number(h);
    low[i] = Number(l);
    close[i] = Number(c);
    volume[i] = Number(v);
    for (const [field, value] of [
      ['timestamp', time[i]],
      ['open', open[i]],
      ['high', high[i]],
      ['low', low[i]],
      ['close', close[i]],
      ['volume', volume[i]],
    ] as const) {
      if (!Number.isFinite(value)) throw new Error(`line ${i + 2}: ${field} is not a number`);
    }
    if (i > 0 && (time[i] ?? 0) <= (time[i - 1] ?? 0)) {
      throw new Error(`line ${i + 2}: timestamp ${t} is not after the previous one`);
    }
    raw.push([o, h, l, c, v]);
  }
  return { symbol, time, open, high, low, close, volume, raw };
}

/** Reads one CSV (optionally gzipped) file. */
export function loadFile(path: string, symbol = symbolFromFileName(path)): DataFile {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return { path, sha256, series: parseCsv(text, symbol) };
}

/** Reads a file, or every `*.csv` / `*.csv.gz` in a directory (sorted by name). */
export function loadData(path: string): DataFile[] {
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .filter((f) => f.endsWith('.csv') || f.endsWith('.csv.gz'))
      .sort();
    if (files.length === 0) throw new Error(`no .csv or .csv.gz files in "${path}"`);
    return files.map((f) => loadFile(join(path, f)));
  }
  return [loadFile(path)];
}

/** Keeps the first `n` bars of a series. */
export function headSeries(series: BarSeries, n: number): BarSeries {
  return sliceIndex(series, 0, n);
}

/** Keeps the bars whose open time is within `[from, to]`. */
export function sliceSeries(series: BarSeries, from: number, to: number): BarSeries {
  let start = 0;
  while (start < series.time.length && (series.time[start] ?? 0) < from) start++;
  let end = start;
  while (end < series.time.length && (series.time[end] ?? 0) <= to) end++;
  return sliceIndex(series, start, end);
}

function sliceIndex(series: BarSeries, start: number, n: number): BarSeries {
  return {
    symbol: series.symbol,
    time: series.time.slice(start, n),
    open: series.open.slice(start, n),
    high: series.high.slice(start, n),
    low: series.low.slice(start, n),
    close: series.close.slice(start, n),
    volume: series.volume.slice(start, n),
    raw: series.raw.slice(start, n),
  };
}

/**
 * Bar `i` of a series as an `@rrr/indicators` `Bar` (what the streaming model and indicators take).
 *
 * @example
 * ```ts
 * const last = barAt(series, series.time.length - 1);
 * ```
 */
export function barAt(s: BarSeries, i: number): Bar {
  return {
    timestamp: s.time[i] ?? 0,
    open: s.open[i] ?? 0,
    high: s.high[i] ?? 0,
    low: s.low[i] ?? 0,
    close: s.close[i] ?? 0,
    volume: s.volume[i] ?? 0,
  };
}
