export {
  type AuditedManifest,
  auditLine,
  manifestPayload,
  recordManifest,
  verifyAuditLog,
} from './audit/manifest-log.js';
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
export {
  type BacktestConfig,
  DEFAULT_CONFIG,
  type ExecutionRules,
  PAPER_BOT_PRESET,
  PAPER_BOT_RISK_LIMITS,
  type SameBarRule,
} from './engine/config.js';
export { type BacktestResult, type ExitReason, runBacktest, type Trade } from './engine/engine.js';
export { floatExactSeries } from './engine/float-exact.js';
export { computeMetrics, type Metrics, type MetricsInput } from './metrics/metrics.js';
export { type Summary, summarize } from './metrics/summary.js';
export { backtestModel, runModelFiles } from './model/run-model.js';
export { type ModelSignals, modelSignals, splitAtTrainingEnd } from './model/signals.js';
export {
  CALLS,
  type Call,
  type StreamSignals,
  type StreamWindow,
  streamSignals,
} from './model/stream-signals.js';
export { consoleSummary } from './report/console.js';
export { equityCsv, tradesCsv } from './report/csv.js';
export {
  manifestOf,
  type RunManifest,
  readManifest,
  replayManifest,
  runManifest,
} from './report/manifest.js';
export { type OutputFiles, writeOutputs } from './report/write.js';
export { backtest, type ModelRunInfo, type Run, runFiles, runSeries } from './run.js';
export { STRATEGIES, strategyByName } from './strategies/index.js';
export {
  directionAt,
  MODEL_DEFAULTS,
  MODEL_STRATEGY,
  modelStrategy,
  paperBotModelStrategy,
} from './strategies/model.js';
export type {
  KellyInputs,
  Strategy,
  StrategyContext,
  StrategyDefinition,
  StrategyIntent,
} from './strategies/types.js';
export { expandGrid, type Grid, parseGrid } from './sweep/grid.js';
export type { SweepRow, TimeRange } from './sweep/job.js';
export { progressBar, runSweep, type SweepOptions } from './sweep/sweep.js';
export { type WalkForwardFold, type WalkForwardOptions, walkForward } from './sweep/walk-forward.js';
export { vectorisedSmaCross } from './vectorised/sma-cross.js';
