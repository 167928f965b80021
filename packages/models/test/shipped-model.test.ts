import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { computeFeatures, DEFAULT_FEATURE_SPEC, readOhlcvCsvFile } from '@rrr/indicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelCard } from '../src/card/schema.js';
import { bundledModelPaths, loadBundledModel } from '../src/model/bundled.js';
import type { DirectionModel } from '../src/model/direction-model.js';

/** sha256 of the committed model file; changes only when the model is retrained on purpose. */
const COMMITTED_SHA256 = '0e48eee59cfaae68a24d5602b4441dfe56432e7948ff391c52977cba9185dd19';

interface Parity {
  readonly endTimestamps: number[];
  readonly windows: number[][][];
  readonly logits: number[][][];
}
const parity = JSON.parse(readFileSync(new URL('./fixtures/parity.json', import.meta.url), 'utf8')) as Parity;

let model: DirectionModel;
beforeAll(async () => {
  model = await loadBundledModel({ session: { intraOpThreads: 1 } });
});
afterAll(async () => {
  await model.release();
});

const windowOf = (rows: number[][]) => ({ columns: model.card.features.names, data: rows.flat() });

describe('the shipped model', () => {
  it('is the committed file, under 2 MB, with a valid card for opset 17', () => {
    const paths = bundledModelPaths();
    const bytes = readFileSync(paths.model);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(COMMITTED_SHA256);
    expect(statSync(paths.model).size).toBeLessThan(2 * 1024 * 1024);
    const card = parseModelCard(JSON.parse(readFileSync(paths.card, 'utf8')));
    expect(card.model.sha256).toBe(COMMITTED_SHA256);
    expect(card.model.opset).toBe(17);
    expect(card.features.spec).toEqual(DEFAULT_FEATURE_SPEC);
  });

  it('matches the PyTorch logits of the parity fixture within 1e-5 at every position', async () => {
    let worst = 0;
    for (const [i, rows] of parity.windows.entries()) {
      const logits = await model.positionLogits(windowOf(rows));
      const expected = (parity.logits[i] ?? []).flat();
      expect(logits.length).toBe(expected.length);
      for (let k = 0; k < expected.length; k++)
        worst = Math.max(worst, Math.abs((logits[k] ?? 0) - (expected[k] ?? 0)));
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
  });

  it('is causal: changing a later bar never changes earlier positions', async () => {
    const rows = parity.windows[0] ?? [];
    const base = await model.positionLogits(windowOf(rows));
    for (const changedRow of [rows.length - 1, Math.floor(rows.length / 2), 1]) {
      const changed = rows.map((r, i) => (i === changedRow ? r.map((v) => v * 1.5 + 0.1) : r));
      const out = await model.positionLogits(windowOf(changed));
      expect(Array.from(out.subarray(0, changedRow * 3))).toEqual(
        Array.from(base.subarray(0, changedRow * 3)),
      );
      expect(Array.from(out.subarray(changedRow * 3, changedRow * 3 + 3))).not.toEqual(
        Array.from(base.subarray(changedRow * 3, changedRow * 3 + 3)),
      );
    }
  });

  it('holds below the confidence threshold and predicts above it', async () => {
    const window = windowOf(parity.windows[1] ?? []);
    const p = await model.predict(window);
    expect(p.direction).not.toBe('hold');
    expect(p.confidence).toBe(Math.max(p.probabilities.down, p.probabilities.flat, p.probabilities.up));
    expect((await model.predict(window, { minConfidence: p.confidence })).direction).toBe(p.direction);
    expect((await model.predict(window, { minConfidence: p.confidence + 1e-6 })).direction).toBe('hold');
  });

  it('fixture windows are (to float64 rounding) what @rrr/indicators computes from the committed data', () => {
    const series = readOhlcvCsvFile(
      new URL('../training/data/binance_BTCUSDT_1h.csv.gz', import.meta.url).pathname,
    );
    const matrix = computeFeatures(series, DEFAULT_FEATURE_SPEC);
    const end = series.timestamp.indexOf(parity.endTimestamps[0] ?? -1);
    expect(end).toBeGreaterThan(0);
    const expected = (parity.windows[0] ?? []).flat();
    const actual = Array.from(model.windowAt(matrix, end).data);
    expect(actual.length).toBe(expected.length);
    // equal up to float64 rounding (the exporter and this test may run different builds of the same code)
    const worst = Math.max(...actual.map((v, i) => Math.abs(v - (expected[i] ?? 0)) / (1 + Math.abs(v))));
    expect(worst).toBeLessThan(1e-12);
  });
});
