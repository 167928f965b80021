import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ModelError, ModelLoadError } from '../errors.js';
import {
  checkMinConfidence,
  type DirectionModel,
  type DirectionProbabilities,
  decide,
  type Prediction,
  type PredictOptions,
  type ProbabilityOptions,
} from '../model/direction-model.js';
import { type SessionOptions, toOrtSessionOptions } from '../model/session-options.js';
import type { FeatureWindow } from '../model/window.js';
import { WORKER_SOURCE } from './worker-source.js';

interface Reply {
  readonly id: number;
  readonly data?: Float32Array;
  readonly error?: string;
}

/** Options of {@link DirectionWorker.start}. */
export interface DirectionWorkerOptions {
  /** onnxruntime session options of the worker's own session. */
  readonly session?: SessionOptions;
}

/**
 * Batch inference in a worker thread, so the event loop stays free during large batches. Windows are
 * validated and normalized on the calling thread (same checks and errors as {@link DirectionModel}); the
 * worker owns a second onnxruntime session of the same model file.
 *
 * @example
 * ```ts
 * import { type DirectionModel, DirectionWorker, type FeatureWindow } from '@rrr/models';
 *
 * declare const model: DirectionModel;
 * declare const windows: FeatureWindow[];
 * const worker = await DirectionWorker.start(model, { session: { intraOpThreads: 2 } });
 * const predictions = await worker.predictBatch(windows, { minConfidence: 0.45 });
 * await worker.terminate();
 * ```
 */
export class DirectionWorker {
  private readonly model: DirectionModel;
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (d: Float32Array) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;

  private constructor(model: DirectionModel, worker: Worker) {
    this.model = model;
    this.worker = worker;
    worker.on('message', (reply: Reply) => {
      const entry = this.pending.get(reply.id);
      if (entry === undefined) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) {
        entry.reject(new ModelError('inference_failed', `worker: ${reply.error}`));
      } else {
        entry.resolve(reply.data ?? new Float32Array(0));
      }
    });
    worker.on('error', (error) => {
      for (const entry of this.pending.values())
        entry.reject(new ModelError('inference_failed', `worker: ${error.message}`, { cause: error }));
      this.pending.clear();
    });
  }

  /**
   * Starts a worker thread with its own session of `model`'s file and waits until it is ready.
   *
   * @param model - a loaded model (its card and bytes are reused)
   * @param options - the worker session's options
   * @returns the running worker
   * @throws {@link ModelLoadError} `session_failed` when the worker cannot create its session
   * @example
   * ```ts
   * import { type DirectionModel, DirectionWorker } from '@rrr/models';
   *
   * declare const model: DirectionModel;
   * const worker = await DirectionWorker.start(model);
   * ```
   */
  static async start(model: DirectionModel, options: DirectionWorkerOptions = {}): Promise<DirectionWorker> {
    const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        ortPath,
        bytes: model.modelBytes,
        options: toOrtSessionOptions(options.session),
        inputName: model.card.model.inputName,
        outputName: model.card.model.outputName,
      },
    });
    const instance = new DirectionWorker(model, worker);
    try {
      await instance.call(0);
    } catch (error) {
      await worker.terminate();
      throw new ModelLoadError('session_failed', `worker: cannot create the session: ${String(error)}`, {
        cause: error,
      });
    }
    return instance;
  }

  /**
   * Class probabilities of many windows, computed in the worker.
   *
   * @param windows - windows as for {@link DirectionModel.probabilities}
   * @param options - `calibrated` (default true)
   * @returns one probability record per window
   * @example
   * ```ts
   * import type { DirectionWorker, FeatureWindow } from '@rrr/models';
   *
   * declare const worker: DirectionWorker;
   * declare const windows: FeatureWindow[];
   * const all = await worker.probabilitiesBatch(windows);
   * ```
   */
  async probabilitiesBatch(
    windows: readonly FeatureWindow[],
    options: ProbabilityOptions = {},
  ): Promise<DirectionProbabilities[]> {
    const input = this.model.encode(windows, 'windows');
    const dims = [windows.length, this.model.card.windowLength, this.model.card.features.names.length];
    const logits = await this.call(this.nextId++, input, dims);
    return this.model.toProbabilities(logits, windows.length, options);
  }

  /**
   * Predictions of many windows, computed in the worker.
   *
   * @param windows - windows as for {@link DirectionModel.probabilities}
   * @param options - as for {@link DirectionModel.predict}
   * @returns one prediction per window
   * @example
   * ```ts
   * import type { DirectionWorker, FeatureWindow } from '@rrr/models';
   *
   * declare const worker: DirectionWorker;
   * declare const windows: FeatureWindow[];
   * const predictions = await worker.predictBatch(windows, { minConfidence: 0.5 });
   * ```
   */
  async predictBatch(windows: readonly FeatureWindow[], options: PredictOptions = {}): Promise<Prediction[]> {
    const minConfidence = checkMinConfidence(options.minConfidence);
    return (await this.probabilitiesBatch(windows, options)).map((p) => decide(p, minConfidence));
  }

  /**
   * Stops the worker thread; pending calls are rejected.
   *
   * @example
   * ```ts
   * import type { DirectionWorker } from '@rrr/models';
   *
   * declare const worker: DirectionWorker;
   * await worker.terminate();
   * ```
   */
  async terminate(): Promise<void> {
    for (const entry of this.pending.values())
      entry.reject(new ModelError('inference_failed', 'worker: terminated'));
    this.pending.clear();
    await this.worker.terminate();
  }

  private call(id: number, input?: Float32Array, dims?: number[]): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (input !== undefined) this.worker.postMessage({ id, input, dims }, [input.buffer as ArrayBuffer]);
    });
  }
}
