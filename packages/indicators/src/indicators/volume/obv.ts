import { StreamingIndicator } from '../_internal/streaming.js';
import { checkFiniteValue, checkShapes, nanArray, nonFinite } from '../_internal/validate.js';
import type { CloseVolume } from '../types.js';

const OBV_COLUMNS = ['close', 'volume'];

/**
 * On-balance volume (Granville): starts at the first bar's volume, then adds the volume when the close
 * rises, subtracts it when the close falls, and is unchanged when the close is unchanged.
 *
 * TA-Lib `OBV` exact (including the start at the first volume). Warm-up: none, first value at index 0.
 *
 * @param close - bar closes
 * @param volume - bar volumes
 * @returns a Float64Array of the input's length
 * @throws IndicatorError `length_mismatch`, `non_finite_input`, `insufficient_data` (empty input)
 *
 * @example
 * ```ts
 * import { obv } from '@rrr/indicators';
 *
 * obv([10, 11, 10, 10], [5, 3, 2, 7]); // Float64Array [5, 8, 6, 6]
 * ```
 */
export function obv(close: ArrayLike<number>, volume: ArrayLike<number>): Float64Array {
  // finiteness folded into the passes: v - v is 0 for finite v, NaN otherwise (NaN sticks in the sum)
  let finite = 0;
  const columns = [close, volume];
  const n = checkShapes('obv', OBV_COLUMNS, columns, 'close', 0);
  const out = nanArray(n, 0);
  let acc = volume[0] as number;
  let prev = close[0] as number;
  // finiteness folded into the pass: x - x is 0 only for finite x
  if (acc - acc + (prev - prev) !== 0) nonFinite('obv', OBV_COLUMNS, columns);
  out[0] = acc;
  // branch-free three-way choice (the direction of the close is a coin flip on market data): the three
  // candidate totals go to pick[0..2] and the direction indexes the one the branches would have produced
  const pick = new Float64Array(3);
  for (let i = 1; i < n; i++) {
    const c = close[i] as number;
    const v = volume[i] as number;
    finite += c - c + (v - v);
    pick[0] = acc - v;
    pick[1] = acc;
    pick[2] = acc + v;
    acc = pick[1 + Number(c > prev) - Number(c < prev)] as number;
    out[i] = acc;
    prev = c;
  }
  if (finite !== 0) nonFinite('obv', OBV_COLUMNS, columns);
  return out;
}

/**
 * Streaming {@link obv}: same numbers bit for bit, O(1) per update.
 *
 * @example
 * ```ts
 * import { OBV } from '@rrr/indicators';
 *
 * const ind = new OBV();
 * ind.update({ close: 10, volume: 5 });
 * console.log(ind.update({ close: 11, volume: 3 })); // 8
 * ```
 */
export class OBV extends StreamingIndicator<CloseVolume, number> {
  /** Inputs before the first value: 0. */
  readonly warmup = 0;
  private acc = 0;
  private prev = 0;
  private nextAcc = 0;
  private lastClose = 0;

  protected compute(bar: CloseVolume): number {
    checkFiniteValue('OBV', 'close', bar.close);
    checkFiniteValue('OBV', 'volume', bar.volume);
    const c = bar.close;
    this.lastClose = c;
    let acc = this.acc;
    if (this.committed === 0) acc = bar.volume;
    else if (c > this.prev) acc += bar.volume;
    else if (c < this.prev) acc -= bar.volume;
    this.nextAcc = acc;
    return acc;
  }

  protected commit(): void {
    this.acc = this.nextAcc;
    this.prev = this.lastClose;
  }
}
