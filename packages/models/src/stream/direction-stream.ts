import { type Bar, FeaturePipeline, type FeatureSpec, parseTimeframe } from '@rrr/indicators';
import { ModelCardError, ModelInputError, TrainingPeriodError } from '../errors.js';
import {
  checkMinConfidence,
  type DirectionModel,
  decide,
  type Prediction,
} from '../model/direction-model.js';

/** Options of {@link DirectionStream}. */
export interface DirectionStreamOptions {
  /** Below this top probability the prediction is `hold` (default 0); in [0, 1]. */
  readonly minConfidence?: number;
  /** Apply the card's calibration temperature (default true). */
  readonly calibrated?: boolean;
  /**
   * What `update` does with a bar inside the model's training or validation period: `refuse` (default)
   * throws {@link TrainingPeriodError}; `flag` predicts and sets `inTrainingPeriod: true`.
   */
  readonly trainingPeriod?: 'refuse' | 'flag';
}

/** A streaming prediction for one closed bar. */
export interface StreamPrediction extends Prediction {
  /** Open time of the bar the prediction was made at (ms UTC). */
  readonly timestamp: number;
  /** True when the bar lies inside the model's training or validation period (only with `flag`). */
  readonly inTrainingPeriod: boolean;
  /**
   * True when the window's bars are not contiguous on the card's timeframe (a data gap inside the window);
   * the shipped model never saw such windows in training, so treat these predictions with suspicion.
   */
  readonly spansGap: boolean;
}

/**
 * Streaming adapter: feed closed bars in time order, get a prediction per bar once the window is full. It
 * computes features with the `@rrr/indicators` `FeaturePipeline` built from the card's feature spec, so
 * streaming and training features are the same code. `update` refuses bars inside the model's training or
 * validation period unless `trainingPeriod: 'flag'`; `warmUp` feeds such bars without predicting.
 *
 * @example
 * ```ts
 * import type { Bar } from '@rrr/indicators';
 * import { type DirectionModel, DirectionStream } from '@rrr/models';
 *
 * declare const model: DirectionModel;
 * declare const history: Bar[];
 * declare const bar: Bar;
 * const stream = new DirectionStream(model, { minConfidence: 0.45 });
 * stream.warmUp(history);
 * const prediction = await stream.update(bar); // null until the window is full
 * ```
 */
export class DirectionStream {
  private readonly model: DirectionModel;
  private readonly pipeline: FeaturePipeline;
  private readonly minConfidence: number;
  private readonly calibrated: boolean;
  private readonly flag: boolean;
  private readonly trainingEnd: number;
  private readonly trainingStart: number;
  private readonly rows: Float64Array;
  private readonly cols: number;
  private readonly window: number;
  private readonly barMs: number;
  private filled = 0;
  private next = 0;
  private contiguous = 0;
  private lastTimestamp = Number.NaN;

  /**
   * @param model - a loaded model whose card carries `features.spec` and a `training.timeframe` such as `1h`
   * @param options - confidence threshold, calibration and training-period policy
   * @throws {@link ModelCardError} when the card has no feature spec or an unparseable timeframe; {@link ModelInputError}
   *   `feature_mismatch` when the spec's columns differ from the card's feature names
   */
  constructor(model: DirectionModel, options: DirectionStreamOptions = {}) {
    const card = model.card;
    if (card.features.spec === undefined) {
      throw new ModelCardError('card.features.spec: required by DirectionStream to compute features');
    }
    this.model = model;
    this.pipeline = new FeaturePipeline(card.features.spec as unknown as FeatureSpec);
    const names = card.features.names;
    if (this.pipeline.columns.join(',') !== names.join(',')) {
      throw new ModelInputError(
        'feature_mismatch',
        `card.features.spec: produces [${this.pipeline.columns.join(', ')}] but card.features.names is [${names.join(', ')}]`,
      );
    }
    this.minConfidence = checkMinConfidence(options.minConfidence);
    this.calibrated = options.calibrated ?? true;
    this.flag = options.trainingPeriod === 'flag';
    this.trainingStart = card.training.trainPeriod.start;
    this.trainingEnd = Math.max(
      card.training.trainPeriod.end,
      card.training.validationPeriod?.end ?? -Infinity,
    );
    try {
      this.barMs = parseTimeframe(card.training.timeframe);
    } catch (error) {
      throw new ModelCardError(`card.training.timeframe: not a timeframe (got ${card.training.timeframe})`, {
        cause: error,
      });
    }
    this.cols = names.length;
    this.window = card.windowLength;
    this.rows = new Float64Array(this.window * this.cols);
  }

  /** True once the last `windowLength` feature rows are all finite, so `update` will predict. */
  get ready(): boolean {
    return this.filled >= this.window;
  }

  /**
   * Feeds bars without predicting (any period, training included), e.g. history before the first live bar.
   *
   * @param bars - closed bars in time order
   * @example
   * ```ts
   * import type { Bar } from '@rrr/indicators';
   * import type { DirectionStream } from '@rrr/models';
   *
   * declare const stream: DirectionStream;
   * declare const history: Bar[];
   * stream.warmUp(history);
   * ```
   */
  warmUp(bars: Iterable<Bar>): void {
    for (const bar of bars) this.push(bar);
  }

  /**
   * Feeds one closed bar and predicts at it once the window is full.
   *
   * @param bar - the bar that just closed
   * @returns the prediction, or null while the window is not full (warm-up, or NaN features)
   * @throws {@link TrainingPeriodError} for a bar inside the training or validation period (default
   *   policy), before any state changes
   * @example
   * ```ts
   * import type { Bar } from '@rrr/indicators';
   * import type { DirectionStream } from '@rrr/models';
   *
   * declare const stream: DirectionStream;
   * declare const bar: Bar;
   * const prediction = await stream.update(bar);
   * if (prediction !== null && prediction.direction !== 'hold') console.log(prediction.direction);
   * ```
   */
  async update(bar: Bar): Promise<StreamPrediction | null> {
    const inTraining = bar.timestamp >= this.trainingStart && bar.timestamp <= this.trainingEnd;
    if (inTraining && !this.flag) {
      throw new TrainingPeriodError(
        `bar.timestamp: ${new Date(bar.timestamp).toISOString()} is inside the model's training/validation period ` +
          `(${new Date(this.trainingStart).toISOString()} .. ${new Date(this.trainingEnd).toISOString()}); ` +
          "use warmUp() for history or { trainingPeriod: 'flag' } to predict anyway",
      );
    }
    this.push(bar);
    if (!this.ready) return null;
    const data = new Float64Array(this.rows.length);
    const start = this.next * this.cols;
    data.set(this.rows.subarray(start));
    data.set(this.rows.subarray(0, start), this.rows.length - start);
    const [p] = await this.model.probabilitiesBatch([{ columns: this.model.card.features.names, data }], {
      calibrated: this.calibrated,
    });
    if (p === undefined) return null;
    return {
      ...decide(p, this.minConfidence),
      timestamp: bar.timestamp,
      inTrainingPeriod: inTraining,
      spansGap: this.contiguous < this.window,
    };
  }

  private push(bar: Bar): void {
    const row = this.pipeline.update(bar);
    this.rows.set(row, this.next * this.cols);
    this.next = (this.next + 1) % this.window;
    this.filled = row.every(Number.isFinite) ? this.filled + 1 : 0;
    this.contiguous = bar.timestamp - this.lastTimestamp === this.barMs ? this.contiguous + 1 : 1;
    this.lastTimestamp = bar.timestamp;
  }
}
