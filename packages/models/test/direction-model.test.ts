import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isModelError } from '../src/errors.js';
import { DirectionModel } from '../src/model/direction-model.js';
import type { FeatureWindow } from '../src/model/window.js';
import { mulberry32 } from './helpers/prng.js';
import { tinyCard, tinyNames } from './helpers/tiny-card.js';
import { buildTinyTransformer, referenceLogits, type TinySpec } from './helpers/tiny-transformer.js';

const spec: TinySpec = { seed: 11, features: 3, window: 5, dModel: 8 };
const bytes = buildTinyTransformer(spec);
const rand = mulberry32(42);
const randomWindow = (): FeatureWindow => ({
  columns: tinyNames(spec.features),
  data: Array.from({ length: spec.window * spec.features }, () => rand() * 4 - 2),
});

/** float64 reference probabilities (last position) of a window after the card's z-score. */
function referenceProbabilities(
  window: FeatureWindow,
  mean: number[],
  std: number[],
  temperature = 1,
): number[] {
  const z = Float64Array.from(window.data, (v, i) =>
    Math.fround((v - (mean[i % 3] ?? 0)) / (std[i % 3] ?? 1)),
  );
  const logits = referenceLogits(spec, z).slice(-3);
  const e = Array.from(logits, (l) => Math.exp(l / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; name: string }> {
  try {
    await promise;
  } catch (error) {
    if (isModelError(error)) return { code: error.code, message: error.message, name: error.name };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('DirectionModel.load', () => {
  it('rejects a model whose sha256 differs from the card', async () => {
    const card = tinyCard(spec, bytes);
    const tampered = bytes.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    const e = await rejection(DirectionModel.load(tampered, card));
    expect(e).toMatchObject({ code: 'hash_mismatch', name: 'ModelLoadError' });
    expect(e.message).toContain(card.model.sha256);
  });

  it('rejects an invalid card naming the field', async () => {
    const e = await rejection(DirectionModel.load(bytes, tinyCard(spec, bytes, { windowLength: 0 })));
    expect(e).toMatchObject({ code: 'invalid_card', name: 'ModelCardError' });
    expect(e.message).toMatch(/^card\.windowLength: /);
    const short = tinyCard(spec, bytes, {
      normalization: { method: 'zscore', mean: [0], std: [1, 1, 1], clip: null },
    });
    expect((await rejection(DirectionModel.load(bytes, short))).message).toBe(
      'card.normalization.mean: expected 3 values (one per feature), got 1',
    );
    const classes = tinyCard(spec, bytes, { classes: ['up', 'up', 'down'] });
    expect((await rejection(DirectionModel.load(bytes, classes))).message).toMatch(
      /^card\.classes: must list/,
    );
  });

  it('rejects unreadable files, unknown input names and bad session options', async () => {
    expect(
      await rejection(DirectionModel.load('/nonexistent/model.onnx', tinyCard(spec, bytes))),
    ).toMatchObject({
      code: 'model_unreadable',
    });
    const card = tinyCard(spec, bytes);
    const renamed = { ...card, model: { ...card.model, inputName: 'x' } };
    const e = await rejection(DirectionModel.load(bytes, renamed));
    expect(e.code).toBe('session_failed');
    expect(e.message).toContain('inputs [features]');
    const bad = await rejection(DirectionModel.load(bytes, card, { session: { intraOpThreads: 0 } }));
    expect(bad).toMatchObject({ code: 'invalid_argument' });
    expect(bad.message).toMatch(/^session\.intraOpThreads: /);
  });
});

describe('DirectionModel inference', () => {
  const mean = [0.5, -1, 2];
  const std = [2, 0.5, 4];
  let model: DirectionModel;
  beforeAll(async () => {
    const card = tinyCard(spec, bytes, {
      normalization: { method: 'zscore', mean, std, clip: null },
      calibration: { method: 'temperature', temperature: 2 },
    });
    model = await DirectionModel.load(bytes, card, {
      session: { intraOpThreads: 1, graphOptimization: 'all' },
    });
  });
  afterAll(async () => {
    await model.release();
  });

  it('returns normalized, temperature-scaled probabilities matching a float64 reference', async () => {
    const window = randomWindow();
    const p = await model.probabilities(window);
    const q = await model.probabilities(window, { calibrated: false });
    expect(p.down + p.flat + p.up).toBeCloseTo(1, 12);
    const ref2 = referenceProbabilities(window, mean, std, 2);
    const ref1 = referenceProbabilities(window, mean, std, 1);
    expect([p.down, p.flat, p.up].map((x, i) => Math.abs(x - (ref2[i] ?? 0)))).toSatisfy((d: number[]) =>
      d.every((x) => x < 1e-5),
    );
    expect([q.down, q.flat, q.up].map((x, i) => Math.abs(x - (ref1[i] ?? 0)))).toSatisfy((d: number[]) =>
      d.every((x) => x < 1e-5),
    );
    // temperature 2 flattens the distribution
    expect(Math.max(p.down, p.flat, p.up)).toBeLessThan(Math.max(q.down, q.flat, q.up));
  });

  it('batch results equal one-by-one results', async () => {
    const windows = [randomWindow(), randomWindow(), randomWindow(), randomWindow()];
    const batch = await model.probabilitiesBatch(windows);
    const single = await Promise.all(windows.map((w) => model.probabilities(w)));
    for (let i = 0; i < windows.length; i++) {
      for (const c of ['down', 'flat', 'up'] as const) {
        expect(Math.abs((batch[i]?.[c] ?? 0) - (single[i]?.[c] ?? 1))).toBeLessThan(1e-6);
      }
    }
    const predictions = await model.predictBatch(windows, { minConfidence: 0 });
    expect(predictions.map((p) => p.probabilities)).toEqual(batch);
  });

  it('predicts the top class, or hold below minConfidence', async () => {
    const window = randomWindow();
    const p = await model.probabilities(window);
    const top = (['down', 'flat', 'up'] as const).reduce((a, b) => (p[b] > p[a] ? b : a));
    const confident = await model.predict(window, { minConfidence: p[top] });
    expect(confident).toEqual({ direction: top, confidence: p[top], probabilities: p });
    const held = await model.predict(window, { minConfidence: p[top] + 1e-9 });
    expect(held.direction).toBe('hold');
    expect(held.confidence).toBe(p[top]);
    const e = await rejection(model.predict(window, { minConfidence: 1.5 }));
    expect(e).toMatchObject({
      code: 'invalid_argument',
      message: 'minConfidence: expected a number in [0, 1] (got 1.5)',
    });
  });

  it('rejects feature-name, shape and NaN mismatches with typed errors', async () => {
    const window = randomWindow();
    const renamed = { ...window, columns: ['f0', 'fX', 'f2'] };
    expect(await rejection(model.probabilities(renamed))).toMatchObject({
      code: 'feature_mismatch',
      name: 'ModelInputError',
      message: 'window.columns: expected 3 features in card order; column 1 is fX, card says f1',
    });
    const short = { ...window, data: Array.from(window.data).slice(3) };
    expect(await rejection(model.probabilities(short))).toMatchObject({
      code: 'shape_mismatch',
      message: 'window.data: expected 5 rows x 3 features = 15 values, got 12',
    });
    const nan = Array.from(window.data);
    nan[2 * 3 + 1] = Number.NaN;
    expect(await rejection(model.probabilitiesBatch([window, { ...window, data: nan }]))).toMatchObject({
      code: 'nan_input',
      message: 'windows[1].data: row 2, feature f1 is NaN (indicator warm-up or a gap?)',
    });
    expect(await rejection(model.probabilitiesBatch([]))).toMatchObject({ code: 'shape_mismatch' });
  });

  it('maps outputs through the card class order', async () => {
    const card = tinyCard(spec, bytes, { classes: ['up', 'flat', 'down'] });
    const reordered = await DirectionModel.load(bytes, card);
    const plain = await DirectionModel.load(bytes, tinyCard(spec, bytes));
    const window = randomWindow();
    const a = await reordered.probabilities(window);
    const b = await plain.probabilities(window);
    expect(a).toEqual({ down: b.up, flat: b.flat, up: b.down });
    await reordered.release();
    await plain.release();
  });

  it('refuses per-position logits when the card says the model outputs only the last position', async () => {
    const card = tinyCard(spec, bytes);
    const lastOnly = await DirectionModel.load(bytes, {
      ...card,
      model: { ...card.model, output: 'logits' },
    });
    expect(await rejection(lastOnly.positionLogits(randomWindow()))).toMatchObject({
      code: 'invalid_argument',
      message: 'card.model.output: this model outputs only the last position',
    });
    await lastOnly.release();
  });

  it('cuts windows out of a feature matrix', () => {
    const cols = tinyNames(3);
    const matrix = { columns: cols, rows: 7, data: Float64Array.from({ length: 21 }, (_, i) => i) };
    expect(model.windowAt(matrix, 6).data).toEqual(Array.from({ length: 15 }, (_, i) => i + 6));
    expect(() => model.windowAt(matrix, 3)).toThrow(
      'end: a window of 5 rows must end at an integer row in [4, 6] (got 3)',
    );
  });
});

describe('causality of per-position outputs', () => {
  async function changedPositions(causal: boolean): Promise<number[]> {
    const s = { ...spec, causal };
    const b = buildTinyTransformer(s);
    const model = await DirectionModel.load(b, tinyCard(s, b));
    const window = randomWindow();
    const changed = Array.from(window.data);
    changed[(spec.window - 1) * spec.features] = 9; // last row only
    const before = await model.positionLogits(window);
    const after = await model.positionLogits({ ...window, data: changed });
    await model.release();
    const positions: number[] = [];
    for (let t = 0; t < spec.window; t++) {
      if ([0, 1, 2].some((c) => before[t * 3 + c] !== after[t * 3 + c])) positions.push(t);
    }
    return positions;
  }

  it('a causal model changes only the last position when the last row changes', async () => {
    expect(await changedPositions(true)).toEqual([spec.window - 1]);
  });

  it('the same check flags a model without the causal mask', async () => {
    expect(await changedPositions(false)).toEqual([0, 1, 2, 3, 4]);
  });
});
