/**
 * Transformer price-direction inference on onnxruntime-node, with model cards and evaluation.
 *
 * @packageDocumentation
 */
export { isModelError, ModelError } from './errors.js';
