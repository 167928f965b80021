import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bar, readOhlcvCsvFile } from '@rrr/indicators';

const FILE = 'binance_BTCUSDT_1h_2024-10_2026-06.csv.gz';

/** Finds `data/<FILE>` in the nearest ancestor folder (works from src/ in tests and from the built dist/). */
function embeddedFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'data', FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'data', FILE);
}

/** The embedded real Binance BTC/USDT 1h file (2024-10-01 → 2026-06-20; provenance in data/README.md). */
export const DEFAULT_DATA_FILE = embeddedFile();

/**
 * Reads an OHLCV CSV(.gz) file into bars (validated by `@rrr/indicators`).
 *
 * @param path - file path
 * @returns bars in time order
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
