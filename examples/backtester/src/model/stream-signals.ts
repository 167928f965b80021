import { type DirectionModel, DirectionStream } from '@rrr/models';
import { type BarSeries, barAt } from '../data/bars.js';
import type { ModelSignals } from './signals.js';

/** The model's call per bar, as coded in {@link StreamSignals.call}. */
export const CALLS = ['none', 'hold', 'down', 'flat', 'up'] as const;

/** A model call: a direction, `hold` below the confidence threshold, `none` while the window is not full. */
export type Call = (typeof CALLS)[number];

/** Model signals computed bar by bar with `DirectionStream`, as the paper bot computes them. */
export interface StreamSignals extends ModelSignals {
  /** Index into {@link CALLS} of the stream's call at each run bar. */
  readonly call: Uint8Array;
  /** 1 where the 32-bar window of the prediction spans a gap in the bar times (the bot does not enter then). */
  readonly spansGap: Uint8Array;
}

/** Where the traded bars start and end, and the call threshold. */
export interface StreamWindow {
  /** Open time of the first traded bar; null: the model card's test period start (the paper bot's default). */
  readonly from: number | null;
  /** Trade bars opening before this time only; null: to the end of the history. */
  readonly to: number | null;
  /** Below this top probability the call is `hold`. */
  readonly minConfidence: number;
}

/**
 * The paper bot's predictions over a history: a `@rrr/models` `DirectionStream` (with `minConfidence`) is
 * warmed up on every bar before `from` — from the history's first bar, so the feature chains start where the
 * bot's do when it replays the same file — then fed the bars of `[from, to)` one by one; each prediction's
 * probabilities, call and gap flag are kept.
 *
 * @param model - the loaded model
 * @param history - the whole file (warm-up bars followed by the traded bars)
 * @param window - first and end time of the traded bars, call threshold
 * @returns signals aligned with the traded bars
 * @throws Error naming `from` when it is inside the model's training/validation period, or when no bar is left
 * @example
 * ```ts
 * import { loadBundledModel } from '@rrr/models';
 * import { loadFile, streamSignals } from '@rrr/example-backtester';
 *
 * const model = await loadBundledModel();
 * const file = loadFile('data/model/binance_BTCUSDT_1h_2024-10_2026-06.csv.gz');
 * const signals = await streamSignals(model, file.series, { from: null, to: null, minConfidence: 0.45 });
 * await model.release();
 * ```
 */
export async function streamSignals(
  model: DirectionModel,
  history: BarSeries,
  window: StreamWindow,
): Promise<StreamSignals> {
  const card = model.card;
  if (history.symbol !== card.training.symbol) {
    throw new Error(`the model was trained on ${card.training.symbol}, not ${history.symbol}`);
  }
  const trainingEnd = Math.max(
    card.training.trainPeriod.end,
    card.training.validationPeriod?.end ?? -Infinity,
  );
  const from = window.from ?? card.training.testPeriod?.start ?? trainingEnd + 1;
  if (from <= trainingEnd) {
    throw new Error(
      `config from: ${new Date(from).toISOString()} is inside the model's training/validation period (ends ${new Date(trainingEnd).toISOString()})`,
    );
  }
  const to = window.to ?? Number.POSITIVE_INFINITY;
  const n = history.time.length;
  let start = 0;
  while (start < n && (history.time[start] ?? 0) < from) start++;
  let end = start;
  while (end < n && (history.time[end] ?? 0) < to) end++;
  if (end === start) {
    throw new Error(
      `${history.symbol}: no bar in [${new Date(from).toISOString()}, ${Number.isFinite(to) ? new Date(to).toISOString() : 'end'})`,
    );
  }
  const stream = new DirectionStream(model, { minConfidence: window.minConfidence });
  for (let i = 0; i < start; i++) stream.warmUp([barAt(history, i)]);
  const size = end - start;
  const up = new Float64Array(size).fill(Number.NaN);
  const flat = new Float64Array(size).fill(Number.NaN);
  const down = new Float64Array(size).fill(Number.NaN);
  const call = new Uint8Array(size);
  const spansGap = new Uint8Array(size);
  let predicted = 0;
  let gap = 0;
  for (let k = 0; k < size; k++) {
    const p = await stream.update(barAt(history, start + k));
    if (p === null) continue;
    predicted++;
    up[k] = p.probabilities.up;
    flat[k] = p.probabilities.flat;
    down[k] = p.probabilities.down;
    call[k] = CALLS.indexOf(p.direction);
    if (p.spansGap) {
      spansGap[k] = 1;
      gap++;
    }
  }
  return {
    symbol: history.symbol,
    time: history.time.slice(start, end),
    up,
    flat,
    down,
    trainingEnd,
    warmUpBars: start,
    predicted,
    skipped: { warmUp: size - predicted, gap },
    call,
    spansGap,
  };
}
