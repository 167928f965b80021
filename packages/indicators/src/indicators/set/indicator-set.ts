import { InvalidParameterError, isIndicatorError } from '../../errors.js';
import type { OhlcvColumns } from '../../series/types.js';
import { withColumnArena } from '../_internal/columns.js';
import { checkInputs } from '../_internal/validate.js';
import { COLUMNS, INPUTS, RUNNERS, type SetInput } from './runners.js';
import { computeShared, type SetOutputs } from './shared.js';
import {
  DEFAULT_INDICATOR_SET,
  type IndicatorSetName,
  type IndicatorSetResult,
  type IndicatorSetSpec,
} from './spec.js';

const FN = 'indicatorSet';

/**
 * Names of the indicators {@link indicatorSet} can compute, in the order of its results.
 *
 * @example
 * ```ts
 * import { INDICATOR_SET_NAMES } from '@rrr/indicators';
 *
 * console.log(INDICATOR_SET_NAMES.length, INDICATOR_SET_NAMES[0]); // 31 "sma"
 * ```
 */
export const INDICATOR_SET_NAMES = Object.keys(RUNNERS) as readonly IndicatorSetName[];

/**
 * Several batch indicators over one OHLCV series in one call: for each entry of `spec`, the same
 * `Float64Array` columns (bit for bit) as the batch function of that name called on the series' columns
 * with that parameter, NaN during each warm-up. Faster than calling them one by one when entries share work:
 * Bollinger Bands with `sma` / `stdDev` of the same period (one pass of running sums), `stochastic` with
 * `williamsR` over its `kPeriod` (one pass of rolling extremes), `stochRsi` with `rsi` of its `rsiPeriod`
 * (the RSI column computed once), `natr` with `atr` of the same period, and `keltner` with `ema` of its
 * `period` and `atr` of its `atrPeriod`. The other entries run their own batch function.
 *
 * When the outputs add up to more than 64 MiB (the default set on 165,000 bars or more), the result's
 * arrays are disjoint views of one `ArrayBuffer` allocated up front: one allocation for the set instead of
 * one per column, as a row of large allocations makes V8 run several full garbage collections on the way.
 * Writing to one array never changes another, but a column kept alive then keeps the whole buffer:
 * `column.slice()` copies one out to keep it alone.
 *
 * @param series - OHLCV columns of equal length (an `OhlcvSeries`, or any `{ timestamp, open, high, low,
 * close, volume }` of number arrays); only the columns the spec's indicators read are used
 * @param spec - one entry per indicator wanted, with its period or options (default
 * {@link DEFAULT_INDICATOR_SET}: every indicator once)
 * @returns an object with one entry per entry of `spec`, shaped as that batch function's result
 * @throws IndicatorError `invalid_option` for an unknown entry, else what the batch functions throw
 * (`invalid_period`, `invalid_option`, `insufficient_data`); `non_finite_input` and `length_mismatch` name
 * the series column (`close`, `high`...)
 *
 * @example
 * ```ts
 * import { indicatorSet, seriesFromBars } from '@rrr/indicators';
 *
 * const series = seriesFromBars(
 *   Array.from({ length: 30 }, (_, i) => ({
 *     timestamp: i * 60_000,
 *     open: 100 + i,
 *     high: 101 + i,
 *     low: 99 + i,
 *     close: 100.5 + i,
 *     volume: 10,
 *   })),
 * );
 * const { bollinger, sma, stochastic, williamsR } = indicatorSet(series, {
 *   bollinger: { period: 20, stdDev: 2 },
 *   sma: 20,
 *   stochastic: { kPeriod: 14 },
 *   williamsR: 14,
 * });
 * console.log(sma[29], bollinger.middle[29], stochastic.k[29], williamsR[29]); // 120 120 96.66666666666667 -3.3333333333333335
 * ```
 */
export function indicatorSet<const S extends IndicatorSetSpec = typeof DEFAULT_INDICATOR_SET>(
  series: OhlcvColumns,
  spec?: S,
): IndicatorSetResult<S> {
  const wanted: IndicatorSetSpec = spec === undefined ? DEFAULT_INDICATOR_SET : spec;
  const names = checkSpec(wanted);
  const out: SetOutputs = {};
  const columns = names.reduce((sum, name) => sum + COLUMNS[name], 0);
  try {
    withColumnArena(seriesLength(series, names), columns, () => {
      computeShared(series, wanted, out);
      for (const name of names) {
        if (out[name] === undefined) compute(name, series, wanted, out);
      }
    });
  } catch (error) {
    if (isIndicatorError(error) && (error.code === 'non_finite_input' || error.code === 'length_mismatch')) {
      checkColumns(series, names);
    }
    throw error;
  }
  // in INDICATOR_SET_NAMES order, whichever entries were computed together
  const result: SetOutputs = {};
  for (const name of names) (result as Record<IndicatorSetName, unknown>)[name] = out[name];
  return result as IndicatorSetResult<S>;
}

function compute<K extends IndicatorSetName>(
  name: K,
  series: OhlcvColumns,
  spec: IndicatorSetSpec,
  out: SetOutputs,
): void {
  const param = spec[name] as Exclude<IndicatorSetSpec[K], undefined>;
  (out as Record<K, unknown>)[name] = RUNNERS[name](series, param);
}

/** The entries of `spec`, in {@link INDICATOR_SET_NAMES} order; throws `invalid_option` for an unknown one. */
function checkSpec(spec: IndicatorSetSpec): IndicatorSetName[] {
  if (spec === null || typeof spec !== 'object') {
    throw new InvalidParameterError(
      'invalid_option',
      'spec',
      `${FN}: spec must be an object (got ${String(spec)})`,
    );
  }
  for (const key of Object.keys(spec)) {
    if (!(key in RUNNERS)) {
      throw new InvalidParameterError(
        'invalid_option',
        key,
        `${FN}: unknown indicator "${key}" (known: ${INDICATOR_SET_NAMES.join(', ')})`,
      );
    }
  }
  return INDICATOR_SET_NAMES.filter((name) => spec[name] !== undefined);
}

/** Length of the first column the set reads (0 when it is not an array: the batch functions then throw). */
function seriesLength(series: OhlcvColumns, names: readonly IndicatorSetName[]): number {
  const first = names[0] === undefined ? undefined : INPUTS[names[0]][0];
  const column = first === undefined ? undefined : (series as Partial<OhlcvColumns> | null)?.[first];
  return typeof column?.length === 'number' ? column.length : 0;
}

/**
 * After a batch function refused its input: the series columns the set reads, checked under their own
 * names (the first non-finite value, then unequal lengths), so the error names `close` rather than `values`.
 */
function checkColumns(series: OhlcvColumns, names: readonly IndicatorSetName[]): void {
  const used = new Set<SetInput>(names.flatMap((name) => INPUTS[name]));
  const order: readonly SetInput[] = ['timestamp', 'high', 'low', 'close', 'volume'];
  const inputs = order.filter((input) => used.has(input));
  checkInputs(
    FN,
    inputs,
    inputs.map((input) => series[input]),
  );
}
