import { loadBundledModel } from '@rrr/models';
import type { DataFile } from '../data/bars.js';
import { loadData } from '../data/bars.js';
import { DEFAULT_MODEL_FILE } from '../data/default-data.js';
import { type BacktestConfig, DEFAULT_CONFIG } from '../engine/config.js';
import { type Run, runSeries } from '../run.js';
import {
  directionAt,
  MODEL_DEFAULTS,
  MODEL_STRATEGY,
  modelStrategy,
  paperBotModelStrategy,
} from '../strategies/model.js';
import { type ModelSignals, modelSignals } from './signals.js';
import { CALLS, type StreamSignals, streamSignals } from './stream-signals.js';

function callAt(s: ModelSignals | StreamSignals, i: number, minConfidence: number): string {
  return 'call' in s ? (CALLS[s.call[i] ?? 0] ?? 'none') : directionAt(s, i, minConfidence);
}

/**
 * Backtests the shipped BTC/USDT 1h transformer (`@rrr/models` `loadBundledModel`) over loaded files: the
 * model's probabilities are computed first by batch inference (`modelSignals`); bars up to the end of the
 * model's training/validation period only warm the features up and are not traded; the engine then runs
 * over the later bars with the `model` strategy. With `rules: 'paper-bot'` the predictions come from
 * `DirectionStream` fed bar by bar exactly as the paper bot feeds it (`streamSignals`), the traded bars are
 * `[config.from, config.to)` (default: the model's test period, the bot's default) and the strategy is
 * `paperBotModelStrategy`.
 *
 * @param files - BTC/USDT 1h data files (warm-up history followed by bars after 2024-12-31)
 * @param config - overrides of `DEFAULT_CONFIG` (`strategy` is forced to `model`)
 */
export async function runModelFiles(
  files: readonly DataFile[],
  config: Partial<BacktestConfig> = {},
): Promise<Run> {
  const full: BacktestConfig = { ...DEFAULT_CONFIG, ...config, strategy: MODEL_STRATEGY };
  const botRules = full.rules === 'paper-bot';
  if (!botRules && (full.from !== null || full.to !== null)) {
    throw new Error('config from / to: a trading window is only supported with rules "paper-bot"');
  }
  const minConfidence = { ...MODEL_DEFAULTS, ...full.params }.minConfidence ?? 0;
  const model = await loadBundledModel({ session: { intraOpThreads: 1 } });
  try {
    const signals = new Map<string, ModelSignals>();
    const streamed = new Map<string, StreamSignals>();
    for (const file of files) {
      if (botRules) {
        const own = await streamSignals(model, file.series, { from: full.from, to: full.to, minConfidence });
        streamed.set(file.series.symbol, own);
        signals.set(file.series.symbol, own);
      } else signals.set(file.series.symbol, await modelSignals(model, file.series));
    }
    const series = files.map((f) => {
      const own = signals.get(f.series.symbol);
      const start = own?.warmUpBars ?? 0;
      const end = start + (own?.time.length ?? f.series.time.length);
      return {
        symbol: f.series.symbol,
        time: f.series.time.slice(start, end),
        open: f.series.open.slice(start, end),
        high: f.series.high.slice(start, end),
        low: f.series.low.slice(start, end),
        close: f.series.close.slice(start, end),
        volume: f.series.volume.slice(start, end),
        raw: f.series.raw.slice(start, end),
      };
    });
    const run = runSeries(
      files,
      series,
      full,
      botRules ? paperBotModelStrategy(streamed) : modelStrategy(signals),
    );
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
        const d = callAt(s, i, minConfidence);
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
