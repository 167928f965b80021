import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type InvalidSeriesError, isIndicatorError } from '../errors.js';
import {
  barAt,
  findGaps,
  parseOhlcvCsv,
  parseTimeframe,
  readOhlcvCsvFile,
  seriesFromBars,
  seriesFromColumns,
  TIMEFRAMES,
} from './index.js';

function caught(fn: () => unknown): InvalidSeriesError {
  try {
    fn();
  } catch (error) {
    if (isIndicatorError(error)) return error as InvalidSeriesError;
    throw error;
  }
  throw new Error('expected an IndicatorError');
}

const HEADER = 'timestamp,open,high,low,close,volume';
const good = [
  { timestamp: 0, open: 10, high: 12, low: 9, close: 11, volume: 5 },
  { timestamp: 60_000, open: 11, high: 13, low: 10, close: 12, volume: 0 },
  { timestamp: 120_000, open: 12, high: 12, low: 12, close: 12, volume: 1.5 },
];
const realFile = fileURLToPath(
  new URL('../../test/fixtures/binance_BTCUSDT_1h_1500.csv.gz', import.meta.url),
);

describe('series constructors', () => {
  it('build the same Float64Array columns from columns, bars and CSV', () => {
    const a = seriesFromBars(good);
    const b = seriesFromColumns({
      timestamp: good.map((r) => r.timestamp),
      open: good.map((r) => r.open),
      high: good.map((r) => r.high),
      low: good.map((r) => r.low),
      close: good.map((r) => r.close),
      volume: good.map((r) => r.volume),
    });
    const c = parseOhlcvCsv(`${HEADER}\r\n${good.map((r) => Object.values(r).join(',')).join('\r\n')}\r\n`);
    for (const s of [a, b, c]) {
      expect(s.length).toBe(3);
      expect(s.close).toBeInstanceOf(Float64Array);
      expect(Array.from(s.high)).toEqual([12, 13, 12]);
      expect(barAt(s, 1)).toEqual(good[1]);
    }
  });

  it('accepts any column order and ignores extra columns', () => {
    const s = parseOhlcvCsv('close,volume,extra,timestamp,low,high,open\n11,5,x,0,9,12,10\n');
    expect(barAt(s, 0)).toEqual({ timestamp: 0, open: 10, high: 12, low: 9, close: 11, volume: 5 });
  });

  it('reads real gzipped files by extension and by magic bytes', () => {
    const s = readOhlcvCsvFile(realFile);
    expect(s.length).toBe(1500);
    expect(findGaps(s, parseTimeframe('1h'))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'rrr-series-'));
    const noExt = join(dir, 'bars.data');
    writeFileSync(noExt, gzipSync(Buffer.from(`${HEADER}\n0,10,12,9,11,5\n`)));
    expect(readOhlcvCsvFile(noExt).close[0]).toBe(11);
    const e = caught(() => readOhlcvCsvFile(join(dir, 'missing.csv')));
    expect(e.code).toBe('invalid_csv');
    expect((e.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

describe('series validation names the first bad row and field', () => {
  const cases: [string, Partial<(typeof good)[number]>, string, string][] = [
    ['duplicate timestamp', { timestamp: 60_000 }, 'timestamp', 'row 2: timestamp 60000 duplicates'],
    ['timestamp going back', { timestamp: 30_000 }, 'timestamp', 'row 2: timestamp 30000 is before'],
    ['high below the close', { high: 11.5 }, 'high', 'row 2: high 11.5 < max(open 12, close 12)'],
    ['low above the open', { low: 12.5, high: 13 }, 'low', 'row 2: low 12.5 > min(open 12, close 12)'],
    ['negative volume', { volume: -1 }, 'volume', 'row 2: volume -1 is negative'],
    ['NaN close', { close: Number.NaN }, 'close', 'row 2: close is NaN, expected a finite number'],
    ['infinite open', { open: Number.POSITIVE_INFINITY }, 'open', 'row 2: open is Infinity'],
    [
      'fractional timestamp',
      { timestamp: 120_000.5 },
      'timestamp',
      'row 2: timestamp 120000.5 is not an integer',
    ],
  ];
  it.each(cases)('%s', (_name, patch, field, message) => {
    const bars = good.map((b, i) => (i === 2 ? { ...b, ...patch } : b));
    const e = caught(() => seriesFromBars(bars));
    expect(e.code).toBe('invalid_series');
    expect(e.row).toBe(2);
    expect(e.field).toBe(field);
    expect(e.message.startsWith(message)).toBe(true);
  });

  it('rejects columns of unequal length and missing columns', () => {
    const e = caught(() =>
      seriesFromColumns({
        timestamp: [0, 1],
        open: [1, 1],
        high: [1],
        low: [1, 1],
        close: [1, 1],
        volume: [1, 1],
      }),
    );
    expect([e.code, e.field]).toEqual(['invalid_series', 'high']);
    const missing = caught(() => seriesFromColumns({ timestamp: [0] } as never));
    expect(missing.field).toBe('open');
  });

  it('reports CSV cells that are not numbers with their row, line and field', () => {
    const e = caught(() => parseOhlcvCsv(`${HEADER}\n0,10,12,9,11,5\n60000,11,abc,10,12,1\n`));
    expect([e.code, e.row, e.field]).toEqual(['invalid_csv', 1, 'high']);
    expect(e.message).toBe('parseOhlcvCsv: row 1 (line 3): high "abc" is not a number');
    expect(caught(() => parseOhlcvCsv('timestamp,open,high,low,close\n')).field).toBe('volume');
    expect(caught(() => parseOhlcvCsv(`${HEADER}\n0,10,12,9\n`)).message).toBe(
      'parseOhlcvCsv: row 0 (line 2): close is missing',
    );
  });

  it('barAt refuses rows outside the series', () => {
    expect(caught(() => barAt(seriesFromBars(good), 3)).message).toBe('barAt: index 3 is outside 0..2');
  });
});

describe('timeframes and gaps', () => {
  it('parses timeframe strings into milliseconds', () => {
    expect(['1m', '5m', '15m', '1h', '4h', '1d', '1w', '30s'].map(parseTimeframe)).toEqual([
      60_000, 300_000, 900_000, 3_600_000, 14_400_000, 86_400_000, 604_800_000, 30_000,
    ]);
    expect(TIMEFRAMES['4h']).toBe(parseTimeframe('4h'));
    for (const bad of ['1M', '0m', 'm', '1.5h', ''])
      expect(caught(() => parseTimeframe(bad)).code).toBe('invalid_timeframe');
  });

  it('finds the real exchange outages of Binance BTC/USDT 1h in early 2018', () => {
    const s = readOhlcvCsvFile(
      fileURLToPath(
        new URL('../../test/fixtures/pipeline/binance_BTCUSDT_1h_2018-01_2018-02.csv.gz', import.meta.url),
      ),
    );
    const gaps = findGaps(s, TIMEFRAMES['1h']);
    // the data README lists the largest outage: bars 2018-02-08 00:00 -> 2018-02-09 10:00, 33 hours missing
    const largest = gaps.reduce((a, b) => (b.missing > a.missing ? b : a));
    expect(new Date(s.timestamp[largest.index - 1] as number).toISOString()).toBe('2018-02-08T00:00:00.000Z');
    expect(new Date(largest.from).toISOString()).toBe('2018-02-08T01:00:00.000Z');
    expect(new Date(largest.to).toISOString()).toBe('2018-02-09T10:00:00.000Z');
    expect(largest.missing).toBe(33);
    const missing = gaps.reduce((sum, g) => sum + g.missing, 0);
    expect(s.length + missing).toBe(
      ((s.timestamp[s.length - 1] as number) - (s.timestamp[0] as number)) / 3_600_000 + 1,
    );
  });

  it('counts off-grid neighbours as gaps only when a whole bar is missing', () => {
    const s = seriesFromColumns({
      timestamp: [0, 60_000, 150_000, 160_000],
      open: [1, 1, 1, 1],
      high: [1, 1, 1, 1],
      low: [1, 1, 1, 1],
      close: [1, 1, 1, 1],
      volume: [1, 1, 1, 1],
    });
    expect(findGaps(s, 60_000)).toEqual([{ index: 2, from: 120_000, to: 150_000, missing: 1 }]);
    expect(caught(() => findGaps(s, 0)).code).toBe('invalid_timeframe');
  });
});
