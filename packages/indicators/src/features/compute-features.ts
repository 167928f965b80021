import type { OhlcvSeries } from '../series/index.js';
import { buildBlocks } from './blocks.js';
import { DEFAULT_FEATURE_SPEC, type FeatureSpec, featureColumns, parseFeatureSpec } from './spec.js';

const TILE_ROWS = 256;

/** A feature matrix: `rows` bars by `cols` features, row-major. */
export interface FeatureMatrix {
  /** Column names, `cols` of them, in order. */
  readonly columns: readonly string[];
  /** Row-major values: feature `j` of bar `i` is `data[i * cols + j]`; NaN during each feature's warm-up. */
  readonly data: Float64Array;
  /** Number of bars (rows), equal to the series length. */
  readonly rows: number;
  /** Number of features (columns). */
  readonly cols: number;
}

/**
 * Computes a feature matrix over a whole series: one row per bar, one column per feature of `spec`.
 *
 * Row `i` depends only on bars `0..i` (every feature is causal), so appending bars never changes earlier
 * rows, and {@link FeaturePipeline} fed the same bars one by one yields exactly the same rows, NaN warm-up
 * included. Throws the indicators' typed errors, for example `insufficient_data` when the series is
 * shorter than an indicator period of the spec.
 *
 * @param series - bars in time order
 * @param spec - feature groups (default {@link DEFAULT_FEATURE_SPEC}, 37 columns)
 * @returns the matrix with its column names
 * @example
 * ```ts
 * import { computeFeatures, seriesFromBars } from '@rrr/indicators';
 *
 * const bars = Array.from({ length: 60 }, (_, i) => ({
 *   timestamp: i * 3_600_000,
 *   open: 100 + Math.sin(i / 5),
 *   high: 102 + Math.sin(i / 5),
 *   low: 98 + Math.sin(i / 5),
 *   close: 100.5 + Math.sin(i / 5),
 *   volume: 10 + (i % 7),
 * }));
 * const { columns, data, rows, cols } = computeFeatures(seriesFromBars(bars), [
 *   { kind: 'rsi', period: 14 },
 *   { kind: 'logReturn', horizon: 1 },
 * ]);
 * // columns = ['rsi_14', 'logret_1'], rows = 60, cols = 2; data[59 * cols + 0] is the last RSI
 * ```
 */
export function computeFeatures(
  series: OhlcvSeries,
  spec: FeatureSpec = DEFAULT_FEATURE_SPEC,
): FeatureMatrix {
  const parsed = parseFeatureSpec(spec);
  const columns = featureColumns(parsed);
  const blocks = buildBlocks(parsed);
  const rows = series.length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  let offset = 0;
  for (const block of blocks) {
    const outputs = block.batch(series);
    // Transpose in row tiles so the strided writes stay within a cache-sized part of the matrix.
    for (let start = 0; start < rows; start += TILE_ROWS) {
      const end = Math.min(rows, start + TILE_ROWS);
      for (let k = 0; k < outputs.length; k++) {
        const column = outputs[k] as Float64Array;
        const j = offset + k;
        for (let i = start; i < end; i++) data[i * cols + j] = column[i] as number;
      }
    }
    offset += block.width;
  }
  return { columns, data, rows, cols };
}
