import type { OhlcvColumns } from '../../series/types.js';
import { checkShapes, HLC_NAMES, nanArray, nonFinite, VALUES_NAMES } from '../_internal/validate.js';
import { rsi } from '../momentum/rsi.js';
import { resolveStochRsi, stochRsiWarmup } from '../momentum/stoch-rsi.js';
import { resolveStochastic, stochasticInto } from '../momentum/stochastic.js';
import { ema } from '../moving-averages/ema.js';
import { atr } from '../volatility/atr.js';
import { bollingerInto, resolveBollinger } from '../volatility/bollinger.js';
import { keltnerFromColumns, resolveKeltner } from '../volatility/keltner.js';
import { natrFromAtr } from '../volatility/natr.js';
import type { IndicatorSetName, IndicatorSetOutputs, IndicatorSetSpec } from './spec.js';

/** @internal Outputs of a set computed so far. */
export type SetOutputs = { -readonly [K in IndicatorSetName]?: IndicatorSetOutputs[K] };

/**
 * @internal Bollinger Bands with the SMA and / or standard deviation of the same period in the same pass
 * (the running sums and the variance are the ones `sma` and `stdDev` compute).
 */
function closeMoments(c: OhlcvColumns, spec: IndicatorSetSpec, out: SetOutputs): void {
  if (spec.bollinger === undefined) return;
  const { period, mult } = resolveBollinger('bollinger', spec.bollinger);
  const withSma = spec.sma === period;
  const withSd = spec.stdDev === period;
  if (!withSma && !withSd) return;
  const first = period - 1;
  const n = checkShapes('bollinger', VALUES_NAMES, [c.close], 'values', first);
  const bands = {
    upper: nanArray(n, first),
    middle: nanArray(n, first),
    lower: nanArray(n, first),
    percentB: nanArray(n, first),
    bandwidth: nanArray(n, first),
  };
  const smaColumn = withSma ? nanArray(n, first) : null;
  const sdColumn = withSd ? nanArray(n, first) : null;
  if (bollingerInto(c.close, n, period, mult, bands, smaColumn, sdColumn) !== 0) {
    nonFinite('bollinger', VALUES_NAMES, [c.close]);
  }
  out.bollinger = bands;
  if (smaColumn !== null) out.sma = smaColumn;
  if (sdColumn !== null) out.stdDev = sdColumn;
}

/** @internal Stochastic and Williams %R over the same window, from one pass of rolling extremes. */
function rangeOscillators(c: OhlcvColumns, spec: IndicatorSetSpec, out: SetOutputs): void {
  if (spec.stochastic === undefined) return;
  const { kPeriod, kSlowing, dPeriod } = resolveStochastic('stochastic', spec.stochastic);
  if (spec.williamsR !== kPeriod) return;
  const first = kPeriod + kSlowing + dPeriod - 3;
  const columns = [c.high, c.low, c.close];
  const n = checkShapes('stochastic', HLC_NAMES, columns, 'close', first);
  const k = nanArray(n, 0);
  const d = nanArray(n, first);
  const wr = nanArray(n, kPeriod - 1);
  stochasticInto(c.high, c.low, c.close, 0, n, kPeriod, kSlowing, dPeriod, k, d, 'stochastic', wr);
  out.stochastic = { k, d };
  out.williamsR = wr;
}

/** @internal StochRSI from the RSI column of the set (the RSI `stochRsi` computes first). */
function rsiOscillators(c: OhlcvColumns, spec: IndicatorSetSpec, out: SetOutputs): void {
  if (spec.stochRsi === undefined || spec.rsi === undefined) return;
  const o = resolveStochRsi('stochRsi', spec.stochRsi);
  if (o.rsiPeriod !== spec.rsi) return;
  const warmup = stochRsiWarmup(o);
  const n = checkShapes('stochRsi', VALUES_NAMES, [c.close], 'values', warmup);
  const r = rsi(c.close, o.rsiPeriod);
  const k = nanArray(n, 0);
  const d = nanArray(n, warmup);
  stochasticInto(r, r, r, o.rsiPeriod, n, o.stochPeriod, o.kSmoothing, o.dPeriod, k, d);
  out.rsi = r;
  out.stochRsi = { k, d };
}

/** @internal NATR from the ATR column of the set when both have the same period. */
function averageRanges(c: OhlcvColumns, spec: IndicatorSetSpec, out: SetOutputs): void {
  if (spec.atr === undefined || spec.natr !== spec.atr) return;
  const atrColumn = atr(c.high, c.low, c.close, spec.atr);
  out.atr = atrColumn;
  out.natr = natrFromAtr(atrColumn, c.close, spec.atr);
}

/**
 * @internal Keltner Channels from the set's EMA column of its `period` and ATR column of its `atrPeriod`,
 * when the set has both (with only one of them, `keltner`'s own single pass is cheaper than a scratch column).
 */
function keltnerChannels(c: OhlcvColumns, spec: IndicatorSetSpec, out: SetOutputs): void {
  if (spec.keltner === undefined) return;
  const { period, atrPeriod, mult } = resolveKeltner('keltner', spec.keltner);
  if (spec.ema !== period || spec.atr !== atrPeriod) return;
  const first = Math.max(period - 1, atrPeriod);
  checkShapes('keltner', HLC_NAMES, [c.high, c.low, c.close], 'close', first);
  const emaColumn = ema(c.close, period);
  const atrColumn = out.atr ?? atr(c.high, c.low, c.close, atrPeriod);
  out.ema = emaColumn;
  out.atr = atrColumn;
  out.keltner = keltnerFromColumns(emaColumn, atrColumn, first, mult);
}

/**
 * @internal The entries of `spec` that share work with another entry, computed together into `out`;
 * the others are left for their own batch functions.
 */
export function computeShared(c: OhlcvColumns, spec: IndicatorSetSpec, out: SetOutputs): void {
  closeMoments(c, spec, out);
  rangeOscillators(c, spec, out);
  rsiOscillators(c, spec, out);
  averageRanges(c, spec, out);
  keltnerChannels(c, spec, out);
}
