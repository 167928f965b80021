import type { BarSeries, DataFile } from './data/bars.js';
import { loadData } from './data/bars.js';
import { type BacktestConfig, DEFAULT_CONFIG, type SameBarRule } from './engine/config.js';
import { type BacktestResult, runBacktest } from './engine/engine.js';
import { type Summary, summarize } from './metrics/summary.js';
import type { StrategyDefinition } from './strategies/types.js';

/** What a `model` run used (absent for the rule-based strategies). */
export interface ModelRunInfo {
  /** Model card name and version. */
  readonly name: string;
  /** Model card version. */
  readonly version: string;
  /** sha256 of the ONNX file (checked against the card when loaded). */
  readonly sha256: string;
  /** Last open time of the training + validation period; every traded bar is after it. */
  readonly trainingEnd: number;
  /** Bars of the data file(s) before the run that only warmed the features up. */
  readonly warmUpBars: number;
  /** Run bars with a prediction. */
  readonly predicted: number;
  /** Run bars without one (feature warm-up or a gap inside the window). */
  readonly skipped: { readonly warmUp: number; readonly gap: number };
  /** Calls at the strategy's `minConfidence`, by direction (`hold`: top probability below it). */
  readonly calls: Readonly<Record<string, number>>;
}

/** Outcome of the same run under both same-bar stop/target rules. */
export interface SameBarComparison {
  /** Rule used for the main result. */
  readonly rule: SameBarRule;
  /** Bars where a bracket's stop and target were both reached, under the main rule. */
  readonly ambiguousBars: number;
  /** Trades whose exit bar was such a bar, under the main rule. */
  readonly ambiguousTrades: number;
  /** Final equity and total return with the pessimistic rule (stop first). */
  readonly stopFirst: {
    readonly finalEquity: number;
    readonly totalReturn: number;
    readonly ambiguousBars: number;
  };
  /** Final equity and total return with the optimistic rule (target first). */
  readonly targetFirst: {
    readonly finalEquity: number;
    readonly totalReturn: number;
    readonly ambiguousBars: number;
  };
}

/** A complete run: data, raw result, metrics and the same-bar comparison. */
export interface Run {
  /** Data files with their hashes. */
  readonly files: readonly DataFile[];
  /** Engine output. */
  readonly result: BacktestResult;
  /** Metrics, benchmark, per-symbol rows. */
  readonly summary: Summary;
  /** Both same-bar rules. */
  readonly sameBar: SameBarComparison;
  /** The model and its predictions, for the `model` strategy. */
  readonly model?: ModelRunInfo;
}

function finalOf(result: BacktestResult): {
  finalEquity: number;
  totalReturn: number;
  ambiguousBars: number;
} {
  const finalEquity = result.equity[result.equity.length - 1] ?? result.config.initialCash;
  return {
    finalEquity,
    totalReturn: finalEquity / result.config.initialCash - 1,
    ambiguousBars: result.ambiguousBars,
  };
}

/** Runs a backtest over already loaded files (the run under the other same-bar rule is included). */
export function runFiles(files: readonly DataFile[], config: Partial<BacktestConfig> = {}): Run {
  return runSeries(
    files,
    files.map((f) => f.series),
    config,
  );
}

/**
 * Runs the engine over `series` (which may be a cut of the files' series) and records `files` as the data.
 *
 * @param files - the data files as loaded (what the manifest records)
 * @param series - the bars the engine trades
 * @param config - overrides of `DEFAULT_CONFIG`
 * @param definition - the strategy (default: looked up by `config.strategy`)
 */
export function runSeries(
  files: readonly DataFile[],
  series: readonly BarSeries[],
  config: Partial<BacktestConfig> = {},
  definition?: StrategyDefinition,
): Run {
  const full: BacktestConfig = { ...DEFAULT_CONFIG, ...config };
  const result = runBacktest(series, full, definition);
  const otherRule: SameBarRule = full.sameBarRule === 'stop_first' ? 'target_first' : 'stop_first';
  const other =
    result.ambiguousBars > 0 ? runBacktest(series, { ...full, sameBarRule: otherRule }, definition) : result;
  const mine = finalOf(result);
  const theirs = finalOf(other);
  return {
    files,
    result,
    summary: summarize(result, series),
    sameBar: {
      rule: full.sameBarRule,
      ambiguousBars: result.ambiguousBars,
      ambiguousTrades: result.trades.filter((t) => t.ambiguous).length,
      stopFirst: full.sameBarRule === 'stop_first' ? mine : theirs,
      targetFirst: full.sameBarRule === 'stop_first' ? theirs : mine,
    },
  };
}

/**
 * Programmatic entry point: loads a CSV file or a directory of CSVs and runs a backtest.
 *
 * @param dataPath - a `.csv` / `.csv.gz` file or a directory of them
 * @param config - overrides of `DEFAULT_CONFIG`
 */
export function backtest(dataPath: string, config: Partial<BacktestConfig> = {}): Run {
  return runFiles(loadData(dataPath), config);
}
