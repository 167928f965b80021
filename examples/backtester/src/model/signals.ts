import { computeFeatures, type FeatureSpec, parseTimeframe } from '@rrr/indicators';
import type { DirectionModel } from '@rrr/models';
import type { BarSeries } from '../data/bars.js';

/** Calibrated model probabilities for the bars of a run, aligned with the run series (NaN: no prediction). */
export interface ModelSignals {
  /** Market symbol. */
  readonly symbol: string;
  /** Open times of the run's bars (the bars after the model's training/validation period). */
  readonly time: Float64Array;
  /** P(up) at the close of each run bar. */
  readonly up: Float64Array;
  /** P(flat) at the close of each run bar. */
  readonly flat: Float64Array;
  /** P(down) at the close of each run bar. */
  readonly down: Float64Array;
  /** Last open time of the model's training + validation period (ms UTC); every run bar is after it. */
  readonly trainingEnd: number;
  /** Bars before the run that only warmed the feature pipeline up. */
  readonly warmUpBars: number;
  /** Run bars with a prediction. */
  readonly predicted: number;
  /** Run bars without one: features still warming up (NaN) or a data gap inside the 32-bar window. */
  readonly skipped: { readonly warmUp: number; readonly gap: number };
}

/** Run bars and warm-up bars of a history for a model: run = bars after its training/validation period. */
export function splitAtTrainingEnd(
  history: BarSeries,
  model: DirectionModel,
): { readonly start: number; readonly trainingEnd: number } {
  const training = model.card.training;
  const trainingEnd = Math.max(training.trainPeriod.end, training.validationPeriod?.end ?? -Infinity);
  let start = 0;
  while (start < history.time.length && (history.time[start] ?? 0) <= trainingEnd) start++;
  if (start === history.time.length) {
    throw new Error(
      `${history.symbol}: no bar after the model's training/validation period (ends ${new Date(trainingEnd).toISOString()}); ` +
        'the model strategy only trades on data it was not fitted on',
    );
  }
  return { start, trainingEnd };
}

/**
 * Batch inference of the model over a history: features of every bar with `computeFeatures` (the card's
 * feature spec; each row uses only bars up to its own), then one window of `windowLength` rows ending at each
 * run bar, inferred in batches. Bars up to the end of the training/validation period only warm up the
 * features; no prediction is made there. A window with a NaN feature or a gap in the bar times (the model never
 * saw such windows in training) gets no prediction.
 *
 * @param model - the loaded model
 * @param history - warm-up bars followed by the run bars, in time order
 * @param batchSize - windows per inference call
 */
export async function modelSignals(
  model: DirectionModel,
  history: BarSeries,
  batchSize = 1024,
): Promise<ModelSignals> {
  const card = model.card;
  if (history.symbol !== card.training.symbol) {
    throw new Error(`the model was trained on ${card.training.symbol}, not ${history.symbol}`);
  }
  const { start, trainingEnd } = splitAtTrainingEnd(history, model);
  const barMs = parseTimeframe(card.training.timeframe);
  if (card.features.spec === undefined) throw new Error('model card has no features.spec');
  const features = computeFeatures(
    {
      length: history.time.length,
      timestamp: history.time,
      open: history.open,
      high: history.high,
      low: history.low,
      close: history.close,
      volume: history.volume,
    },
    card.features.spec as unknown as FeatureSpec,
  );
  const w = card.windowLength;
  const cols = features.columns.length;
  const n = history.time.length - start;
  const up = new Float64Array(n).fill(Number.NaN);
  const flat = new Float64Array(n).fill(Number.NaN);
  const down = new Float64Array(n).fill(Number.NaN);
  let warm = 0;
  let gap = 0;
  const rows: number[] = [];
  for (let k = 0; k < n; k++) {
    const end = start + k;
    const first = end - w + 1;
    if (first < 0) {
      warm++;
      continue;
    }
    const values = features.data.subarray(first * cols, (end + 1) * cols);
    if (!values.every(Number.isFinite)) {
      warm++;
      continue;
    }
    if ((history.time[end] ?? 0) - (history.time[first] ?? 0) !== (w - 1) * barMs) {
      gap++;
      continue;
    }
    rows.push(end);
  }
  for (let b = 0; b < rows.length; b += batchSize) {
    const ends = rows.slice(b, b + batchSize);
    const probabilities = await model.probabilitiesBatch(
      ends.map((end) => model.windowAt(features, end)),
      { calibrated: true },
    );
    ends.forEach((end, j) => {
      const p = probabilities[j];
      if (!p) return;
      up[end - start] = p.up;
      flat[end - start] = p.flat;
      down[end - start] = p.down;
    });
  }
  return {
    symbol: history.symbol,
    time: history.time.slice(start),
    up,
    flat,
    down,
    trainingEnd,
    warmUpBars: start,
    predicted: rows.length,
    skipped: { warmUp: warm, gap },
  };
}
