/**
 * Z-score of every value against the mean and population standard deviation of the WHOLE column.
 *
 * This LOOKS AHEAD: the output at bar `i` depends on values after `i`. Use it only for data analysis or for
 * scaling a fixed, already-closed data set; never as a model feature for live or backtested decisions (use
 * {@link rollingZScore} for that). Non-finite inputs are skipped in the statistics and stay NaN in the
 * output; a flat column maps to 0; a column without finite values maps to all NaN.
 *
 * @param values - input column
 * @returns a new column of the same length
 * @example
 * ```ts
 * import { zScoreWholeSeriesLookahead } from '@rrr/indicators';
 *
 * zScoreWholeSeriesLookahead([1, 2, 3]); // Float64Array [-1.2247..., 0, 1.2247...]
 * ```
 */
export function zScoreWholeSeriesLookahead(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? Number.NaN;
    if (Number.isFinite(x)) {
      sum += x;
      count += 1;
    }
  }
  const out = new Float64Array(n).fill(Number.NaN);
  if (count === 0) return out;
  const mean = sum / count;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? Number.NaN;
    if (Number.isFinite(x)) m2 += (x - mean) * (x - mean);
  }
  const std = Math.sqrt(m2 / count);
  const flat = !(std > 1e-12 * Math.abs(mean)) || std === 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? Number.NaN;
    if (Number.isFinite(x)) out[i] = flat ? 0 : (x - mean) / std;
  }
  return out;
}
