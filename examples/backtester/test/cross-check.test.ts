import { describe, expect, it } from 'vitest';
import { headSeries, loadFile } from '../src/data/bars.js';
import { DEFAULT_BTC_FILE } from '../src/data/default-data.js';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import { runBacktest } from '../src/engine/engine.js';
import { vectorisedSmaCross } from '../src/vectorised/sma-cross.js';

const btc = loadFile(DEFAULT_BTC_FILE).series;

const config = {
  ...DEFAULT_CONFIG,
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20 },
  takerFeeRate: 0.001,
  makerFeeRate: 0.001,
  slippageBps: 0,
  participation: null,
  maxPositionFraction: 0.95,
};

describe('cross-check against fills derived by hand from the documented rules', () => {
  // First 300 real Binance BTC/USDT hours of 2024 (2024-01-01 00:00 .. 2024-01-13 11:00 UTC).
  const series = headSeries(btc, 300);

  it('matches every trade, fee and the final equity', () => {
    // Hand derivation, written out without the engine or @rrr/indicators:
    // SMA(n) at bar i = mean of closes i-n+1..i. A cross up at bar i (diff(i-1) <= 0 < diff(i)) while flat
    // buys at the OPEN of bar i+1 (PaperExchange: market orders fill at the next event's open); a cross down
    // while long sells there. Quantity = floor(0.95 * cash / close(i) / 0.00001) * 0.00001 (FixedNotional
    // sizing, BTC lot step), fee = 0.1% of each fill's notional, charged in USDT.
    const mean = (from: number, to: number): number => {
      let s = 0;
      for (let k = from; k <= to; k++) s += series.close[k] ?? 0;
      return s / (to - from + 1);
    };
    const diff = (i: number): number => (i < 19 ? Number.NaN : mean(i - 4, i) - mean(i - 19, i));
    let cash = 10_000;
    let qty = 0;
    const expected: {
      entryTime: number;
      entryPrice: number;
      exitTime: number;
      exitPrice: number;
      qty: number;
      fees: number;
    }[] = [];
    let open: { time: number; price: number; fee: number } | null = null;
    for (let i = 20; i < series.close.length - 1; i++) {
      const before = diff(i - 1);
      const now = diff(i);
      const nextOpen = series.open[i + 1] ?? 0;
      const nextTime = series.time[i + 1] ?? 0;
      if (before <= 0 && now > 0 && qty === 0) {
        qty = Math.round(Math.floor((0.95 * cash) / (series.close[i] ?? 1) / 0.00001 + 1e-9)) / 100_000;
        const fee = qty * nextOpen * 0.001;
        cash -= qty * nextOpen + fee;
        open = { time: nextTime, price: nextOpen, fee };
      } else if (before >= 0 && now < 0 && qty > 0 && open) {
        const fee = qty * nextOpen * 0.001;
        cash += qty * nextOpen - fee;
        expected.push({
          entryTime: open.time,
          entryPrice: open.price,
          exitTime: nextTime,
          exitPrice: nextOpen,
          qty,
          fees: open.fee + fee,
        });
        qty = 0;
        open = null;
      }
    }
    const finalEquity = cash + qty * (series.close[299] ?? 0);
    expect(expected.length).toBeGreaterThanOrEqual(5);

    const result = runBacktest([series], config);
    const closed = result.trades.filter((t) => t.exitReason !== 'open');
    expect(closed.length).toBe(expected.length);
    closed.forEach((t, k) => {
      const e = expected[k];
      expect(e).toBeDefined();
      if (!e) return;
      expect(t.entryTime).toBe(e.entryTime);
      expect(t.entryPrice).toBe(e.entryPrice);
      expect(t.exitTime).toBe(e.exitTime);
      expect(t.exitPrice).toBe(e.exitPrice);
      expect(t.quantity).toBeCloseTo(e.qty, 10);
      expect(t.fees).toBeCloseTo(e.fees, 8);
      expect(t.pnl).toBeCloseTo(e.qty * (e.exitPrice - e.entryPrice) - e.fees, 8);
    });
    expect(result.equity[result.equity.length - 1]).toBeCloseTo(finalEquity, 6);
    // The first trade, spelled out: the 5/20 cross up happens on a closed bar and the fill is the next open.
    const first = closed[0];
    expect(first && series.time.indexOf(first.entryTime)).toBeGreaterThan(20);
  });

  it('never fills on the bar that produced the signal', () => {
    const result = runBacktest([series], config);
    for (const f of result.fills) {
      const i = series.time.indexOf(f.timestamp);
      expect(i).toBeGreaterThan(0);
      // market fills are at the open of the fill bar, never at the signal bar's close
      expect(f.price.toNumber()).toBe(series.open[i]);
    }
  });
});

describe('vectorised computation equals the event-driven run', () => {
  for (const [fast, slow] of [
    [10, 30],
    [24, 96],
  ] as const) {
    it(`SMA ${fast}/${slow} over the full 2024 BTC/USDT hourly series`, () => {
      const event = runBacktest([btc], { ...config, params: { fast, slow } });
      const vector = vectorisedSmaCross(btc, {
        fast,
        slow,
        initialCash: 10_000,
        feeRate: 0.001,
        fraction: 0.95,
        lotStep: 0.00001,
      });
      expect(event.trades.length).toBe(vector.trades.length);
      expect(event.trades.length).toBeGreaterThan(20);
      event.trades.forEach((t, k) => {
        const v = vector.trades[k];
        expect(v).toBeDefined();
        if (!v) return;
        expect(t.entryTime).toBe(v.entryTime);
        expect(t.entryPrice).toBe(v.entryPrice);
        if (v.exitTime !== null) {
          expect(t.exitTime).toBe(v.exitTime);
          expect(t.exitPrice).toBe(v.exitPrice);
        } else {
          expect(t.exitReason).toBe('open');
        }
        expect(t.quantity).toBeCloseTo(v.quantity, 10);
      });
      expect(event.equity[event.equity.length - 1]).toBeCloseTo(vector.finalEquity, 4);
    });
  }
});
