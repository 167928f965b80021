/**
 * Exports the @rrr/indicators feature matrix of the committed BTC/USDT 1h history for `train.py`, so training
 * and inference compute features with the same code. Run: `npm run features -w @rrr/models`.
 *
 * Writes `training/out/features.f64` (row-major float64, little-endian, NaN during warm-up) and
 * `training/out/features.json` (columns, spec, timestamps, closes, source sha256).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeFeatures, DEFAULT_FEATURE_SPEC, readOhlcvCsvFile } from '@rrr/indicators';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'data', 'binance_BTCUSDT_1h.csv.gz');
const out = join(root, 'out');
mkdirSync(out, { recursive: true });

const series = readOhlcvCsvFile(source);
const matrix = computeFeatures(series, DEFAULT_FEATURE_SPEC);
const bytes = new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength);
writeFileSync(join(out, 'features.f64'), bytes);
writeFileSync(
  join(out, 'features.json'),
  JSON.stringify({
    source: 'training/data/binance_BTCUSDT_1h.csv.gz',
    sourceSha256: createHash('sha256').update(readFileSync(source)).digest('hex'),
    symbol: 'BTC/USDT',
    timeframe: '1h',
    spec: DEFAULT_FEATURE_SPEC,
    columns: matrix.columns,
    rows: matrix.rows,
    cols: matrix.cols,
    timestamp: Array.from(series.timestamp),
    close: Array.from(series.close),
  }),
);
console.log(`wrote ${matrix.rows} x ${matrix.cols} features to ${out}`);
