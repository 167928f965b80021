import { type DataFile, sliceSeries } from '../data/bars.js';
import type { BacktestConfig } from '../engine/config.js';
import { runBacktest } from '../engine/engine.js';
import type { Metrics } from '../metrics/metrics.js';
import { strategyMetrics } from '../metrics/summary.js';

/** Inclusive range of bar open times (ms). */
export interface TimeRange {
  /** First bar open time. */
  readonly from: number;
  /** Last bar open time. */
  readonly to: number;
}

/** One row of a sweep's results. */
export interface SweepRow {
  /** Index of the combination in the expanded grid. */
  readonly index: number;
  /** Strategy parameters of this combination. */
  readonly params: Readonly<Record<string, number>>;
  /** Strategy metrics. */
  readonly metrics: Metrics;
}

/** Runs one grid combination (used in worker threads and in process). */
export function runJob(
  files: readonly DataFile[],
  config: BacktestConfig,
  index: number,
  params: Readonly<Record<string, number>>,
  range?: TimeRange,
): SweepRow {
  const series = files.map((f) => (range ? sliceSeries(f.series, range.from, range.to) : f.series));
  const result = runBacktest(series, { ...config, params: { ...config.params, ...params } });
  return { index, params, metrics: strategyMetrics(result) };
}
