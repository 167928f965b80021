import { describe, expect, it } from 'vitest';
import { type BarSeries, headSeries, loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE } from '../data/default-data.js';
import { DEFAULT_CONFIG } from './config.js';
import { runBacktest } from './engine.js';
import { floatExactSeries, floatExactText } from './float-exact.js';

describe('floatExactText', () => {
  it('accepts plain decimals of up to 15 significant digits', () => {
    for (const text of [
      '38.57',
      '76436.96',
      '0.00001234',
      '-12.5',
      '42283.58000000',
      '1000000000000000000',
      '.5',
      '7.',
    ])
      expect(floatExactText(text), text).toBe(true);
    expect(floatExactText('123456789012345')).toBe(true); // 15 digits
  });

  it('refuses more digits, exponents, signs and spaces it does not read, and empty values', () => {
    for (const text of [
      '1234567890123456',
      '0.1234567890123456',
      '3.857e1',
      '+1',
      ' 1',
      '1 ',
      '1.2.3',
      '',
      '.',
      '-',
      'NaN',
    ])
      expect(floatExactText(text), text).toBe(false);
  });
});

describe('feeding the venue floats instead of the price strings', () => {
  const btc = headSeries(loadFile(DEFAULT_BTC_FILE).series, 3000);
  /** The same bars with every price written in exponent form: the same Decimal values, fed as strings. */
  const asStrings: BarSeries = {
    ...btc,
    raw: btc.raw.map(([o, h, l, c, v]) => [`${o}e0`, `${h}e0`, `${l}e0`, `${c}e0`, v] as const),
  };

  it('is used only when every price string is its float', () => {
    expect(floatExactSeries(btc)).toBe(true);
    expect(floatExactSeries(asStrings)).toBe(false);
    const shifted: BarSeries = { ...btc, open: btc.open.map((x, i) => (i === 5 ? x + 1 : x)) };
    expect(floatExactSeries(shifted)).toBe(false); // a float column that does not hold its string
  });

  it('gives the same fills, trades and equity as feeding the strings', () => {
    const config = {
      ...DEFAULT_CONFIG,
      strategy: 'sma-cross',
      params: { fast: 10, slow: 30, stopLossPct: 0.01, takeProfitPct: 0.02 },
    };
    const floats = runBacktest([btc], config);
    const strings = runBacktest([asStrings], config);
    expect(floats.trades.length).toBeGreaterThan(20);
    expect(strings.trades).toEqual(floats.trades);
    expect(strings.fills.map((f) => [f.price.toString(), f.quantity.toString(), f.fee.toString()])).toEqual(
      floats.fills.map((f) => [f.price.toString(), f.quantity.toString(), f.fee.toString()]),
    );
    expect([...strings.equity]).toEqual([...floats.equity]);
  });
});
