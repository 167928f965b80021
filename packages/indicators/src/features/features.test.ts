import { describe, expect, it } from 'vitest';
import { btc1h, btc1m } from '../../test/pipeline-fixtures.js';
import { isIndicatorError } from '../errors.js';
import { macd, rsi } from '../indicators/index.js';
import type { OhlcvSeries } from '../series/index.js';
import { barAt, seriesFromColumns } from '../series/index.js';
import { computeFeatures, type FeatureMatrix } from './compute-features.js';
import { FeaturePipeline } from './feature-pipeline.js';
import { DEFAULT_FEATURE_SPEC, type FeatureSpec, featureColumns } from './spec.js';

function prefix(series: OhlcvSeries, n: number): OhlcvSeries {
  return seriesFromColumns({
    timestamp: series.timestamp.subarray(0, n),
    open: series.open.subarray(0, n),
    high: series.high.subarray(0, n),
    low: series.low.subarray(0, n),
    close: series.close.subarray(0, n),
    volume: series.volume.subarray(0, n),
  });
}

function column(matrix: FeatureMatrix, name: string): Float64Array {
  const j = matrix.columns.indexOf(name);
  expect(j, `column ${name}`).toBeGreaterThanOrEqual(0);
  return Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j] as number);
}

/** First row from which a column is never NaN again. */
function firstValid(values: Float64Array): number {
  let first = values.length;
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isNaN(values[i])) break;
    first = i;
  }
  return first;
}

function expectBitEqual(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect.fail(`${what}[${i}]: ${String(actual[i])} !== ${String(expected[i])}`);
    }
  }
}

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isIndicatorError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an IndicatorError');
}

describe('default feature spec', () => {
  it('has 37 uniquely named columns, more than the 31 the issue asks for', () => {
    const columns = featureColumns(DEFAULT_FEATURE_SPEC);
    expect(columns.length).toBe(37);
    expect(new Set(columns).size).toBe(37);
    expect(columns.slice(0, 5)).toEqual([
      'rsi_14',
      'rsi_21',
      'macd_12_26_9',
      'macd_signal_12_26_9',
      'macd_hist_12_26_9',
    ]);
    expect(columns).toContain('vwap_dist_day');
    expect(columns.at(-1)).toBe('volume_ratio_20');
  });
});

describe('computeFeatures on real BTC/USDT 1h bars', () => {
  const series = btc1h();
  const matrix = computeFeatures(series);

  it('returns a row-major matrix with one row per bar', () => {
    expect(matrix.rows).toBe(series.length);
    expect(matrix.cols).toBe(37);
    expect(matrix.data.length).toBe(series.length * 37);
  });

  it('holds the indicator values and scale-free transforms it names', () => {
    expectBitEqual(column(matrix, 'rsi_14'), rsi(series.close, 14), 'rsi_14');
    const m = macd(series.close, { fast: 12, slow: 26, signal: 9 });
    const hist = column(matrix, 'macd_hist_12_26_9');
    expect(hist[500]).toBe((m.histogram[500] as number) / (series.close[500] as number));
    const logret = column(matrix, 'logret_24');
    expect(logret[100]).toBe(Math.log((series.close[100] as number) / (series.close[76] as number)));
    const closes = Array.from(series.close.subarray(80, 101));
    const window = closes.slice(1).map((c, k) => Math.log(c / (closes[k] as number)));
    const mean = window.reduce((a, b) => a + b, 0) / 20;
    const std = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / 20);
    expect(column(matrix, 'volatility_20')[100]).toBeCloseTo(std, 15);
  });

  it('has a finite value in every column once the longest warm-up is over', () => {
    const starts = matrix.columns.map((name) => firstValid(column(matrix, name)));
    expect(starts[matrix.columns.indexOf('rsi_14')]).toBe(14);
    expect(starts[matrix.columns.indexOf('logret_1')]).toBe(1);
    expect(starts[matrix.columns.indexOf('macd_12_26_9')]).toBe(33);
    expect(starts[matrix.columns.indexOf('volatility_50')]).toBe(50);
    const warm = Math.max(...starts);
    expect(warm).toBeLessThan(100);
    for (let i = warm; i < matrix.rows; i++) {
      for (let j = 0; j < matrix.cols; j++) {
        const x = matrix.data[i * matrix.cols + j] as number;
        if (!Number.isFinite(x)) expect.fail(`${matrix.columns[j]} at row ${i} is ${x}`);
      }
    }
  });

  it('never changes earlier rows when later bars are appended (no look-ahead)', () => {
    for (const n of [120, 700]) {
      const partial = computeFeatures(prefix(series, n));
      expectBitEqual(partial.data, matrix.data.subarray(0, n * matrix.cols), `rows 0..${n - 1}`);
    }
  });
});

describe('FeaturePipeline', () => {
  function expectStreamEqualsBatch(series: OhlcvSeries, spec: FeatureSpec): void {
    const matrix = computeFeatures(series, spec);
    const pipeline = new FeaturePipeline(spec);
    expect(pipeline.columns).toEqual(matrix.columns);
    for (let i = 0; i < series.length; i++) {
      const row = pipeline.update(barAt(series, i));
      expectBitEqual(row, matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols), `row ${i}`);
    }
    expect(pipeline.count).toBe(series.length);
  }

  it('yields the batch rows bit for bit on real 1h bars with exchange gaps', () => {
    expectStreamEqualsBatch(btc1h(), DEFAULT_FEATURE_SPEC);
  });

  it('yields the batch rows bit for bit on real 1m bars through the 2024-08-05 crash', () => {
    expectStreamEqualsBatch(btc1m(), DEFAULT_FEATURE_SPEC);
  });

  it('supports custom specs, including weekly VWAP sessions', () => {
    expectStreamEqualsBatch(btc1h(), [
      { kind: 'vwapDistance', anchor: 'week' },
      { kind: 'rsi', period: 3 },
      { kind: 'bollinger', period: 10, stdDev: 1.5 },
      { kind: 'logReturn', horizon: 48 },
    ]);
  });

  it('rejects a bar out of order or with a bad value without changing its state', () => {
    const series = btc1h();
    const pipeline = new FeaturePipeline();
    const matrix = computeFeatures(prefix(series, 60));
    for (let i = 0; i < 30; i++) pipeline.update(barAt(series, i));
    expect(errorOf(() => pipeline.update(barAt(series, 29))).code).toBe('invalid_series');
    expect(errorOf(() => pipeline.update({ ...barAt(series, 30), close: Number.NaN })).message).toMatch(
      /bar 30: close must be a finite number/,
    );
    expect(errorOf(() => pipeline.update({ ...barAt(series, 30), volume: -1 })).message).toMatch(
      /volume must be/,
    );
    for (let i = 30; i < 60; i++) {
      expectBitEqual(
        pipeline.update(barAt(series, i)),
        matrix.data.subarray(i * 37, (i + 1) * 37),
        `row ${i}`,
      );
    }
  });
});

describe('feature spec validation', () => {
  it('names the bad field of an invalid spec', () => {
    const bad = errorOf(() => computeFeatures(btc1h(), [{ kind: 'rsi', period: 0 }]));
    expect(bad.code).toBe('invalid_option');
    expect(bad.message).toMatch(/^spec\.0\.period: /);
    expect(
      errorOf(() => new FeaturePipeline([{ kind: 'macd', fast: 26, slow: 12, signal: 9 }])).message,
    ).toBe('spec.0.fast (26) must be below spec.0.slow (12)');
    expect(
      errorOf(() =>
        featureColumns([
          { kind: 'rsi', period: 14 },
          { kind: 'rsi', period: 14 },
        ]),
      ).message,
    ).toBe('spec produces the column rsi_14 twice');
    expect(errorOf(() => featureColumns([])).code).toBe('invalid_option');
  });

  it('refuses a series shorter than an indicator period of the spec', () => {
    expect(errorOf(() => computeFeatures(prefix(btc1h(), 30))).code).toBe('insufficient_data');
  });
});
