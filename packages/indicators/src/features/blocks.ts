import {
  ADX,
  Aroon,
  adx,
  aroon,
  Bollinger,
  bollinger,
  CCI,
  cci,
  Donchian,
  donchian,
  EMA,
  ema,
  Keltner,
  keltner,
  MACD,
  MFI,
  macd,
  mfi,
  NATR,
  natr,
  OBV,
  obv,
  ROC,
  RSI,
  roc,
  rsi,
  SMA,
  Stochastic,
  sma,
  stochastic,
  VWAP,
  vwap,
  WilliamsR,
  williamsR,
} from '../indicators/index.js';
import type { OhlcvSeries } from '../series/index.js';
import {
  type BlockStep,
  channelPosition,
  type FeatureBlock,
  Lookback,
  orNaN,
  ratioMinusOne,
  WindowStd,
} from './block.js';
import type { FeatureDefinition, FeatureSpec } from './spec.js';

// Column helpers: one tight loop each (no callbacks), doing exactly the arithmetic of the streaming steps.

/** `a[i] / b[i]`. */
function divide(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (a[i] as number) / (b[i] as number);
  return out;
}

/** `a[i] / b[i] - 1` ({@link ratioMinusOne}). */
function ratio(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ratioMinusOne(a[i] as number, b[i] as number);
  return out;
}

/** Position of `x[i]` in the channel `[lower[i], upper[i]]` ({@link channelPosition}). */
function position(x: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = channelPosition(x[i] as number, lower[i] as number, upper[i] as number);
  return out;
}

/** `values[i]` where `reference[i]` is a number, NaN where it is NaN. */
function maskLike(values: ArrayLike<number>, reference: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Number.isNaN(reference[i]) ? Number.NaN : (values[i] as number);
  return out;
}

/** `ln(close[i] / close[i - lag])`, NaN for the first `lag` bars. */
function logReturns(close: ArrayLike<number>, lag: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = i >= lag ? Math.log((close[i] as number) / (close[i - lag] as number)) : Number.NaN;
  return out;
}

/** A single-column block from a batch column function and a per-bar streaming step. */
function single(batch: (s: OhlcvSeries) => Float64Array, stream: () => BlockStep): FeatureBlock {
  return { width: 1, batch: (s) => [batch(s)], stream };
}

/** `volume / mean`, 1 when the mean is 0, NaN during the warm-up. */
function volumeRatio(volume: number, mean: number): number {
  return mean > 0 ? volume / mean : mean === 0 ? 1 : mean;
}

function logReturn(horizon: number): FeatureBlock {
  return single(
    (s) => logReturns(s.close, horizon),
    () => {
      const closes = new Lookback(horizon);
      return (bar, row, o) => {
        row[o] = Math.log(bar.close / closes.ago(horizon));
        closes.push(bar.close);
      };
    },
  );
}

function volatility(period: number): FeatureBlock {
  return single(
    (s) => {
      const std = new WindowStd(period);
      const returns = logReturns(s.close, 1);
      const out = new Float64Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = std.push(returns[i] as number);
      return out;
    },
    () => {
      const std = new WindowStd(period);
      let previous = Number.NaN;
      return (bar, row, o) => {
        row[o] = std.push(Math.log(bar.close / previous));
        previous = bar.close;
      };
    },
  );
}

function obvChange(period: number): FeatureBlock {
  // (OBV[i] - OBV[i - period]) / (period * SMA(volume, period)[i]); 0 when there was no volume.
  const scale = (diff: number, meanVolume: number): number =>
    meanVolume > 0 ? diff / (meanVolume * period) : meanVolume === 0 ? 0 : Number.NaN;
  return single(
    (s) => {
      const o = obv(s.close, s.volume);
      const v = sma(s.volume, period);
      const out = new Float64Array(s.length);
      for (let i = 0; i < s.length; i++) {
        const previous = i >= period ? (o[i - period] as number) : Number.NaN;
        out[i] = scale((o[i] as number) - previous, v[i] as number);
      }
      return out;
    },
    () => {
      const on = new OBV();
      const mean = new SMA(period);
      const history = new Lookback(period);
      return (bar, row, o) => {
        const x = orNaN(on.update(bar));
        row[o] = scale(x - history.ago(period), orNaN(mean.update(bar.volume)));
        history.push(x);
      };
    },
  );
}

function block(d: FeatureDefinition): FeatureBlock {
  switch (d.kind) {
    case 'rsi':
      return single(
        (s) => rsi(s.close, d.period),
        () => {
          const ind = new RSI(d.period);
          return (bar, row, o) => {
            row[o] = orNaN(ind.update(bar.close));
          };
        },
      );
    case 'macd': {
      const options = { fast: d.fast, slow: d.slow, signal: d.signal };
      return {
        width: 3,
        batch: (s) => {
          const m = macd(s.close, options);
          return [divide(m.macd, s.close), divide(m.signal, s.close), divide(m.histogram, s.close)];
        },
        stream: () => {
          const ind = new MACD(options);
          return (bar, row, o) => {
            const v = ind.update(bar.close);
            row[o] = orNaN(v?.macd) / bar.close;
            row[o + 1] = orNaN(v?.signal) / bar.close;
            row[o + 2] = orNaN(v?.histogram) / bar.close;
          };
        },
      };
    }
    case 'stochastic': {
      const options = { kPeriod: d.kPeriod, kSlowing: d.kSlowing, dPeriod: d.dPeriod };
      return {
        width: 2,
        batch: (s) => {
          const r = stochastic(s.high, s.low, s.close, options);
          return [r.k, r.d];
        },
        stream: () => {
          const ind = new Stochastic(options);
          return (bar, row, o) => {
            const v = ind.update(bar);
            row[o] = orNaN(v?.k);
            row[o + 1] = orNaN(v?.d);
          };
        },
      };
    }
    case 'roc':
      return single(
        (s) => roc(s.close, d.period),
        () => {
          const ind = new ROC(d.period);
          return (bar, row, o) => {
            row[o] = orNaN(ind.update(bar.close));
          };
        },
      );
    case 'williamsR':
      return single(
        (s) => williamsR(s.high, s.low, s.close, d.period),
        () => {
          const ind = new WilliamsR(d.period);
          return (bar, row, o) => {
            row[o] = orNaN(ind.update(bar));
          };
        },
      );
    case 'cci':
      return single(
        (s) => cci(s.high, s.low, s.close, d.period),
        () => {
          const ind = new CCI(d.period);
          return (bar, row, o) => {
            row[o] = orNaN(ind.update(bar));
          };
        },
      );
    case 'smaRatio':
      return single(
        (s) => ratio(s.close, sma(s.close, d.period)),
        () => {
          const ind = new SMA(d.period);
          return (bar, row, o) => {
            row[o] = ratioMinusOne(bar.close, orNaN(ind.update(bar.close)));
          };
        },
      );
    case 'emaRatio':
      return single(
        (s) => ratio(s.close, ema(s.close, d.period)),
        () => {
          const ind = new EMA(d.period);
          return (bar, row, o) => {
            row[o] = ratioMinusOne(bar.close, orNaN(ind.update(bar.close)));
          };
        },
      );
    case 'smaCross':
      return single(
        (s) => {
          return ratio(sma(s.close, d.fast), sma(s.close, d.slow));
        },
        () => {
          const fast = new SMA(d.fast);
          const slow = new SMA(d.slow);
          return (bar, row, o) => {
            row[o] = ratioMinusOne(orNaN(fast.update(bar.close)), orNaN(slow.update(bar.close)));
          };
        },
      );
    case 'adx':
      return {
        width: 3,
        batch: (s) => {
          // +DI/-DI exist from index `period` in the batch output, but the streaming ADX reports its three
          // lines together once ADX itself is ready: the group starts there in both modes.
          const r = adx(s.high, s.low, s.close, d.period);
          return [r.adx, maskLike(r.plusDI, r.adx), maskLike(r.minusDI, r.adx)];
        },
        stream: () => {
          const ind = new ADX(d.period);
          return (bar, row, o) => {
            const v = ind.update(bar);
            row[o] = orNaN(v?.adx);
            row[o + 1] = orNaN(v?.plusDI);
            row[o + 2] = orNaN(v?.minusDI);
          };
        },
      };
    case 'aroon':
      return {
        width: 3,
        batch: (s) => {
          const r = aroon(s.high, s.low, d.period);
          return [r.up, r.down, r.oscillator];
        },
        stream: () => {
          const ind = new Aroon(d.period);
          return (bar, row, o) => {
            const v = ind.update(bar);
            row[o] = orNaN(v?.up);
            row[o + 1] = orNaN(v?.down);
            row[o + 2] = orNaN(v?.oscillator);
          };
        },
      };
    case 'bollinger': {
      const options = { period: d.period, stdDev: d.stdDev };
      return {
        width: 2,
        batch: (s) => {
          const r = bollinger(s.close, options);
          return [r.percentB, r.bandwidth];
        },
        stream: () => {
          const ind = new Bollinger(options);
          return (bar, row, o) => {
            const v = ind.update(bar.close);
            row[o] = orNaN(v?.percentB);
            row[o + 1] = orNaN(v?.bandwidth);
          };
        },
      };
    }
    case 'natr':
      return single(
        (s) => natr(s.high, s.low, s.close, d.period),
        () => {
          const ind = new NATR(d.period);
          return (bar, row, o) => {
            row[o] = orNaN(ind.update(bar));
          };
        },
      );
    case 'keltnerPosition': {
      const options = { period: d.period, multiplier: d.multiplier, atrPeriod: d.atrPeriod };
      return single(
        (s) => {
          const r = keltner(s.high, s.low, s.close, options);
          return position(s.close, r.lower, r.upper);
        },
        () => {
          const ind = new Keltner(options);
          return (bar, row, o) => {
            const v = ind.update(bar);
            row[o] = channelPosition(bar.close, orNaN(v?.lower), orNaN(v?.upper));
          };
        },
      );
    }
    case 'donchianPosition':
      return single(
        (s) => {
          const r = donchian(s.high, s.low, d.period);
          return position(s.close, r.lower, r.upper);
        },
        () => {
          const ind = new Donchian(d.period);
          return (bar, row, o) => {
            const v = ind.update(bar);
            row[o] = channelPosition(bar.close, orNaN(v?.lower), orNaN(v?.upper));
          };
        },
      );
    case 'obvChange':
      return obvChange(d.period);
    case 'vwapDistance':
      return single(
        (s) => ratio(s.close, vwap(s.timestamp, s.high, s.low, s.close, s.volume, { anchor: d.anchor })),
        () => {
          const ind = new VWAP({ anchor: d.anchor });
          return (bar, row, o) => {
            row[o] = ratioMinusOne(bar.close, orNaN(ind.update(bar)));
          };
        },
      );
    case 'mfi':
      return single(
        (s) => mfi(s.high, s.low, s.close, s.volume, d.period),
        () => {
          const ind = new MFI(d.period);
          return (bar, row, o) => {
            row[o] = orNaN(ind.update(bar));
          };
        },
      );
    case 'logReturn':
      return logReturn(d.horizon);
    case 'volatility':
      return volatility(d.period);
    case 'volumeRatio':
      return single(
        (s) => {
          const means = sma(s.volume, d.period);
          const out = new Float64Array(s.length);
          for (let i = 0; i < s.length; i++) out[i] = volumeRatio(s.volume[i] as number, means[i] as number);
          return out;
        },
        () => {
          const ind = new SMA(d.period);
          return (bar, row, o) => {
            row[o] = volumeRatio(bar.volume, orNaN(ind.update(bar.volume)));
          };
        },
      );
  }
}

/**
 * The blocks of a (validated) spec, in column order.
 *
 * @internal
 */
export function buildBlocks(spec: FeatureSpec): FeatureBlock[] {
  return spec.map(block);
}
