import { describe, expect, it } from 'vitest';
import * as ind from '../../src/indicators/index.js';
import type { OhlcvSeries } from '../../src/series/index.js';
import {
  firstValid,
  loadSlice,
  loadTalib,
  relativeError,
  SLICES,
  type TalibCase,
} from '../helpers/fixtures.js';

type Outputs = Record<string, Float64Array>;

/** Runs our indicator for a TA-Lib case; keys are TA-Lib's output names. */
function run(c: TalibCase, s: OhlcvSeries): Outputs {
  const p = c.params;
  const per = p['optInTimePeriod'] as number;
  const { high: h, low: l, close: x, volume: v } = s;
  switch (c.fn) {
    case 'SMA':
      return { outReal: ind.sma(x, per) };
    case 'EMA':
      return { outReal: ind.ema(x, per) };
    case 'WMA':
      return { outReal: ind.wma(x, per) };
    case 'DEMA':
      return { outReal: ind.dema(x, per) };
    case 'TEMA':
      return { outReal: ind.tema(x, per) };
    case 'TRIX':
      return { outReal: ind.trix(x, per) };
    case 'KAMA':
      return { outReal: ind.kama(x, per) };
    case 'RSI':
      return { outReal: ind.rsi(x, per) };
    case 'ROC':
      return { outReal: ind.roc(x, per) };
    case 'STDDEV':
      return { outReal: ind.stdDev(x, per) };
    case 'LINEARREG_SLOPE':
      return { outReal: ind.linRegSlope(x, per) };
    case 'MACD': {
      const r = ind.macd(x, {
        fast: p['optInFastPeriod'] as number,
        slow: p['optInSlowPeriod'] as number,
        signal: p['optInSignalPeriod'] as number,
      });
      return { outMACD: r.macd, outMACDSignal: r.signal, outMACDHist: r.histogram };
    }
    case 'STOCH': {
      const r = ind.stochastic(h, l, x, {
        kPeriod: p['optInFastK_Period'] as number,
        kSlowing: p['optInSlowK_Period'] as number,
        dPeriod: p['optInSlowD_Period'] as number,
      });
      return { outSlowK: r.k, outSlowD: r.d };
    }
    case 'STOCHF': {
      const r = ind.stochastic(h, l, x, {
        kPeriod: p['optInFastK_Period'] as number,
        kSlowing: 1,
        dPeriod: p['optInFastD_Period'] as number,
      });
      return { outFastK: r.k, outFastD: r.d };
    }
    case 'STOCHRSI': {
      const r = ind.stochRsi(x, {
        rsiPeriod: per,
        stochPeriod: p['optInFastK_Period'] as number,
        kSmoothing: 1,
        dPeriod: p['optInFastD_Period'] as number,
      });
      return { outFastK: r.k, outFastD: r.d };
    }
    case 'WILLR':
      return { outReal: ind.williamsR(h, l, x, per) };
    case 'CCI':
      return { outReal: ind.cci(h, l, x, per) };
    case 'ATR':
      return { outReal: ind.atr(h, l, x, per) };
    case 'NATR':
      return { outReal: ind.natr(h, l, x, per) };
    case 'ADX':
      return { outReal: ind.adx(h, l, x, per).adx };
    case 'PLUS_DI':
      return { outReal: ind.adx(h, l, x, per).plusDI };
    case 'MINUS_DI':
      return { outReal: ind.adx(h, l, x, per).minusDI };
    case 'AROON': {
      const r = ind.aroon(h, l, per);
      return { outAroonUp: r.up, outAroonDown: r.down };
    }
    case 'AROONOSC':
      return { outReal: ind.aroon(h, l, per).oscillator };
    case 'BBANDS': {
      const r = ind.bollinger(x, { period: per, stdDev: p['optInNbDevUp'] as number });
      return { outRealUpperBand: r.upper, outRealMiddleBand: r.middle, outRealLowerBand: r.lower };
    }
    case 'OBV':
      return { outReal: ind.obv(x, v) };
    case 'MFI':
      return { outReal: ind.mfi(h, l, x, v, per) };
    case 'SAR':
      return {
        outReal: ind.parabolicSar(h, l, {
          acceleration: p['optInAcceleration'] as number,
          maximum: p['optInMaximum'] as number,
        }),
      };
    default:
      throw new Error(`no mapping for TA-Lib ${c.fn}`);
  }
}

/** TA-Lib functions the fixtures must cover: one per indicator TA-Lib has. */
const REQUIRED = [
  'SMA',
  'EMA',
  'WMA',
  'DEMA',
  'TEMA',
  'TRIX',
  'KAMA',
  'RSI',
  'MACD',
  'STOCH',
  'STOCHF',
  'STOCHRSI',
  'ROC',
  'WILLR',
  'CCI',
  'ADX',
  'PLUS_DI',
  'MINUS_DI',
  'AROON',
  'AROONOSC',
  'BBANDS',
  'ATR',
  'NATR',
  'OBV',
  'MFI',
  'SAR',
  'STDDEV',
  'LINEARREG_SLOPE',
];

describe.each(SLICES)('TA-Lib reference on real data: %s', (slice) => {
  const series = loadSlice(slice);
  const fixture = loadTalib(slice);

  it('covers every indicator TA-Lib has, on the whole slice', () => {
    expect(fixture.bars).toBe(series.length);
    expect(new Set(fixture.cases.map((c) => c.fn))).toEqual(new Set(REQUIRED));
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))(
    '%s: same first valid index and values within 1e-9',
    (_id, c) => {
      const ours = run(c, series);
      for (const [name, ref] of Object.entries(c.outputs)) {
        const column = ours[name];
        expect(column, `output ${name}`).toBeDefined();
        if (column === undefined) continue;
        expect(column.length).toBe(series.length);
        expect(firstValid(column), `${name} first valid index`).toBe(c.begIndex);
        expect(ref.length, `${name} value count`).toBe(series.length - c.begIndex);
        expect(relativeError(column, ref, c.begIndex), `${name} relative error`).toBeLessThanOrEqual(1e-9);
      }
    },
  );
});

describe('the TA-Lib comparison is sharp enough to catch convention changes', () => {
  const series = loadSlice('binance_BTCUSDT_1h_1500');
  const fixture = loadTalib('binance_BTCUSDT_1h_1500');
  const ref = (id: string): TalibCase => {
    const c = fixture.cases.find((k) => k.id === id);
    if (c === undefined) throw new Error(`missing case ${id}`);
    return c;
  };

  it('an EMA seeded with the first value instead of the SMA misses by far more than 1e-9', () => {
    const c = ref('EMA_20');
    const k = 2 / 21;
    const firstSeeded = new Float64Array(series.length);
    let prev = series.close[0] as number;
    for (let i = 0; i < series.length; i++) {
      prev = ((series.close[i] as number) - prev) * k + prev;
      firstSeeded[i] = prev;
    }
    expect(relativeError(firstSeeded, c.outputs['outReal'] as number[], c.begIndex)).toBeGreaterThan(1e-6);
  });

  it('a neighbouring period or an unsmoothed stochastic fails the tolerance', () => {
    const rsi = ref('RSI_14');
    expect(
      relativeError(ind.rsi(series.close, 15), rsi.outputs['outReal'] as number[], rsi.begIndex),
    ).toBeGreaterThan(1e-4);
    const stoch = ref('STOCH_14_3_3');
    const fast = ind.stochastic(series.high, series.low, series.close, {
      kPeriod: 14,
      kSlowing: 1,
      dPeriod: 3,
    });
    expect(relativeError(fast.k, stoch.outputs['outSlowK'] as number[], stoch.begIndex)).toBeGreaterThan(
      1e-3,
    );
  });
});
