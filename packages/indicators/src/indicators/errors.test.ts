import { describe, expect, it } from 'vitest';
import { isIndicatorError } from '../errors.js';
import * as ind from './index.js';

/** Runs `fn`, expects an IndicatorError and returns it. */
function caught(fn: () => unknown): ind.InvalidInputError | ind.InvalidParameterError {
  try {
    fn();
  } catch (error) {
    if (isIndicatorError(error)) return error as ind.InvalidInputError | ind.InvalidParameterError;
    throw error;
  }
  throw new Error('expected an IndicatorError, nothing was thrown');
}

const x = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i));
const h = x.map((v) => v + 1);
const l = x.map((v) => v - 1);
const v = x.map(() => 10);

describe('bad input gives typed errors, never silent garbage', () => {
  it('rejects a period below 1 or not an integer, naming the parameter and value', () => {
    const zero = caught(() => ind.sma(x, 0)) as ind.InvalidParameterError;
    expect(zero.code).toBe('invalid_period');
    expect(zero.parameter).toBe('period');
    expect(zero.message).toBe('sma: period must be an integer >= 1 (got 0)');
    expect(caught(() => ind.ema(x, 2.5)).code).toBe('invalid_period');
    expect(caught(() => ind.rsi(x, -3)).code).toBe('invalid_period');
    expect(caught(() => new ind.RSI(0)).code).toBe('invalid_period');
    expect((caught(() => ind.macd(x, { fast: 0 })) as ind.InvalidParameterError).parameter).toBe('fast');
    expect(
      (caught(() => ind.stochastic(h, l, x, { dPeriod: 1.5 })) as ind.InvalidParameterError).parameter,
    ).toBe('dPeriod');
    expect(caught(() => ind.hma(x, 1)).message).toBe('hma: period must be an integer >= 2 (got 1)');
  });

  it('rejects a slow MACD period shorter than the fast one', () => {
    const e = caught(() => ind.macd(x, { fast: 26, slow: 12 }));
    expect(e.code).toBe('invalid_period');
    expect(e.message).toBe('macd: slow (12) must be >= fast (26)');
  });

  it('rejects out-of-range options', () => {
    expect(caught(() => ind.bollinger(x, { stdDev: 0 })).code).toBe('invalid_option');
    expect(caught(() => ind.keltner(h, l, x, { multiplier: Number.NaN })).code).toBe('invalid_option');
    expect(caught(() => ind.parabolicSar(h, l, { acceleration: 0.3, maximum: 0.2 })).code).toBe(
      'invalid_option',
    );
    const anchor = caught(() =>
      ind.vwap(x, h, l, x, v, { anchor: 'hour' as 'day' }),
    ) as ind.InvalidParameterError;
    expect(anchor.parameter).toBe('anchor');
  });

  it('rejects NaN and infinities inside the data, naming the column and index', () => {
    const bad = x.slice();
    bad[7] = Number.NaN;
    const e = caught(() => ind.sma(bad, 3)) as ind.InvalidInputError;
    expect(e.code).toBe('non_finite_input');
    expect(e.input).toBe('values');
    expect(e.index).toBe(7);
    expect(e.message).toBe('sma: values[7] is NaN');
    const badLow = l.slice();
    badLow[3] = Number.POSITIVE_INFINITY;
    const e2 = caught(() => ind.atr(h, badLow, x)) as ind.InvalidInputError;
    expect([e2.code, e2.input, e2.index]).toEqual(['non_finite_input', 'low', 3]);
  });

  it('rejects columns of different lengths', () => {
    const e = caught(() => ind.adx(h, l.slice(1), x)) as ind.InvalidInputError;
    expect(e.code).toBe('length_mismatch');
    expect(e.message).toBe('adx: low has 59 values but high has 60');
  });

  it('rejects a period longer than the data, and data too short for one value', () => {
    const e = caught(() => ind.sma([1, 2, 3], 4));
    expect(e.code).toBe('insufficient_data');
    expect(e.message).toBe('sma: needs at least 4 values to produce one output (got 3)');
    expect(caught(() => ind.macd(x.slice(0, 33))).code).toBe('insufficient_data');
    expect(ind.macd(x.slice(0, 34)).macd[33]).not.toBeNaN();
    expect(caught(() => ind.obv([], [])).code).toBe('insufficient_data');
  });

  it('streaming classes reject non-finite inputs and keep their state', () => {
    const rsi = new ind.RSI(2);
    const clean = new ind.RSI(2);
    rsi.update(1);
    rsi.update(2);
    expect(caught(() => rsi.replace(Number.POSITIVE_INFINITY)).code).toBe('non_finite_input');
    expect(caught(() => rsi.update(Number.NaN)).code).toBe('non_finite_input');
    expect(rsi.count).toBe(2);
    // the rejected input is not pending: there is nothing to replace until the next accepted update
    expect(caught(() => rsi.replace(5)).code).toBe('nothing_to_replace');
    for (const value of [1, 2]) clean.update(value);
    for (const value of [3, 2.5, 4]) expect(rsi.update(value)).toBe(clean.update(value));
    expect(rsi.count).toBe(5);
    const atr = new ind.ATR(2);
    expect(
      (caught(() => atr.update({ high: 2, low: Number.NaN, close: 1 })) as ind.InvalidInputError).input,
    ).toBe('low');
  });
});
