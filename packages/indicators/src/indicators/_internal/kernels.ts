/**
 * @internal Batch loops shared by several indicators. Each writes only the indices it defines.
 * Arithmetic mirrors the streaming cores operation by operation (bit-for-bit equality).
 */

import { HL_NAMES, nonFinite, VALUES_NAMES } from './validate.js';

/**
 * @internal TA-Lib EMA of `src[start..n)` into `out`; first value at `start + period - 1`. The update is
 * `x * k + prev * (1 - k)` (shorter dependency chain than TA-Lib's `(x - prev) * k + prev`). With `fn`
 * set, every value of `src[start..n)` is checked for finiteness (`nonFinite` naming `values`).
 */
export function emaInto(
  src: ArrayLike<number>,
  start: number,
  n: number,
  period: number,
  k: number,
  out: Float64Array,
  fn = '',
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const first = start + period - 1;
  if (first >= n) return;
  const check = fn !== '';
  let sum = 0;
  for (let i = start; i <= first; i++) {
    const x = src[i] as number;
    finite += x - x;
    sum += x;
  }
  let prev = sum / period;
  out[first] = prev;
  const k1 = 1 - k;
  for (let i = first + 1; i < n; i++) {
    const x = src[i] as number;
    finite += x - x;
    prev = x * k + prev * k1;
    out[i] = prev;
  }
  if (check && finite !== 0) nonFinite(fn, VALUES_NAMES, [src]);
}

/**
 * @internal TA-Lib SMA of `src[start..n)` into `out`; first value at `start + period - 1`. With `fn` set,
 * every value read is checked for finiteness (`nonFinite` naming `values`).
 */
export function smaInto(
  src: ArrayLike<number>,
  start: number,
  n: number,
  period: number,
  out: Float64Array,
  fn = '',
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const first = start + period - 1;
  if (first >= n) return;
  const check = fn !== '';
  let sum = 0;
  for (let i = start; i < first; i++) {
    const x = src[i] as number;
    finite += x - x;
    sum += x;
  }
  for (let i = first; i < n; i++) {
    const x = src[i] as number;
    finite += x - x;
    sum += x;
    out[i] = sum / period;
    sum -= src[i - period + 1] as number;
  }
  if (check && finite !== 0) nonFinite(fn, VALUES_NAMES, [src]);
}

/**
 * @internal TA-Lib WMA of `src[start..n)` into `out`; first value at `start + period - 1`. With `fn` set,
 * every value read is checked for finiteness (`nonFinite` naming `values`).
 */
export function wmaInto(
  src: ArrayLike<number>,
  start: number,
  n: number,
  period: number,
  out: Float64Array,
  fn = '',
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const first = start + period - 1;
  if (first >= n) return;
  const check = fn !== '';
  const divider = (period * (period + 1)) / 2;
  let periodSum = 0;
  let periodSub = 0;
  for (let i = start; i < first; i++) {
    const t = src[i] as number;
    finite += t - t;
    periodSub += t;
    periodSum += t * (i - start + 1);
  }
  let trailingValue = 0;
  let trailingIdx = start;
  for (let i = first; i < n; i++) {
    const t = src[i] as number;
    finite += t - t;
    periodSub += t;
    periodSub -= trailingValue;
    periodSum += t * period;
    trailingValue = src[trailingIdx++] as number;
    out[i] = periodSum / divider;
    periodSum -= periodSub;
  }
  if (check && finite !== 0) nonFinite(fn, VALUES_NAMES, [src]);
}

/**
 * @internal Rolling maximum of `hiSrc` into `hh` and rolling minimum of `loSrc` into `ll` over `window`
 * inputs, from index `start`, in one pass; first values at `start + window - 1`. TA-Lib's scheme: keep the
 * index of each extreme and rescan the window only when that index leaves it (amortized O(1) on market
 * data, O(window) per bar on a strictly monotonic stretch). With `fn` set, every value read is checked for
 * finiteness (`nonFinite` with the `high` / `low` column names).
 */
export function rollingMaxMinInto(
  hiSrc: ArrayLike<number>,
  loSrc: ArrayLike<number>,
  start: number,
  n: number,
  window: number,
  hh: Float64Array,
  ll: Float64Array,
  fn = '',
): void {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const check = fn !== '';
  let hi = -1;
  let hv = 0;
  let lo = -1;
  let lv = 0;
  const first = start + window - 1;
  for (let i = start; i < n; i++) {
    const trail = i - window + 1;
    const x = hiSrc[i] as number;
    if (hi < trail || hi < start) {
      hi = Math.max(trail, start);
      hv = hiSrc[hi] as number;
      for (let j = hi + 1; j <= i; j++) {
        const v = hiSrc[j] as number;
        if (v >= hv) {
          hv = v;
          hi = j;
        }
      }
    } else if (x >= hv) {
      hv = x;
      hi = i;
    }
    const y = loSrc[i] as number;
    finite += x - x + (y - y);
    if (lo < trail || lo < start) {
      lo = Math.max(trail, start);
      lv = loSrc[lo] as number;
      for (let j = lo + 1; j <= i; j++) {
        const v = loSrc[j] as number;
        if (v <= lv) {
          lv = v;
          lo = j;
        }
      }
    } else if (y <= lv) {
      lv = y;
      lo = i;
    }
    if (i >= first) {
      hh[i] = hv;
      ll[i] = lv;
    }
  }
  if (check && finite !== 0) nonFinite(fn, HL_NAMES, [hiSrc, loSrc]);
}

/**
 * @internal Seeding phase of `ema.length` chained TA-Lib EMAs (stage 0 is the EMA of `values`, stage `s` the
 * EMA of stage `s - 1`), over indices `0..ema.length * (period - 1)`: each stage is seeded with the SMA of the
 * first `period` values of its input, then updated as `input * k + prev * (1 - k)`, the same operations as
 * `emaInto`. Leaves each stage's value at the last seeded index in `ema`; returns the finiteness sum of the
 * values read (0 when all are finite).
 */
export function seedEmaChain(
  values: ArrayLike<number>,
  period: number,
  k: number,
  ema: Float64Array,
): number {
  const depth = ema.length;
  const lb = period - 1;
  const k1 = 1 - k;
  const sums = new Float64Array(depth);
  let finite = 0;
  for (let i = 0; i <= depth * lb; i++) {
    const x = values[i] as number;
    finite += x - x;
    let input = x;
    for (let s = 0; s < depth; s++) {
      const end = (s + 1) * lb;
      if (i < end) {
        sums[s] = (sums[s] as number) + input;
        break;
      }
      const e = i === end ? ((sums[s] as number) + input) / period : input * k + (ema[s] as number) * k1;
      ema[s] = e;
      input = e;
    }
  }
  return finite;
}
