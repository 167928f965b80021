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
 * @internal Rolling maximum of `hiSrc` and rolling minimum of `loSrc` over `window` inputs, for the windows
 * that end at `from + window - 1 .. to - 1` (no window reaches before `from`), written to `hh[i - offset]`
 * and `ll[i - offset]` for the window ending at `i`. Van Herk / Gil-Werman: the inputs are cut into blocks
 * of `window` from `from`; a window ending inside a block is a suffix of the previous block plus a prefix of
 * its own, so its extreme is the better of a suffix extreme (one backward pass per block) and the running
 * prefix extreme: three comparisons per input whatever the data, each a branch-free select through `pick`
 * (the outcome of such a comparison is a coin flip on market data, and a mispredicted branch costs more than
 * the whole select). Exact: every output is one of the inputs, and among equal inputs the most recent one
 * (TA-Lib's choice). Returns the finiteness sum of the inputs read (0 when they are all finite: `v - v` is 0
 * for a finite v and NaN otherwise); the outputs are meaningless when it is not 0.
 */
export function rollingMaxMin(
  hiSrc: ArrayLike<number>,
  loSrc: ArrayLike<number>,
  from: number,
  to: number,
  window: number,
  hh: Float64Array,
  ll: Float64Array,
  offset = 0,
): number {
  const w = window;
  if (from + w > to) return 0;
  let finite = 0;
  const sufH = new Float64Array(w);
  const sufL = new Float64Array(w);
  const pick = new Float64Array(8);
  // block 0: its suffix extremes, the whole block being the first window
  let b = from;
  let mh = Number.NEGATIVE_INFINITY;
  let ml = Number.POSITIVE_INFINITY;
  for (let j = w - 1; j >= 0; j--) {
    const x = hiSrc[b + j] as number;
    const y = loSrc[b + j] as number;
    finite += x - x + (y - y);
    // backwards: on a tie the later input, already held, stays
    pick[0] = mh;
    pick[1] = x;
    mh = pick[Number(x > mh)] as number;
    sufH[j] = mh;
    pick[2] = ml;
    pick[3] = y;
    ml = pick[2 + Number(y < ml)] as number;
    sufL[j] = ml;
  }
  hh[b + w - 1 - offset] = mh;
  ll[b + w - 1 - offset] = ml;
  for (b += w; b < to; b += w) {
    const end = Math.min(b + w, to);
    let ph = Number.NEGATIVE_INFINITY;
    let pl = Number.POSITIVE_INFINITY;
    for (let i = b; i < end; i++) {
      const x = hiSrc[i] as number;
      const y = loSrc[i] as number;
      finite += x - x + (y - y);
      // forwards: on a tie the newer input wins
      pick[0] = ph;
      pick[1] = x;
      ph = pick[Number(x >= ph)] as number;
      pick[2] = pl;
      pick[3] = y;
      pl = pick[2 + Number(y <= pl)] as number;
      const k = i - b + 1;
      if (k === w) {
        hh[i - offset] = ph;
        ll[i - offset] = pl;
      } else {
        // the window ending at i starts at suffix index k of the previous block; the prefix is newer
        pick[4] = sufH[k] as number;
        pick[5] = ph;
        hh[i - offset] = pick[4 + Number(ph >= (sufH[k] as number))] as number;
        pick[6] = sufL[k] as number;
        pick[7] = pl;
        ll[i - offset] = pick[6 + Number(pl <= (sufL[k] as number))] as number;
      }
    }
    if (end - b < w) break;
    mh = Number.NEGATIVE_INFINITY;
    ml = Number.POSITIVE_INFINITY;
    for (let j = w - 1; j >= 0; j--) {
      const x = hiSrc[b + j] as number;
      const y = loSrc[b + j] as number;
      pick[0] = mh;
      pick[1] = x;
      mh = pick[Number(x > mh)] as number;
      sufH[j] = mh;
      pick[2] = ml;
      pick[3] = y;
      ml = pick[2 + Number(y < ml)] as number;
      sufL[j] = ml;
    }
  }
  return finite;
}

/**
 * @internal {@link rollingMaxMin} over `[start, n)` into `hh` / `ll` at the same indices (first values at
 * `start + window - 1`). With `fn` set, a non-finite input throws `nonFinite` with the `high` / `low` names.
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
  const finite = rollingMaxMin(hiSrc, loSrc, start, n, window, hh, ll);
  if (fn !== '' && finite !== 0) nonFinite(fn, HL_NAMES, [hiSrc, loSrc]);
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
