import { describe, expect, it } from 'vitest';
import { loadData, parseCsv, sliceSeries, symbolFromFileName } from './bars.js';
import { DEFAULT_BTC_FILE, DEFAULT_DATA_DIR } from './default-data.js';

describe('CSV loading', () => {
  it('reads the embedded files with their hashes', () => {
    const files = loadData(DEFAULT_DATA_DIR);
    expect(files.map((f) => f.series.symbol)).toEqual([
      'AVAX/USDT',
      'BTC/USDT',
      'DOGE/USDT',
      'ETH/USDT',
      'LINK/USDT',
      'LTC/USDT',
      'SOL/USDT',
      'TRX/USDT',
      'XRP/USDT',
    ]);
    const btc = loadData(DEFAULT_BTC_FILE)[0];
    expect(btc?.sha256).toBe('d49f0b698a9dad2c6fc8418d9ef43a5b038d4c9b8f7f4a987488ad953dd9546e');
    expect(btc?.series.time.length).toBe(5980);
    // first row of the source: 1704067200000,42283.58,42554.57,42261.02,42475.23,1271.68108
    expect(btc?.series.raw[0]).toEqual(['42283.58', '42554.57', '42261.02', '42475.23', '1271.68108']);
    expect(btc?.series.time[0]).toBe(Date.UTC(2024, 0, 1));
  });

  it('derives symbols from file names', () => {
    expect(symbolFromFileName('/x/binance_ETHUSDT_1h_2024.csv.gz')).toBe('ETH/USDT');
    expect(symbolFromFileName('coinbase_BTCUSD_1d.csv')).toBe('BTC/USD');
    expect(() => symbolFromFileName('prices.csv')).toThrow(
      /cannot derive a symbol from file name "prices.csv"/,
    );
  });

  it('refuses a bad header, a non-number and a timestamp that goes back, naming the line', () => {
    expect(() => parseCsv('time,o,h,l,c,v\n1,1,1,1,1,1', 'A/B')).toThrow(/CSV header must be/);
    expect(() => parseCsv('timestamp,open,high,low,close,volume\n1,1,x,1,1,1', 'A/B')).toThrow(
      /line 2: high is not a number/,
    );
    expect(() => parseCsv('timestamp,open,high,low,close,volume\n2,1,1,1,1,1\n1,1,1,1,1,1', 'A/B')).toThrow(
      /line 3: timestamp 1 is not after the previous one/,
    );
  });

  it('slices by inclusive time range', () => {
    const s = parseCsv('timestamp,open,high,low,close,volume\n1,1,1,1,1,1\n2,2,2,2,2,2\n3,3,3,3,3,3', 'A/B');
    expect(Array.from(sliceSeries(s, 2, 3).close)).toEqual([2, 3]);
    expect(sliceSeries(s, 4, 9).time.length).toBe(0);
  });
});
