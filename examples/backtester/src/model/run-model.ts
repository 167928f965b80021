import { loadBundledModel } from '@rrr/models';
import type { DataFile } from '../data/bars.js';
import { loadData } from '../data/bars.js';
import { DEFAULT_MODEL_FILE } from '../data/default-data.js';
import { type BacktestConfig, DEFAULT_CONFIG } from '../engine/config.js';
import { type Run, runSeries } from '../run.js';
import { directionAt, MODEL_DEFAULTS, MODEL_STRATEGY, modelStrategy } from '../strategies/model.js';
import { type ModelSignals, modelSignals } from './signals.js';

/**
 * Backtests the shipped BTC/USDT 1h transformer (`@rrr/models` `loadBundledModel`) over loaded files: the
 * model's probabilities are computed first by batch inference (`modelSignals`); bars up to the end of the
 * model's training/validation period only warm the features up and are not traded; the engine then runs
 * over the later bars with the `model` strategy.
 *
 * @param files - BTC/USDT 1h data files (warm-up history followed by bars after 2024-12-31)
 * @param config - overrides of `DEFAULT_CONFIG` (`strategy` is forced to `model`)
 */
export async function runModelFiles(
  files: readonly DataFile[],
  config: Partial<BacktestConfig> = {},
): Promise<Run> {
  const model = await loadBundledModel({ session: { intraOpThreads: 1 } });
  try {
    const signals = new Map<string, ModelSignals>();
    for (const file of files) signals.set(file.series.symbol, await modelSignals(model, file.series));
    const full: BacktestConfig = { ...DEFAULT_CONFIG, ...config, strategy: MODEL_STRATEGY };
    const series = files.map((f) => {
      const own = signals.get(f.series.symbol);
      const start = own?.warmUpBars ?? 0;
      return {
        symbol: f.series.symbol,
        time: f.series.time.slice(start),
        open: f.series.open.slice(start),
        high: f.series.high.slice(start),
        low: f.series.low.slice(start),
        close: f.series.close.slice(start),
        volume: f.series.volume.slice(start),
        raw: f.series.raw.slice(start),
      };
    });
    const run = runSeries(files, series, full, modelStrategy(signals));
    const minConfidence = run.result.config.params.minConfidence ?? MODEL_DEFAULTS.minConfidence ?? 0;
    const calls: Record<string, number> = {};
    let warmUpBars = 0;
    let predicted = 0;
    let warm = 0;
    let gap = 0;
    let trainingEnd = 0;
    for (const s of signals.values()) {
      warmUpBars += s.warmUpBars;
      predicted += s.predicted;
      warm += s.skipped.warmUp;
      gap += s.skipped.gap;
      trainingEnd = s.trainingEnd;
      for (let i = 0; i < s.time.length; i++) {
        const d = directionAt(s, i, minConfidence);
        calls[d] = (calls[d] ?? 0) + 1;
      }
    }
    const card = model.card;
    return {
      ...run,
      model: {
        name: card.name,
        version: card.version,
        sha256: card.model.sha256,
        trainingEnd,
        warmUpBars,
        predicted,
        skipped: { warmUp: warm, gap },
        calls,
      },
    };
  } finally {
    await model.release();
  }
}

/**
 * Loads a file (default: the embedded BTC/USDT 2024-10 → 2026-06 hourly file) and backtests the model on it.
 *
 * @param dataPath - a `.csv` / `.csv.gz` file or a directory of them
 * @param config - overrides of `DEFAULT_CONFIG`
 */
export function backtestModel(
  dataPath: string = DEFAULT_MODEL_FILE,
  config: Partial<BacktestConfig> = {},
): Promise<Run> {
  return runModelFiles(loadData(dataPath), config);
}
