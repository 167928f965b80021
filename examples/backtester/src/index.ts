export {
  type BarSeries,
  type DataFile,
  headSeries,
  loadData,
  loadFile,
  parseCsv,
  symbolFromFileName,
} from './data/bars.js';
export { marketFor } from './data/markets.js';
export { type BacktestConfig, DEFAULT_CONFIG, type SameBarRule } from './engine/config.js';
export { type BacktestResult, type ExitReason, runBacktest, type Trade } from './engine/engine.js';
export { computeMetrics, type Metrics, type MetricsInput } from './metrics/metrics.js';
export { type Summary, summarize } from './metrics/summary.js';
export { consoleSummary } from './report/console.js';
export { manifestOf, type RunManifest, readManifest, runManifest } from './report/manifest.js';
export { type OutputFiles, writeOutputs } from './report/write.js';
export { backtest, type Run, runFiles } from './run.js';
export { STRATEGIES, strategyByName } from './strategies/index.js';
export type { Strategy, StrategyContext, StrategyDefinition, StrategyIntent } from './strategies/types.js';
export { expandGrid, type Grid, parseGrid } from './sweep/grid.js';
export type { SweepRow, TimeRange } from './sweep/job.js';
export { progressBar, runSweep, type SweepOptions } from './sweep/sweep.js';
export { type WalkForwardFold, type WalkForwardOptions, walkForward } from './sweep/walk-forward.js';
export { vectorisedSmaCross } from './vectorised/sma-cross.js';
