import { createHash } from 'node:crypto';
import type { TinySpec } from './tiny-transformer.js';

/** Feature names f0..f{n-1}. */
export const tinyNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `f${i}`);

/** A valid model card for a tiny test model (identity normalization unless overridden). */
export function tinyCard(spec: TinySpec, bytes: Uint8Array, overrides: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    name: 'tiny',
    version: '0.0.1',
    model: {
      file: 'tiny.onnx',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format: 'onnx',
      opset: 17,
      inputName: 'features',
      outputName: 'logits',
      output: 'logits_per_position',
    },
    features: { source: 'test', names: tinyNames(spec.features) },
    windowLength: spec.window,
    normalization: {
      method: 'zscore',
      mean: new Array(spec.features).fill(0),
      std: new Array(spec.features).fill(1),
      clip: null,
    },
    classes: ['down', 'flat', 'up'],
    label: { horizonBars: 1, downThreshold: -0.001, upThreshold: 0.001, definition: 'test' },
    training: {
      symbol: 'TEST',
      timeframe: '1h',
      dataFile: 'none',
      dataSha256: '0'.repeat(64),
      seed: spec.seed,
      trainPeriod: { start: 0, end: 3_600_000 * 100 },
    },
    calibration: { method: 'none', temperature: 1 },
    ...overrides,
  };
}
