import { readFileSync } from 'node:fs';

/** One OHLCV row of a fixture CSV (`timestamp,open,high,low,close,volume`). */
export interface Candle {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** Reads a candle CSV from test/fixtures. */
export function loadCandles(file: string): Candle[] {
  const text = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [time, open, high, low, close] = line.split(',').map(Number);
      return { time: time ?? 0, open: open ?? 0, high: high ?? 0, low: low ?? 0, close: close ?? 0 };
    });
}

/** Daily closes of the 1d fixtures for the given assets, aligned on the timestamps all of them have. */
export function alignedDailyCloses(assets: readonly string[]): { times: number[]; closes: number[][] } {
  const maps = assets.map(
    (a) => new Map(loadCandles(`binance_${a}USDT_1d_2017-2022.csv`).map((c) => [c.time, c.close] as const)),
  );
  const first = maps[0] ?? new Map<number, number>();
  const times = [...first.keys()].filter((t) => maps.every((m) => m.has(t))).sort((a, b) => a - b);
  return { times, closes: maps.map((m) => times.map((t) => m.get(t) ?? Number.NaN)) };
}

/** Simple returns close[t] / close[t-1] - 1. */
export function simpleReturns(closes: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < closes.length; i++) out.push((closes[i] as number) / (closes[i - 1] as number) - 1);
  return out;
}
