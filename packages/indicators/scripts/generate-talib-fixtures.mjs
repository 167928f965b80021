#!/usr/bin/env node
/**
 * Generates the TA-Lib reference fixtures used by `test/talib/*.test.ts`.
 *
 * Run from the package folder: `npm run fixtures` (or `node scripts/generate-talib-fixtures.mjs`).
 *
 * What it does:
 * 1. Copies two slices of real market data from `../../../shared/data/candles` (override the folder with
 *    the `RRR_DATA_DIR` environment variable) into `test/fixtures/` as gzipped CSV:
 *    - `binance_BTCUSDT_1h_1500.csv.gz`: the last 1,500 rows of `binance_BTCUSDT_1h.csv.gz`;
 *    - `ftx_BTC-PERP_1m_600.csv.gz`: the first 600 rows of `ftx_BTC-PERP_1m_2022-01.csv.gz`.
 * 2. Runs every TA-Lib function we reproduce through the `talib` npm binding (TA-Lib C library, dev
 *    dependency only) with TA-Lib's default conventions and the parameters listed in `CASES`.
 * 3. Writes `test/fixtures/talib/<slice>.json.gz`: `{ source, bars, cases: [{ id, fn, params, begIndex,
 *    outputs: { outName: number[] } }] }`. To keep the package small each TA-Lib value is rounded to
 *    12 significant digits (relative rounding error <= 5e-12, far below the 1e-9 tolerance the tests use).
 *
 * Pitfall: the binding silently returns garbage for typed arrays, so every input is a plain `number[]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const talib = require('talib');

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const dataDir = process.env.RRR_DATA_DIR ?? join(packageDir, '..', '..', '..', 'shared', 'data', 'candles');
const fixturesDir = join(packageDir, 'test', 'fixtures');

/** Slices of real data copied into the package. */
const SLICES = [
  { name: 'binance_BTCUSDT_1h_1500', source: 'binance_BTCUSDT_1h.csv.gz', take: 'last', rows: 1500 },
  { name: 'ftx_BTC-PERP_1m_600', source: 'ftx_BTC-PERP_1m_2022-01.csv.gz', take: 'first', rows: 600 },
];

/** TA-Lib calls: `id` is the fixture key the tests look up; `inputs` names the OHLCV columns passed. */
const CASES = [
  { id: 'SMA_5', fn: 'SMA', inputs: ['close'], params: { optInTimePeriod: 5 } },
  { id: 'SMA_20', fn: 'SMA', inputs: ['close'], params: { optInTimePeriod: 20 } },
  { id: 'EMA_20', fn: 'EMA', inputs: ['close'], params: { optInTimePeriod: 20 } },
  { id: 'WMA_20', fn: 'WMA', inputs: ['close'], params: { optInTimePeriod: 20 } },
  { id: 'DEMA_20', fn: 'DEMA', inputs: ['close'], params: { optInTimePeriod: 20 } },
  { id: 'TEMA_20', fn: 'TEMA', inputs: ['close'], params: { optInTimePeriod: 20 } },
  { id: 'TRIX_30', fn: 'TRIX', inputs: ['close'], params: { optInTimePeriod: 30 } },
  { id: 'TRIX_9', fn: 'TRIX', inputs: ['close'], params: { optInTimePeriod: 9 } },
  { id: 'KAMA_30', fn: 'KAMA', inputs: ['close'], params: { optInTimePeriod: 30 } },
  { id: 'KAMA_10', fn: 'KAMA', inputs: ['close'], params: { optInTimePeriod: 10 } },
  { id: 'RSI_14', fn: 'RSI', inputs: ['close'], params: { optInTimePeriod: 14 } },
  { id: 'RSI_21', fn: 'RSI', inputs: ['close'], params: { optInTimePeriod: 21 } },
  { id: 'RSI_2', fn: 'RSI', inputs: ['close'], params: { optInTimePeriod: 2 } },
  {
    id: 'MACD_12_26_9',
    fn: 'MACD',
    inputs: ['close'],
    params: { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 },
  },
  {
    id: 'MACD_5_35_5',
    fn: 'MACD',
    inputs: ['close'],
    params: { optInFastPeriod: 5, optInSlowPeriod: 35, optInSignalPeriod: 5 },
  },
  {
    id: 'STOCH_14_3_3',
    fn: 'STOCH',
    inputs: ['high', 'low', 'close'],
    params: {
      optInFastK_Period: 14,
      optInSlowK_Period: 3,
      optInSlowK_MAType: 0,
      optInSlowD_Period: 3,
      optInSlowD_MAType: 0,
    },
  },
  {
    id: 'STOCHF_14_3',
    fn: 'STOCHF',
    inputs: ['high', 'low', 'close'],
    params: { optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: 0 },
  },
  {
    id: 'STOCHRSI_14_14_3',
    fn: 'STOCHRSI',
    inputs: ['close'],
    params: { optInTimePeriod: 14, optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: 0 },
  },
  {
    id: 'STOCHRSI_14_5_3',
    fn: 'STOCHRSI',
    inputs: ['close'],
    params: { optInTimePeriod: 14, optInFastK_Period: 5, optInFastD_Period: 3, optInFastD_MAType: 0 },
  },
  { id: 'ROC_10', fn: 'ROC', inputs: ['close'], params: { optInTimePeriod: 10 } },
  { id: 'WILLR_14', fn: 'WILLR', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'CCI_20', fn: 'CCI', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 20 } },
  { id: 'CCI_14', fn: 'CCI', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'ADX_14', fn: 'ADX', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'PLUS_DI_14', fn: 'PLUS_DI', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'MINUS_DI_14', fn: 'MINUS_DI', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'ADX_7', fn: 'ADX', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 7 } },
  { id: 'AROON_14', fn: 'AROON', inputs: ['high', 'low'], params: { optInTimePeriod: 14 } },
  { id: 'AROONOSC_14', fn: 'AROONOSC', inputs: ['high', 'low'], params: { optInTimePeriod: 14 } },
  {
    id: 'BBANDS_20_2',
    fn: 'BBANDS',
    inputs: ['close'],
    params: { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 },
  },
  { id: 'ATR_14', fn: 'ATR', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'NATR_14', fn: 'NATR', inputs: ['high', 'low', 'close'], params: { optInTimePeriod: 14 } },
  { id: 'OBV', fn: 'OBV', inputs: ['close', 'volume'], params: {} },
  { id: 'MFI_14', fn: 'MFI', inputs: ['high', 'low', 'close', 'volume'], params: { optInTimePeriod: 14 } },
  {
    id: 'SAR_0.02_0.2',
    fn: 'SAR',
    inputs: ['high', 'low'],
    params: { optInAcceleration: 0.02, optInMaximum: 0.2 },
  },
  { id: 'STDDEV_20', fn: 'STDDEV', inputs: ['close'], params: { optInTimePeriod: 20, optInNbDev: 1 } },
  { id: 'STDDEV_5', fn: 'STDDEV', inputs: ['close'], params: { optInTimePeriod: 5, optInNbDev: 1 } },
  { id: 'LINEARREG_SLOPE_14', fn: 'LINEARREG_SLOPE', inputs: ['close'], params: { optInTimePeriod: 14 } },
];

/** TA-Lib's input parameter name for each OHLCV column. */
const INPUT_NAMES = { open: 'open', high: 'high', low: 'low', close: 'close', volume: 'volume' };

function readSlice(slice) {
  const text = gunzipSync(readFileSync(join(dataDir, slice.source))).toString('utf8');
  const lines = text.trim().split('\n');
  const header = lines[0];
  const rows = lines.slice(1);
  const kept = slice.take === 'last' ? rows.slice(rows.length - slice.rows) : rows.slice(0, slice.rows);
  return { header, rows: kept };
}

function toColumns(rows) {
  const columns = { timestamp: [], open: [], high: [], low: [], close: [], volume: [] };
  for (const row of rows) {
    const [t, o, h, l, c, v] = row.split(',').map(Number);
    columns.timestamp.push(t);
    columns.open.push(o);
    columns.high.push(h);
    columns.low.push(l);
    columns.close.push(c);
    columns.volume.push(v);
  }
  return columns;
}

/** Rounds to 12 significant digits, keeping exact zeros and integers short. */
function round12(value) {
  return Number(value.toPrecision(12));
}

function runCase(columns, testCase) {
  const n = columns.close.length;
  const call = { name: testCase.fn, startIdx: 0, endIdx: n - 1, ...testCase.params };
  for (const input of testCase.inputs) {
    const key = testCase.inputs.length === 1 && testCase.fn !== 'OBV' ? 'inReal' : INPUT_NAMES[input];
    call[key] = Array.from(columns[input]);
  }
  if (testCase.fn === 'OBV') {
    call.inReal = Array.from(columns.close);
    delete call.close;
  }
  let result;
  try {
    result = talib.execute(call);
  } catch (error) {
    throw new Error(`TA-Lib ${testCase.id} failed`, { cause: error });
  }
  const outputs = {};
  for (const [name, values] of Object.entries(result.result)) outputs[name] = values.map(round12);
  return { id: testCase.id, fn: testCase.fn, params: testCase.params, begIndex: result.begIndex, outputs };
}

for (const slice of SLICES) {
  const { header, rows } = readSlice(slice);
  const csv = `${header}\n${rows.join('\n')}\n`;
  writeFileSync(join(fixturesDir, `${slice.name}.csv.gz`), gzipSync(Buffer.from(csv, 'utf8'), { level: 9 }));
  const columns = toColumns(rows);
  const cases = CASES.map((testCase) => runCase(columns, testCase));
  const fixture = { source: `${slice.name}.csv.gz`, talibVersion: talib.version, bars: rows.length, cases };
  const out = join(fixturesDir, 'talib', `${slice.name}.json.gz`);
  writeFileSync(out, gzipSync(Buffer.from(JSON.stringify(fixture), 'utf8'), { level: 9 }));
  console.log(`wrote ${out}: ${cases.length} cases over ${rows.length} bars`);
}
