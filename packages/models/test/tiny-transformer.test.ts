import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './helpers/prng.js';
import { buildTinyTransformer, referenceLogits, type TinySpec } from './helpers/tiny-transformer.js';

const spec: TinySpec = { seed: 7, features: 4, window: 6, dModel: 8 };

describe('tiny ONNX transformer test helper', () => {
  it('runs in onnxruntime and matches an independent float64 forward pass', async () => {
    const session = await ort.InferenceSession.create(buildTinyTransformer(spec));
    const rand = mulberry32(1);
    const input = Float64Array.from({ length: spec.window * spec.features }, () => rand() * 2 - 1);
    const out = await session.run({
      features: new ort.Tensor('float32', Float32Array.from(input), [1, spec.window, spec.features]),
    });
    const logits = out.logits?.data as Float32Array;
    const expected = referenceLogits(spec, Float64Array.from(Float32Array.from(input)));
    expect(logits.length).toBe(spec.window * 3);
    for (let i = 0; i < logits.length; i++)
      expect(Math.abs((logits[i] ?? 0) - (expected[i] ?? 0))).toBeLessThan(1e-4);
    await session.release();
  });
});
