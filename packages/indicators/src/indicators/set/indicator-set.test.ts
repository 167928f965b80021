import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSlice, SLICES } from '../../../test/helpers/fixtures.js';
import { isIndicatorError } from '../../errors.js';
import type { OhlcvColumns } from '../../series/types.js';
import * as ind from '../index.js';

/** Each entry computed by its own public batch function (independent of the set's internals). */
const ALONE: { readonly [K in ind.IndicatorSetName]: (c: OhlcvColumns, p: never) => unknown } = {
  sma: (c, p: number) => ind.sma(c.close, p),
  ema: (c, p: number) => ind.ema(c.close, p),
  wma: (c, p: number) => ind.wma(c.close, p),
  dema: (c, p: number) => ind.dema(c.close, p),
  tema: (c, p: number) => ind.tema(c.close, p),
  trix: (c, p: number) => ind.trix(c.close, p),
  kama: (c, p: number) => ind.kama(c.close, p),
  hma: (c, p: number) => ind.hma(c.close, p),
  rsi: (c, p: number) => ind.rsi(c.close, p),
  macd: (c, o: ind.MacdOptions) => ind.macd(c.close, o),
  stochastic: (c, o: ind.StochasticOptions) => ind.stochastic(c.high, c.low, c.close, o),
  stochRsi: (c, o: ind.StochRsiOptions) => ind.stochRsi(c.close, o),
  roc: (c, p: number) => ind.roc(c.close, p),
  williamsR: (c, p: number) => ind.williamsR(c.high, c.low, c.close, p),
  cci: (c, p: number) => ind.cci(c.high, c.low, c.close, p),
  adx: (c, p: number) => ind.adx(c.high, c.low, c.close, p),
  aroon: (c, p: number) => ind.aroon(c.high, c.low, p),
  bollinger: (c, o: ind.BollingerOptions) => ind.bollinger(c.close, o),
  atr: (c, p: number) => ind.atr(c.high, c.low, c.close, p),
  natr: (c, p: number) => ind.natr(c.high, c.low, c.close, p),
  keltner: (c, o: ind.KeltnerOptions) => ind.keltner(c.high, c.low, c.close, o),
  donchian: (c, p: number) => ind.donchian(c.high, c.low, p),
  parabolicSar: (c, o: ind.ParabolicSarOptions) => ind.parabolicSar(c.high, c.low, o),
  ichimoku: (c, o: ind.IchimokuOptions) => ind.ichimoku(c.high, c.low, o),
  supertrend: (c, o: ind.SupertrendOptions) => ind.supertrend(c.high, c.low, c.close, o),
  obv: (c) => ind.obv(c.close, c.volume),
  vwap: (c, o: ind.VwapOptions) => ind.vwap(c.timestamp, c.high, c.low, c.close, c.volume, o),
  rollingVwap: (c, p: number) => ind.rollingVwap(c.high, c.low, c.close, c.volume, p),
  mfi: (c, p: number) => ind.mfi(c.high, c.low, c.close, c.volume, p),
  stdDev: (c, p: number) => ind.stdDev(c.close, p),
  linRegSlope: (c, p: number) => ind.linRegSlope(c.close, p),
};

/** The Float64Array columns of one result (a column itself, or an object of columns), by name. */
function columnsOf(result: unknown): Record<string, Float64Array> {
  if (result instanceof Float64Array) return { value: result };
  return result as Record<string, Float64Array>;
}

/** Index of the first value where `a` and `b` differ bit for bit (NaN = NaN, 0 != -0), -1 when none. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Asserts that every entry of `spec` in `set` equals its batch function bit for bit, with the same shape. */
function expectSameAsAlone(series: OhlcvColumns, spec: ind.IndicatorSetSpec): void {
  const set = ind.indicatorSet(series, spec) as Record<string, unknown>;
  expect(Object.keys(set).sort()).toEqual(Object.keys(spec).sort());
  for (const [name, param] of Object.entries(spec)) {
    const alone = columnsOf(ALONE[name as ind.IndicatorSetName](series, param as never));
    const shared = columnsOf(set[name]);
    expect(Object.keys(shared), name).toEqual(Object.keys(alone));
    for (const [column, values] of Object.entries(alone)) {
      const got = shared[column] as Float64Array;
      expect(got, `${name}.${column}`).toBeInstanceOf(Float64Array);
      expect(firstDifference(got, values), `${name}.${column}: first index that differs`).toBe(-1);
    }
  }
}

/** Specs whose entries share work in the set (same periods) or do not (different periods). */
const SHARED_SPEC = {
  sma: 10,
  stdDev: 10,
  bollinger: { period: 10, stdDev: 1.5 },
  stochastic: { kPeriod: 9, kSlowing: 1, dPeriod: 4 },
  williamsR: 9,
  rsi: 7,
  stochRsi: { rsiPeriod: 7, stochPeriod: 5, kSmoothing: 2, dPeriod: 3 },
  atr: 12,
  natr: 12,
  ema: 15,
  keltner: { period: 15, atrPeriod: 12, multiplier: 1.5 },
} as const satisfies ind.IndicatorSetSpec;
const UNSHARED_SPEC = {
  sma: 11,
  stdDev: 9,
  bollinger: { period: 10 },
  stochastic: { kPeriod: 9 },
  williamsR: 10,
  rsi: 8,
  stochRsi: { rsiPeriod: 7 },
  atr: 12,
  natr: 13,
  ema: 15,
  keltner: { period: 15, atrPeriod: 11 },
} as const satisfies ind.IndicatorSetSpec;

describe.each(SLICES)('indicatorSet equals the batch functions bit for bit on real data: %s', (slice) => {
  const series = loadSlice(slice);

  it('computes every indicator of DEFAULT_INDICATOR_SET, with nothing left out', () => {
    expect([...ind.INDICATOR_SET_NAMES].sort()).toEqual(Object.keys(ind.DEFAULT_INDICATOR_SET).sort());
    expectSameAsAlone(series, ind.DEFAULT_INDICATOR_SET);
    const set = ind.indicatorSet(series);
    expect(Object.keys(set)).toEqual([...ind.INDICATOR_SET_NAMES]);
  });

  it('shares work between entries of equal periods and gives the same numbers', () => {
    expectSameAsAlone(series, SHARED_SPEC);
  });

  it('computes entries of different periods each on their own', () => {
    expectSameAsAlone(series, UNSHARED_SPEC);
  });

  it('returns only the entries asked for, each in an array of its own', () => {
    const set = ind.indicatorSet(series, { sma: 20, bollinger: { period: 20 }, ema: 20 });
    expect(Object.keys(set)).toEqual(['sma', 'ema', 'bollinger']);
    expect(set.sma).not.toBe(set.bollinger.middle);
    set.sma[30] = -1;
    expect(set.bollinger.middle[30]).not.toBe(-1);
  });

  it('gives a small set columns of their own', () => {
    const set = ind.indicatorSet(series, { rsi: 14, macd: {}, obv: true });
    for (const column of [set.rsi, set.macd.macd, set.macd.signal, set.obv]) {
      expect(column.buffer.byteLength).toBe(8 * series.length);
    }
  });
});

/** The real 1h slice repeated to `n` bars (1h timestamps), long enough for a set output above 64 MiB. */
function repeated(n: number): { readonly [K in keyof OhlcvColumns]: Float64Array } {
  const source = loadSlice('binance_BTCUSDT_1h_1500');
  const column = (name: keyof OhlcvColumns): Float64Array =>
    Float64Array.from({ length: n }, (_, i) =>
      name === 'timestamp' ? i * 3_600_000 : (source[name][i % source.length] as number),
    );
  return {
    timestamp: column('timestamp'),
    open: column('open'),
    high: column('high'),
    low: column('low'),
    close: column('close'),
    volume: column('volume'),
  };
}

describe('indicatorSet with more than 64 MiB of output', () => {
  const n = 170_000;
  const series = repeated(n);

  it('cuts the columns from one buffer, with the same numbers as the batch functions', () => {
    expectSameAsAlone(series, ind.DEFAULT_INDICATOR_SET);
    const set = ind.indicatorSet(series);
    const columns = Object.values(set).flatMap((result) => Object.values(columnsOf(result)));
    expect(columns).toHaveLength(51);
    const buffer = set.rsi.buffer;
    expect(buffer.byteLength).toBe(8 * n * 51);
    expect(columns.every((column) => column.buffer === buffer && column.length === n)).toBe(true);
    expect(new Set(columns.map((column) => column.byteOffset)).size).toBe(51);
  });

  it('leaves the batch functions called afterwards with their own buffers, after a failure too', () => {
    expect(ind.indicatorSet(series, { rsi: 14, macd: {} }).rsi.buffer.byteLength).toBe(8 * n);
    expect(() =>
      ind.indicatorSet({ ...series, close: series.close.subarray(1) }, ind.DEFAULT_INDICATOR_SET),
    ).toThrow('indicatorSet: close has 169999 values but timestamp has 170000');
    expect(ind.sma(series.close, 20).buffer.byteLength).toBe(8 * n);
  });
});

describe('indicatorSet on random series (fast-check)', () => {
  it('equals the batch functions for random shared and unshared periods', () => {
    const period = fc.integer({ min: 1, max: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.04, max: 0.04, noNaN: true }), { minLength: 80, maxLength: 160 }),
        fc.record({ a: period, b: period, c: period, d: period, e: fc.integer({ min: 1, max: 3 }) }),
        (moves, p) => {
          const n = moves.length;
          const c = { timestamp: [], open: [], high: [], low: [], close: [], volume: [] } as Record<
            string,
            number[]
          >;
          let price = 100;
          moves.forEach((m, i) => {
            const next = price * (1 + m);
            c.timestamp?.push(i * 60_000);
            c.open?.push(price);
            c.close?.push(next);
            // flat bars and repeated extremes on some bars, to exercise ties
            c.high?.push(i % 5 === 0 ? Math.max(price, next) : Math.max(price, next) * 1.01);
            c.low?.push(i % 7 === 0 ? Math.min(price, next) : Math.min(price, next) * 0.99);
            c.volume?.push(i % 3);
            price = next;
          });
          const series = c as unknown as OhlcvColumns;
          expect(n).toBeGreaterThan(60);
          expectSameAsAlone(series, {
            sma: p.a,
            stdDev: p.b,
            bollinger: { period: p.a, stdDev: p.e },
            stochastic: { kPeriod: p.c, kSlowing: p.e, dPeriod: p.e },
            williamsR: p.d,
            rsi: p.a,
            stochRsi: { rsiPeriod: p.b, stochPeriod: p.c, kSmoothing: p.e, dPeriod: 2 },
            atr: p.c,
            natr: p.d,
            ema: p.a,
            keltner: { period: p.a, atrPeriod: p.c, multiplier: p.e },
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Runs `fn`, expects an IndicatorError and returns it. */
function caught(fn: () => unknown): ind.InvalidInputError & ind.InvalidParameterError {
  try {
    fn();
  } catch (error) {
    if (isIndicatorError(error)) return error as ind.InvalidInputError & ind.InvalidParameterError;
    throw error;
  }
  throw new Error('expected an IndicatorError, nothing was thrown');
}

describe('indicatorSet refuses bad input with typed errors', () => {
  const series = loadSlice('binance_BTCUSDT_1h_1500');

  it('rejects an unknown entry, naming it', () => {
    const e = caught(() => ind.indicatorSet(series, { rsi: 14, macdd: {} } as ind.IndicatorSetSpec));
    expect(e.code).toBe('invalid_option');
    expect(e.parameter).toBe('macdd');
    expect(e.message).toMatch(/^indicatorSet: unknown indicator "macdd" \(known: sma, ema, /);
  });

  it('rejects a spec that is not an object', () => {
    expect(caught(() => ind.indicatorSet(series, null as unknown as ind.IndicatorSetSpec)).code).toBe(
      'invalid_option',
    );
  });

  it('names the series column and index of a non-finite value, shared entries included', () => {
    const close = Float64Array.from(series.close);
    close[700] = Number.NaN;
    const bad = { ...series, close };
    for (const spec of [
      ind.DEFAULT_INDICATOR_SET,
      { rsi: 14 },
      SHARED_SPEC,
      { sma: 5, bollinger: { period: 5 } },
    ]) {
      const e = caught(() => ind.indicatorSet(bad, spec));
      expect(e.code).toBe('non_finite_input');
      expect(e.input).toBe('close');
      expect(e.index).toBe(700);
      expect(e.message).toBe('indicatorSet: close[700] is NaN');
    }
    const volume = Float64Array.from(series.volume);
    volume[3] = Number.POSITIVE_INFINITY;
    const e = caught(() => ind.indicatorSet({ ...series, volume }, { obv: true }));
    expect(e.message).toBe('indicatorSet: volume[3] is Infinity');
  });

  it('names the column whose length differs', () => {
    const e = caught(() => ind.indicatorSet({ ...series, low: series.low.subarray(1) }, { stochastic: {} }));
    expect(e.code).toBe('length_mismatch');
    expect(e.input).toBe('low');
  });

  it('passes on the parameter and data-size errors of the batch functions', () => {
    const period = caught(() => ind.indicatorSet(series, { stochastic: { kPeriod: 0 }, williamsR: 14 }));
    expect(period.code).toBe('invalid_period');
    expect(period.message).toBe('stochastic: kPeriod must be an integer >= 1 (got 0)');
    const short = { ...series, high: series.high.subarray(0, 20), low: series.low.subarray(0, 20) };
    const tooShort = caught(() =>
      ind.indicatorSet(
        { ...short, close: series.close.subarray(0, 20) },
        { stochastic: {}, williamsR: 14, ichimoku: {} },
      ),
    );
    expect(tooShort.code).toBe('insufficient_data');
    expect(tooShort.message).toMatch(/^ichimoku: needs at least 77 values/);
  });
});
