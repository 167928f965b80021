import { describe, expect, it } from 'vitest';
import { loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE } from '../data/default-data.js';
import { DEFAULT_CONFIG } from '../engine/config.js';
import { runBacktest } from '../engine/engine.js';
import { summarize } from '../metrics/summary.js';
import { expandGrid, parseGrid } from './grid.js';
import { progressBar, runSweep } from './sweep.js';
import { walkForward } from './walk-forward.js';

describe('grid', () => {
  it('expands every combination, last name fastest', () => {
    expect(expandGrid({ fast: [5, 10], slow: [50, 100, 200] })).toEqual([
      { fast: 5, slow: 50 },
      { fast: 5, slow: 100 },
      { fast: 5, slow: 200 },
      { fast: 10, slow: 50 },
      { fast: 10, slow: 100 },
      { fast: 10, slow: 200 },
    ]);
    expect(() => expandGrid({ fast: [] })).toThrow(/"fast" has no values/);
  });

  it('parses the CLI syntax and names a bad entry', () => {
    expect(parseGrid('fast=5|10;slow=50')).toEqual({ fast: [5, 10], slow: [50] });
    expect(() => parseGrid('fast=5|x')).toThrow(/"fast=5\|x" must be name=v1\|v2/);
  });

  it('draws a progress bar', () => {
    expect(progressBar(1, 4, 8)).toBe('[##......] 1/4');
  });
});

describe('runSweep (in process)', () => {
  it('runs each combination and sorts by the chosen metric', async () => {
    const progress: number[] = [];
    const rows = await runSweep({
      paths: [DEFAULT_BTC_FILE],
      config: { ...DEFAULT_CONFIG, strategy: 'sma-cross' },
      grid: { fast: [10, 20], slow: [100] },
      threads: 0,
      sortBy: 'totalReturn',
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([1, 2]);
    expect(rows.map((r) => r.params)).toHaveLength(2);
    expect(rows[0]?.metrics.totalReturn ?? 0).toBeGreaterThanOrEqual(rows[1]?.metrics.totalReturn ?? 0);
    // different parameters, different trades
    expect(rows[0]?.metrics.trades).not.toBe(rows[1]?.metrics.trades);
  });

  it("gives each row the run's strategy metrics, as the full summary has them", async () => {
    const config = { ...DEFAULT_CONFIG, strategy: 'sma-cross' };
    const [row] = await runSweep({
      paths: [DEFAULT_BTC_FILE],
      config,
      grid: { fast: [15], slow: [60], stopLossPct: [0.02] },
      threads: 0,
      sortBy: 'sharpe',
    });
    const series = loadFile(DEFAULT_BTC_FILE).series;
    const result = runBacktest([series], { ...config, params: { fast: 15, slow: 60, stopLossPct: 0.02 } });
    expect(row?.metrics.trades).toBeGreaterThan(10);
    expect(row?.metrics).toEqual(summarize(result, [series]).strategy);
  });
});

describe('walk-forward', () => {
  it('optimises in sample, tests on the following bars, and never looks ahead', async () => {
    const folds = await walkForward({
      paths: [DEFAULT_BTC_FILE],
      config: { ...DEFAULT_CONFIG, strategy: 'sma-cross' },
      grid: { fast: [10, 20], slow: [50, 100] },
      folds: 2,
      inSampleRatio: 2,
      sortBy: 'sharpe',
      threads: 0,
    });
    expect(folds).toHaveLength(2);
    // 5980 bars / (2 + 2) = 1495 bars per step; fold 0: in sample bars 0..2989, out of sample 2990..4484
    const H = 3_600_000;
    const start = Date.UTC(2024, 0, 1);
    expect(folds[0]?.inSample).toEqual({ from: start, to: start + 2989 * H });
    expect(folds[0]?.outOfSample).toEqual({ from: start + 2990 * H, to: start + 4484 * H });
    expect(folds[1]?.inSample.from).toBe(start + 1495 * H);
    for (const f of folds) {
      expect(f.outOfSample.from).toBeGreaterThan(f.inSample.to);
      expect([10, 20]).toContain(f.params.fast);
      expect(f.outOfSampleMetrics.finalEquity).not.toBe(f.inSampleMetrics.finalEquity);
    }
  });
});
