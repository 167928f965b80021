import { describe, expect, it } from 'vitest';
import { isModelError } from '../src/errors.js';
import { DirectionModel } from '../src/model/direction-model.js';
import { DirectionWorker } from '../src/worker/direction-worker.js';
import { mulberry32 } from './helpers/prng.js';
import { tinyCard, tinyNames } from './helpers/tiny-card.js';
import { buildTinyTransformer, type TinySpec } from './helpers/tiny-transformer.js';

const spec: TinySpec = { seed: 3, features: 4, window: 8, dModel: 8 };
const bytes = buildTinyTransformer(spec);

describe('DirectionWorker', () => {
  it('returns the same predictions as the in-thread session and keeps the same input checks', async () => {
    const model = await DirectionModel.load(
      bytes,
      tinyCard(spec, bytes, { calibration: { method: 'temperature', temperature: 1.5 } }),
    );
    const rand = mulberry32(9);
    const windows = Array.from({ length: 64 }, () => ({
      columns: tinyNames(4),
      data: Array.from({ length: 32 }, () => rand() * 2 - 1),
    }));
    const worker = await DirectionWorker.start(model, { session: { intraOpThreads: 1 } });
    try {
      const inWorker = await worker.predictBatch(windows, { minConfidence: 0.4 });
      const inThread = await model.predictBatch(windows, { minConfidence: 0.4 });
      expect(inWorker).toEqual(inThread);
      expect(inWorker.some((p) => p.direction === 'hold')).toBe(true);
      const bad = [{ ...windows[0], columns: tinyNames(4), data: [1, 2, 3] }];
      const error = await worker.probabilitiesBatch(bad).catch((e: unknown) => e);
      expect(isModelError(error) && error.code).toBe('shape_mismatch');
    } finally {
      await worker.terminate();
      await model.release();
    }
  });
});
