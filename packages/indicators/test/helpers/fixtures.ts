import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { OhlcvSeries } from '../../src/series/index.js';
import { readOhlcvCsvFile } from '../../src/series/index.js';

/** Names of the real-data slices in test/fixtures (see test/fixtures/README.md). */
export const SLICES = ['binance_BTCUSDT_1h_1500', 'ftx_BTC-PERP_1m_600'] as const;

/** One TA-Lib reference call stored by scripts/generate-talib-fixtures.mjs. */
export interface TalibCase {
  readonly id: string;
  readonly fn: string;
  readonly params: Record<string, number>;
  readonly begIndex: number;
  readonly outputs: Record<string, number[]>;
}

/** A fixture file: the TA-Lib outputs for one data slice. */
export interface TalibFixture {
  readonly source: string;
  readonly talibVersion: string;
  readonly bars: number;
  readonly cases: TalibCase[];
}

function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** The real OHLCV slice `name` as a validated series. */
export function loadSlice(name: string): OhlcvSeries {
  return readOhlcvCsvFile(fixturePath(`${name}.csv.gz`));
}

/** The TA-Lib fixture of slice `name`. */
export function loadTalib(name: string): TalibFixture {
  return JSON.parse(
    gunzipSync(readFileSync(fixturePath(`talib/${name}.json.gz`))).toString('utf8'),
  ) as TalibFixture;
}

/** Index of the first non-NaN value, or -1. */
export function firstValid(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return i;
  return -1;
}

/** max |ours[begIndex + k] - ref[k]| / max |ref[k]| (0 when both are all zeros). */
export function relativeError(ours: ArrayLike<number>, ref: readonly number[], begIndex: number): number {
  let maxDiff = 0;
  let maxRef = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k] as number;
    const o = ours[begIndex + k] as number;
    const d = Math.abs(o - r);
    if (!(d <= maxDiff)) maxDiff = d;
    if (Math.abs(r) > maxRef) maxRef = Math.abs(r);
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}
