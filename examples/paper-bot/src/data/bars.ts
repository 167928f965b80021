import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bar, readOhlcvCsvFile } from '@rrr/indicators';

const BTC_FILE = 'binance_BTCUSDT_1h_2024-10_2026-06.csv.gz';

/** Finds the `data/` folder holding `<BTC_FILE>` in the nearest ancestor (works from src/ in tests and from dist/). */
function embeddedDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, BTC_FILE))) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'data');
}

/** The folder of the embedded real market data (provenance in data/README.md). */
export const EMBEDDED_DATA_DIR = embeddedDir();

/** The embedded real Binance BTC/USDT 1h file (2024-10-01 → 2026-06-20; provenance in data/README.md). */
export const DEFAULT_DATA_FILE = join(EMBEDDED_DATA_DIR, BTC_FILE);

/**
 * The embedded 1h file of a symbol: `data/binance_<BASE><QUOTE>_1h_*.csv.gz` (BTC/USDT 2024-10 → 2026-06,
 * ETH/USDT and SOL/USDT 2024-01 → 2024-09).
 *
 * @param symbol - `BASE/QUOTE`
 * @returns the file path, or undefined when no data of that symbol is embedded
 * @example
 * ```ts
 * import { embeddedDataFile } from '@rrr/example-paper-bot';
 *
 * embeddedDataFile('ETH/USDT'); // ".../data/binance_ETHUSDT_1h_2024.csv.gz"
 * ```
 */
export function embeddedDataFile(symbol: string): string | undefined {
  const prefix = `binance_${symbol.replace('/', '')}_1h_`;
  const file = readdirSync(EMBEDDED_DATA_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.csv.gz'));
  return file === undefined ? undefined : join(EMBEDDED_DATA_DIR, file);
}

/**
 * Reads an OHLCV CSV(.gz) file into bars (validated by `@rrr/indicators`).
 *
 * @param path - file path
 * @returns bars in time order
 * @example
 * ```ts
 * import { DEFAULT_DATA_FILE, loadBars } from '@rrr/example-paper-bot';
 *
 * const bars = loadBars(DEFAULT_DATA_FILE);
 * console.log(bars.length, bars[0]?.close);
 * ```
 */
export function loadBars(path: string): Bar[] {
  const s = readOhlcvCsvFile(path);
  const bars: Bar[] = new Array(s.length);
  for (let i = 0; i < s.length; i++) {
    bars[i] = {
      timestamp: s.timestamp[i] ?? 0,
      open: s.open[i] ?? 0,
      high: s.high[i] ?? 0,
      low: s.low[i] ?? 0,
      close: s.close[i] ?? 0,
      volume: s.volume[i] ?? 0,
    };
  }
  return bars;
}
