import { requireSample } from '../core/stats.js';
import { InvalidParameterError } from '../errors.js';

/**
 * Pearson correlation matrix of several return series of equal length (two-pass, centred).
 * `matrix[i][j]` is the correlation of `series[i]` and `series[j]`; a constant series gives NaN off the diagonal.
 *
 * @param series - return series, each finite, all the same length (>= 2)
 * @example
 * ```ts
 * import { correlationMatrix } from '@rrr/risk';
 *
 * const m = correlationMatrix([[0.01, 0.02, -0.01], [0.02, 0.04, -0.02]]);
 * m[0]?.[1]; // 1
 * ```
 */
export function correlationMatrix(series: readonly ArrayLike<number>[]): number[][] {
  if (!Array.isArray(series) || series.length === 0) {
    throw new InvalidParameterError('series', 'series must be a non-empty array of return series');
  }
  const n = (series[0] as ArrayLike<number>).length;
  series.forEach((s, i) => {
    requireSample(s, `series[${i}]`, 2);
    if (s.length !== n) {
      throw new InvalidParameterError(`series[${i}]`, `series[${i}] has length ${s.length}, expected ${n}`);
    }
  });
  const centred = series.map((s) => {
    let sum = 0;
    for (let t = 0; t < n; t++) sum += s[t] as number;
    const m = sum / n;
    const c = new Float64Array(n);
    for (let t = 0; t < n; t++) c[t] = (s[t] as number) - m;
    return c;
  });
  const norms = centred.map((c) => {
    let ss = 0;
    for (let t = 0; t < n; t++) ss += (c[t] as number) ** 2;
    return Math.sqrt(ss);
  });
  const k = series.length;
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    (out[i] as number[])[i] = (norms[i] as number) > 0 ? 1 : Number.NaN;
    for (let j = i + 1; j < k; j++) {
      const a = centred[i] as Float64Array;
      const b = centred[j] as Float64Array;
      let dot = 0;
      for (let t = 0; t < n; t++) dot += (a[t] as number) * (b[t] as number);
      const r = dot / ((norms[i] as number) * (norms[j] as number));
      const clamped = Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : Number.NaN;
      (out[i] as number[])[j] = clamped;
      (out[j] as number[])[i] = clamped;
    }
  }
  return out;
}
