/**
 * Transformer price-direction inference on onnxruntime-node, with model cards and evaluation.
 *
 * @packageDocumentation
 */
export {
  DIRECTIONS,
  type Direction,
  type ModelCard,
  modelCardSchema,
  parseModelCard,
} from './card/schema.js';
export {
  isModelError,
  ModelCardError,
  ModelError,
  ModelInputError,
  ModelLoadError,
  TrainingPeriodError,
} from './errors.js';
export { type BundledModelPaths, bundledModelPaths, loadBundledModel } from './model/bundled.js';
export {
  DirectionModel,
  type DirectionProbabilities,
  type FeatureMatrixLike,
  type LoadOptions,
  type Prediction,
  type PredictOptions,
  type ProbabilityOptions,
} from './model/direction-model.js';
export type { SessionOptions } from './model/session-options.js';
export type { FeatureWindow } from './model/window.js';
export {
  DirectionStream,
  type DirectionStreamOptions,
  type StreamPrediction,
} from './stream/direction-stream.js';
export { DirectionWorker, type DirectionWorkerOptions } from './worker/direction-worker.js';
