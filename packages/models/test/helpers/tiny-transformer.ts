import { GraphBuilder } from './onnx-builder.js';
import { mulberry32 } from './prng.js';

/** Shape and seed of a tiny one-layer, one-head transformer classifier. */
export interface TinySpec {
  readonly seed: number;
  readonly features: number;
  readonly window: number;
  readonly dModel: number;
  /** Causal attention mask (default true); false builds a model that looks ahead, for negative tests. */
  readonly causal?: boolean;
}

interface Weights {
  readonly wIn: Float64Array;
  readonly bIn: Float64Array;
  readonly wq: Float64Array;
  readonly wk: Float64Array;
  readonly wv: Float64Array;
  readonly wo: Float64Array;
  readonly wHead: Float64Array;
  readonly bHead: Float64Array;
}

const EPS = 1e-5;

function weights(spec: TinySpec): Weights {
  const rand = mulberry32(spec.seed);
  const f32 = (n: number, scale: number) =>
    Float64Array.from({ length: n }, () => Math.fround((rand() * 2 - 1) * scale));
  const { features: F, dModel: D } = spec;
  return {
    wIn: f32(F * D, 1 / Math.sqrt(F)),
    bIn: f32(D, 0.1),
    wq: f32(D * D, 1 / Math.sqrt(D)),
    wk: f32(D * D, 1 / Math.sqrt(D)),
    wv: f32(D * D, 1 / Math.sqrt(D)),
    wo: f32(D * D, 1 / Math.sqrt(D)),
    wHead: f32(D * 3, 1),
    bHead: f32(3, 0.5),
  };
}

/**
 * Builds the ONNX model: input `features` [batch, window, features] -> output `logits` [batch, window, 3]
 * (pre-LayerNorm single-head attention block, final LayerNorm, linear head at every position).
 */
export function buildTinyTransformer(spec: TinySpec): Uint8Array {
  const w = weights(spec);
  const { features: F, window: T, dModel: D } = spec;
  const g = new GraphBuilder();
  const ones = new Float64Array(D).fill(1);
  const zeros = new Float64Array(D);
  const layerNorm = (x: string) =>
    g.node('LayerNormalization', [x, g.constant([D], ones), g.constant([D], zeros)], {
      axis: { int: -1 },
      epsilon: { float: EPS },
    });
  const h = g.node('Add', [
    g.node('MatMul', ['features', g.constant([F, D], w.wIn)]),
    g.constant([D], w.bIn),
  ]);
  const n1 = layerNorm(h);
  const q = g.node('MatMul', [n1, g.constant([D, D], w.wq)]);
  const k = g.node('MatMul', [n1, g.constant([D, D], w.wk)]);
  const v = g.node('MatMul', [n1, g.constant([D, D], w.wv)]);
  let scores = g.node('Mul', [
    g.node('MatMul', [q, g.node('Transpose', [k], { perm: { ints: [0, 2, 1] } })]),
    g.constant([], [1 / Math.sqrt(D)]),
  ]);
  if (spec.causal !== false) {
    const mask = new Float64Array(T * T);
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) mask[i * T + j] = -1e9;
    scores = g.node('Add', [scores, g.constant([T, T], mask)]);
  }
  const attn = g.node('Softmax', [scores], { axis: { int: -1 } });
  const o = g.node('MatMul', [g.node('MatMul', [attn, v]), g.constant([D, D], w.wo)]);
  const n2 = layerNorm(g.node('Add', [h, o]));
  g.node(
    'Add',
    [g.node('MatMul', [n2, g.constant([D, 3], w.wHead)]), g.constant([3], w.bHead)],
    {},
    'logits',
  );
  return g.build({ name: 'features', dims: ['batch', T, F] }, { name: 'logits', dims: ['batch', T, 3] });
}

const matmul = (a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number) => {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < inner; k++) {
      const x = a[i * inner + k] ?? 0;
      for (let j = 0; j < cols; j++)
        out[i * cols + j] = (out[i * cols + j] ?? 0) + x * (b[k * cols + j] ?? 0);
    }
  return out;
};

const layerNormRows = (x: Float64Array, rows: number, d: number) => {
  const out = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[i * d + j] ?? 0;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += ((x[i * d + j] ?? 0) - mean) ** 2;
    variance /= d;
    for (let j = 0; j < d; j++) out[i * d + j] = ((x[i * d + j] ?? 0) - mean) / Math.sqrt(variance + EPS);
  }
  return out;
};

/** Float64 reference forward pass of one window (already normalized): logits [window, 3], row-major. */
export function referenceLogits(spec: TinySpec, input: Float64Array): Float64Array {
  const w = weights(spec);
  const { features: F, window: T, dModel: D } = spec;
  const h = matmul(input, T, F, w.wIn, D).map((x, i) => x + (w.bIn[i % D] ?? 0));
  const n1 = layerNormRows(h, T, D);
  const q = matmul(n1, T, D, w.wq, D);
  const k = matmul(n1, T, D, w.wk, D);
  const v = matmul(n1, T, D, w.wv, D);
  const mixed = new Float64Array(T * D);
  for (let i = 0; i < T; i++) {
    const limit = spec.causal === false ? T : i + 1;
    const s = new Float64Array(limit);
    for (let j = 0; j < limit; j++) {
      let dot = 0;
      for (let c = 0; c < D; c++) dot += (q[i * D + c] ?? 0) * (k[j * D + c] ?? 0);
      s[j] = dot / Math.sqrt(D);
    }
    const max = Math.max(...s);
    const e = s.map((x) => Math.exp(x - max));
    const sum = e.reduce((a, b) => a + b, 0);
    for (let j = 0; j < limit; j++)
      for (let c = 0; c < D; c++)
        mixed[i * D + c] = (mixed[i * D + c] ?? 0) + ((e[j] ?? 0) / sum) * (v[j * D + c] ?? 0);
  }
  const o = matmul(mixed, T, D, w.wo, D);
  const n2 = layerNormRows(
    h.map((x, i) => x + (o[i] ?? 0)),
    T,
    D,
  );
  return matmul(n2, T, D, w.wHead, 3).map((x, i) => x + (w.bHead[i % 3] ?? 0));
}
