// @rrr/indicators entries of the benchmark, with the same parameters as bench/peers.mjs.
// batch(d): the batch function over the Float64Array columns of d.series.
// stream(d): a fresh streaming instance fed every bar (a number for single-input indicators, the bar object
// otherwise: the same candle objects trading-signals receives).
import * as ind from '../dist/index.js';

/**
 * A feeding loop compiled separately for each benchmark entry (`new Function`), so the call site
 * `indicator.update(...)` of the harness stays monomorphic and does not penalize the indicators measured
 * after the first few.
 */
function makeFeed() {
  return new Function(
    'indicator',
    'inputs',
    'const n = inputs.length; let last = null; for (let i = 0; i < n; i++) last = indicator.update(inputs[i]); return last;',
  );
}

const closeOnly = (make) => {
  const feed = makeFeed();
  return (d) => feed(make(), d.series.close);
};
const bars = (make) => {
  const feed = makeFeed();
  return (d) => feed(make(), d.candles);
};

export const OURS = {
  sma: { batch: (d) => ind.sma(d.series.close, 20), stream: closeOnly(() => new ind.SMA(20)) },
  ema: { batch: (d) => ind.ema(d.series.close, 20), stream: closeOnly(() => new ind.EMA(20)) },
  wma: { batch: (d) => ind.wma(d.series.close, 20), stream: closeOnly(() => new ind.WMA(20)) },
  dema: { batch: (d) => ind.dema(d.series.close, 20), stream: closeOnly(() => new ind.DEMA(20)) },
  tema: { batch: (d) => ind.tema(d.series.close, 20), stream: closeOnly(() => new ind.TEMA(20)) },
  trix: { batch: (d) => ind.trix(d.series.close, 30), stream: closeOnly(() => new ind.TRIX(30)) },
  kama: { batch: (d) => ind.kama(d.series.close, 30), stream: closeOnly(() => new ind.KAMA(30)) },
  hma: { batch: (d) => ind.hma(d.series.close, 20), stream: closeOnly(() => new ind.HMA(20)) },
  rsi: { batch: (d) => ind.rsi(d.series.close, 14), stream: closeOnly(() => new ind.RSI(14)) },
  macd: {
    batch: (d) => ind.macd(d.series.close, { fast: 12, slow: 26, signal: 9 }),
    stream: closeOnly(() => new ind.MACD({ fast: 12, slow: 26, signal: 9 })),
  },
  stochastic: {
    batch: (d) =>
      ind.stochastic(d.series.high, d.series.low, d.series.close, { kPeriod: 14, kSlowing: 3, dPeriod: 3 }),
    stream: bars(() => new ind.Stochastic({ kPeriod: 14, kSlowing: 3, dPeriod: 3 })),
  },
  stochRsi: {
    batch: (d) => ind.stochRsi(d.series.close, { rsiPeriod: 14, stochPeriod: 14, kSmoothing: 1, dPeriod: 3 }),
    stream: closeOnly(() => new ind.StochRSI({ rsiPeriod: 14, stochPeriod: 14, kSmoothing: 1, dPeriod: 3 })),
  },
  roc: { batch: (d) => ind.roc(d.series.close, 10), stream: closeOnly(() => new ind.ROC(10)) },
  williamsR: {
    batch: (d) => ind.williamsR(d.series.high, d.series.low, d.series.close, 14),
    stream: bars(() => new ind.WilliamsR(14)),
  },
  cci: {
    batch: (d) => ind.cci(d.series.high, d.series.low, d.series.close, 20),
    stream: bars(() => new ind.CCI(20)),
  },
  adx: {
    batch: (d) => ind.adx(d.series.high, d.series.low, d.series.close, 14),
    stream: bars(() => new ind.ADX(14)),
  },
  aroon: {
    batch: (d) => ind.aroon(d.series.high, d.series.low, 14),
    stream: bars(() => new ind.Aroon(14)),
  },
  bollinger: {
    batch: (d) => ind.bollinger(d.series.close, { period: 20, stdDev: 2 }),
    stream: closeOnly(() => new ind.Bollinger({ period: 20, stdDev: 2 })),
  },
  atr: {
    batch: (d) => ind.atr(d.series.high, d.series.low, d.series.close, 14),
    stream: bars(() => new ind.ATR(14)),
  },
  natr: {
    batch: (d) => ind.natr(d.series.high, d.series.low, d.series.close, 14),
    stream: bars(() => new ind.NATR(14)),
  },
  keltner: {
    batch: (d) =>
      ind.keltner(d.series.high, d.series.low, d.series.close, { period: 20, multiplier: 2, atrPeriod: 10 }),
    stream: bars(() => new ind.Keltner({ period: 20, multiplier: 2, atrPeriod: 10 })),
  },
  donchian: {
    batch: (d) => ind.donchian(d.series.high, d.series.low, 20),
    stream: bars(() => new ind.Donchian(20)),
  },
  parabolicSar: {
    batch: (d) => ind.parabolicSar(d.series.high, d.series.low, { acceleration: 0.02, maximum: 0.2 }),
    stream: bars(() => new ind.ParabolicSAR({ acceleration: 0.02, maximum: 0.2 })),
  },
  ichimoku: {
    batch: (d) =>
      ind.ichimoku(d.series.high, d.series.low, {
        conversionPeriod: 9,
        basePeriod: 26,
        spanPeriod: 52,
        displacement: 26,
      }),
    stream: bars(
      () => new ind.Ichimoku({ conversionPeriod: 9, basePeriod: 26, spanPeriod: 52, displacement: 26 }),
    ),
  },
  supertrend: {
    batch: (d) =>
      ind.supertrend(d.series.high, d.series.low, d.series.close, { atrPeriod: 10, multiplier: 3 }),
    stream: bars(() => new ind.Supertrend({ atrPeriod: 10, multiplier: 3 })),
  },
  obv: { batch: (d) => ind.obv(d.series.close, d.series.volume), stream: bars(() => new ind.OBV()) },
  vwap: {
    // session-anchored (UTC day): the peers' VWAP is cumulative without sessions, the same work per bar
    batch: (d) => ind.vwap(d.series.timestamp, d.series.high, d.series.low, d.series.close, d.series.volume),
    stream: bars(() => new ind.VWAP()),
  },
  rollingVwap: {
    batch: (d) => ind.rollingVwap(d.series.high, d.series.low, d.series.close, d.series.volume, 20),
    stream: bars(() => new ind.RollingVWAP(20)),
  },
  mfi: {
    batch: (d) => ind.mfi(d.series.high, d.series.low, d.series.close, d.series.volume, 14),
    stream: bars(() => new ind.MFI(14)),
  },
  stdDev: { batch: (d) => ind.stdDev(d.series.close, 20), stream: closeOnly(() => new ind.StdDev(20)) },
  linRegSlope: {
    batch: (d) => ind.linRegSlope(d.series.close, 14),
    stream: closeOnly(() => new ind.LinRegSlope(14)),
  },
};
