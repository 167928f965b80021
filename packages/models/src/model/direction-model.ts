import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { type Direction, type ModelCard, parseModelCard } from '../card/schema.js';
import { ModelInputError, ModelLoadError } from '../errors.js';
import { type SessionOptions, toOrtSessionOptions } from './session-options.js';
import { softmax3 } from './softmax.js';
import { type FeatureWindow, writeNormalized } from './window.js';

/** Probability of each direction; the three sum to 1. */
export type DirectionProbabilities = Readonly<Record<Direction, number>>;

/** Options of {@link DirectionModel.probabilities} and {@link DirectionModel.predict}. */
export interface ProbabilityOptions {
  /** Apply the card's calibration temperature (default true). */
  readonly calibrated?: boolean;
}

/** Options of {@link DirectionModel.predict}. */
export interface PredictOptions extends ProbabilityOptions {
  /** Below this top probability the prediction is `hold` (default 0, never hold); in [0, 1]. */
  readonly minConfidence?: number;
}

/** A prediction: the most probable direction, or `hold` when its probability is below `minConfidence`. */
export interface Prediction {
  /** The most probable direction, or `hold`. */
  readonly direction: Direction | 'hold';
  /** The top probability (also reported for `hold`). */
  readonly confidence: number;
  /** All three probabilities. */
  readonly probabilities: DirectionProbabilities;
}

/** Minimal shape of a feature matrix (`computeFeatures` of `@rrr/indicators` returns one). */
export interface FeatureMatrixLike {
  /** Column names. */
  readonly columns: readonly string[];
  /** Row-major values. */
  readonly data: ArrayLike<number>;
  /** Number of rows. */
  readonly rows: number;
}

/** Options of {@link DirectionModel.load}. */
export interface LoadOptions {
  /** onnxruntime session options. */
  readonly session?: SessionOptions;
}

/**
 * A transformer direction classifier (down / flat / up) on onnxruntime-node, bound to its model card. One
 * onnxruntime session per instance; call {@link DirectionModel.release} when done.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { DirectionModel } from '@rrr/models';
 *
 * const card = JSON.parse(readFileSync('model.card.json', 'utf8'));
 * const model = await DirectionModel.load('model.onnx', card, { session: { intraOpThreads: 1 } });
 * console.log(model.card.windowLength);
 * await model.release();
 * ```
 */
export class DirectionModel {
  /** The validated model card. */
  readonly card: ModelCard;
  private readonly session: ort.InferenceSession;
  private readonly bytes: Uint8Array;

  private constructor(card: ModelCard, session: ort.InferenceSession, bytes: Uint8Array) {
    this.card = card;
    this.session = session;
    this.bytes = bytes;
  }

  /**
   * Loads a model: validates the card, checks the file's sha256 against `card.model.sha256`, creates the
   * onnxruntime session and checks its input and output names.
   *
   * @param source - path of the `.onnx` file, or its bytes
   * @param card - the model card (parsed JSON; validated here)
   * @param options - session options
   * @returns the loaded model
   * @throws {@link ModelCardError} for an invalid card; {@link ModelLoadError} `model_unreadable`,
   *   `hash_mismatch` or `session_failed`
   * @example
   * ```ts
   * import { readFileSync } from 'node:fs';
   * import { DirectionModel } from '@rrr/models';
   *
   * const card = JSON.parse(readFileSync('model.card.json', 'utf8'));
   * const model = await DirectionModel.load(readFileSync('model.onnx'), card);
   * ```
   */
  static async load(
    source: string | Uint8Array,
    card: unknown,
    options: LoadOptions = {},
  ): Promise<DirectionModel> {
    const parsed = parseModelCard(card);
    const sessionOptions = toOrtSessionOptions(options.session);
    let bytes: Uint8Array;
    if (typeof source === 'string') {
      try {
        bytes = new Uint8Array(await readFile(source));
      } catch (error) {
        throw new ModelLoadError('model_unreadable', `source: cannot read model file ${source}`, {
          cause: error,
        });
      }
    } else {
      bytes = source;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== parsed.model.sha256) {
      throw new ModelLoadError(
        'hash_mismatch',
        `source: model sha256 is ${sha256} but card.model.sha256 is ${parsed.model.sha256}`,
      );
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, sessionOptions);
    } catch (error) {
      throw new ModelLoadError(
        'session_failed',
        `source: onnxruntime cannot load the model: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    if (
      !session.inputNames.includes(parsed.model.inputName) ||
      !session.outputNames.includes(parsed.model.outputName)
    ) {
      await session.release();
      throw new ModelLoadError(
        'session_failed',
        `card.model.inputName/outputName: model has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], card says ${parsed.model.inputName} -> ${parsed.model.outputName}`,
      );
    }
    return new DirectionModel(parsed, session, bytes);
  }

  /** The model file's bytes (used to start a {@link DirectionWorker} on the same model). */
  get modelBytes(): Uint8Array {
    return this.bytes;
  }

  /**
   * Cuts the window ending at row `end` (inclusive) out of a feature matrix, e.g. one from
   * `computeFeatures` of `@rrr/indicators`.
   *
   * @param matrix - feature matrix, columns in card order
   * @param end - index of the window's last (most recent) row
   * @returns the window of `card.windowLength` rows
   * @throws {@link ModelInputError} `shape_mismatch` when the window does not fit inside the matrix
   * @example
   * ```ts
   * import { computeFeatures, readOhlcvCsvFile } from '@rrr/indicators';
   * import type { DirectionModel } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * const matrix = computeFeatures(readOhlcvCsvFile('btc.csv.gz'));
   * const probabilities = await model.probabilities(model.windowAt(matrix, matrix.rows - 1));
   * ```
   */
  windowAt(matrix: FeatureMatrixLike, end: number): FeatureWindow {
    const t = this.card.windowLength;
    const cols = matrix.columns.length;
    if (!Number.isInteger(end) || end < t - 1 || end >= matrix.rows) {
      throw new ModelInputError(
        'shape_mismatch',
        `end: a window of ${t} rows must end at an integer row in [${t - 1}, ${matrix.rows - 1}] (got ${end})`,
      );
    }
    const start = (end - t + 1) * cols;
    const data = Array.prototype.slice.call(matrix.data, start, start + t * cols) as number[];
    return { columns: matrix.columns, data };
  }

  /**
   * Raw logits of every window position, `windowLength * 3` values (row-major, card class order). Output
   * `i` depends only on rows `0..i` for a causal model.
   *
   * @param window - one window
   * @returns the logits
   * @throws {@link ModelInputError} for a bad window; `invalid_argument` when the model outputs only the last position
   * @example
   * ```ts
   * import type { DirectionModel, FeatureWindow } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * declare const window: FeatureWindow;
   * const logits = await model.positionLogits(window); // Float32Array(windowLength * 3)
   * ```
   */
  async positionLogits(window: FeatureWindow): Promise<Float32Array> {
    if (this.card.model.output !== 'logits_per_position') {
      throw new ModelInputError(
        'invalid_argument',
        'card.model.output: this model outputs only the last position',
      );
    }
    return this.run([window], 'window');
  }

  /**
   * Class probabilities of the most recent position of one window.
   *
   * @param window - `card.windowLength` raw feature rows, oldest first
   * @param options - `calibrated` (default true) applies the card's temperature
   * @returns probabilities of down, flat and up, summing to 1
   * @throws {@link ModelInputError} `feature_mismatch`, `shape_mismatch` or `nan_input`
   * @example
   * ```ts
   * import type { DirectionModel, FeatureWindow } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * declare const window: FeatureWindow;
   * const { down, flat, up } = await model.probabilities(window);
   * ```
   */
  async probabilities(
    window: FeatureWindow,
    options: ProbabilityOptions = {},
  ): Promise<DirectionProbabilities> {
    const [first] = await this.probabilitiesBatch([window], options, 'window');
    return first as DirectionProbabilities;
  }

  /**
   * Class probabilities of many windows in one onnxruntime call.
   *
   * @param windows - windows, each as for {@link DirectionModel.probabilities}
   * @param options - `calibrated` (default true)
   * @returns one probability record per window, in order
   * @throws {@link ModelInputError} naming the index of the first bad window
   * @example
   * ```ts
   * import type { DirectionModel, FeatureWindow } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * declare const windows: FeatureWindow[];
   * const all = await model.probabilitiesBatch(windows);
   * ```
   */
  async probabilitiesBatch(
    windows: readonly FeatureWindow[],
    options: ProbabilityOptions = {},
    label = 'windows',
  ): Promise<DirectionProbabilities[]> {
    return this.toProbabilities(await this.run(windows, label), windows.length, options);
  }

  /**
   * Predicts the direction of one window; `hold` when the top probability is below `minConfidence`.
   *
   * @param window - as for {@link DirectionModel.probabilities}
   * @param options - `minConfidence` in [0, 1] (default 0) and `calibrated` (default true)
   * @returns the prediction
   * @throws {@link ModelInputError} for a bad window or `minConfidence` (`invalid_argument`)
   * @example
   * ```ts
   * import type { DirectionModel, FeatureWindow } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * declare const window: FeatureWindow;
   * const { direction, confidence } = await model.predict(window, { minConfidence: 0.5 });
   * ```
   */
  async predict(window: FeatureWindow, options: PredictOptions = {}): Promise<Prediction> {
    const [first] = await this.predictBatch([window], options);
    return first as Prediction;
  }

  /**
   * Predicts many windows in one onnxruntime call.
   *
   * @param windows - windows, each as for {@link DirectionModel.probabilities}
   * @param options - as for {@link DirectionModel.predict}
   * @returns one prediction per window, in order
   * @example
   * ```ts
   * import type { DirectionModel, FeatureWindow } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * declare const windows: FeatureWindow[];
   * const predictions = await model.predictBatch(windows, { minConfidence: 0.45 });
   * ```
   */
  async predictBatch(windows: readonly FeatureWindow[], options: PredictOptions = {}): Promise<Prediction[]> {
    const minConfidence = checkMinConfidence(options.minConfidence);
    const probabilities = await this.probabilitiesBatch(windows, options);
    return probabilities.map((p) => decide(p, minConfidence));
  }

  /**
   * Releases the onnxruntime session; the model cannot be used afterwards.
   *
   * @example
   * ```ts
   * import type { DirectionModel } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * await model.release();
   * ```
   */
  async release(): Promise<void> {
    await this.session.release();
  }

  /** Normalizes windows into one float32 batch tensor. @internal */
  encode(windows: readonly FeatureWindow[], label: string): Float32Array {
    if (windows.length === 0)
      throw new ModelInputError('shape_mismatch', `${label}: expected at least one window`);
    const size = this.card.windowLength * this.card.features.names.length;
    const input = new Float32Array(windows.length * size);
    windows.forEach((w, i) => {
      writeNormalized(
        this.card,
        w,
        input,
        i * size,
        windows.length === 1 && label === 'window' ? label : `${label}[${i}]`,
      );
    });
    return input;
  }

  /** Turns raw logits of a batch into probabilities of each window's last position. @internal */
  toProbabilities(
    logits: Float32Array,
    count: number,
    options: ProbabilityOptions,
  ): DirectionProbabilities[] {
    const temperature = options.calibrated === false ? 1 : this.card.calibration.temperature;
    const perWindow = logits.length / count;
    const classes = this.card.classes;
    const out: DirectionProbabilities[] = [];
    for (let i = 0; i < count; i++) {
      const p = softmax3(logits, (i + 1) * perWindow - 3, temperature);
      const record = { down: 0, flat: 0, up: 0 };
      classes.forEach((c, k) => {
        record[c] = p[k] as number;
      });
      out.push(record);
    }
    return out;
  }

  private async run(windows: readonly FeatureWindow[], label: string): Promise<Float32Array> {
    const input = this.encode(windows, label);
    const dims = [windows.length, this.card.windowLength, this.card.features.names.length];
    const output = await this.session.run({
      [this.card.model.inputName]: new ort.Tensor('float32', input, dims),
    });
    const tensor = output[this.card.model.outputName];
    return tensor?.data as Float32Array;
  }
}

/** Validates `minConfidence`. @internal */
export function checkMinConfidence(value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) {
    throw new ModelInputError(
      'invalid_argument',
      `minConfidence: expected a number in [0, 1] (got ${String(value)})`,
    );
  }
  return v;
}

/** The prediction for one probability record. @internal */
export function decide(p: DirectionProbabilities, minConfidence: number): Prediction {
  let direction: Direction = 'down';
  if (p.flat > p[direction]) direction = 'flat';
  if (p.up > p[direction]) direction = 'up';
  const confidence = p[direction];
  return { direction: confidence < minConfidence ? 'hold' : direction, confidence, probabilities: p };
}
