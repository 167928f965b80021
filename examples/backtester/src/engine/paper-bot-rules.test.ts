import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { headSeries, loadFile } from '../data/bars.js';
import { DEFAULT_BTC_FILE } from '../data/default-data.js';
import type { StrategyDefinition, StrategyIntent } from '../strategies/types.js';
import { DEFAULT_CONFIG, PAPER_BOT_PRESET } from './config.js';
import { runBacktest } from './engine.js';
import { barLength } from './paper-bot-rules.js';

const H = 3_600_000;
const btc = headSeries(loadFile(DEFAULT_BTC_FILE).series, 1500);

/** Enters long whenever flat (so every exit rule is exercised many times on real bars). */
const alwaysLong: StrategyDefinition = {
  name: 'always-long',
  description: 'test: long whenever flat',
  defaults: {},
  create() {
    const enter: readonly StrategyIntent[] = [
      { action: 'enter_long', stopLossPct: 0.01, takeProfitPct: 0.015, maxHoldBars: 6 },
    ];
    return { onBar: (ctx) => (ctx.position === 0 && !ctx.pending ? enter : []) };
  },
};

const config = { ...DEFAULT_CONFIG, ...PAPER_BOT_PRESET, strategy: 'always-long', riskLimits: null };

/**
 * Where and why the position entered on bar `e` at `entry` must end, from the bars alone: stop / target at
 * entry × (1 ∓ pct) rounded half-up to cents; from the entry bar on, a gap through a level, then the stop
 * (before the target on the same bar), then the target, then the time stop at the close of the 6th bar; the
 * exit fills at the next bar's open.
 */
function expectedExit(e: number, entry: number): { bar: number; reason: string } {
  const stop = new Decimal(entry).times(0.99).toDecimalPlaces(2).toNumber();
  const target = new Decimal(entry).times(1.015).toDecimalPlaces(2).toNumber();
  for (let j = e; j < btc.time.length; j++) {
    const [o, h, l] = [btc.open[j] ?? 0, btc.high[j] ?? 0, btc.low[j] ?? 0];
    if (o <= stop || (o < target && l <= stop)) return { bar: j + 1, reason: 'stop_loss' };
    if (o >= target || h >= target) return { bar: j + 1, reason: 'take_profit' };
    if ((btc.time[j] ?? 0) + H >= (btc.time[e] ?? 0) + 6 * H) return { bar: j + 1, reason: 'time_stop' };
  }
  return { bar: -1, reason: 'open' };
}

describe('paper-bot execution rules (StopManager exits at the next open, no bracket orders)', () => {
  const result = runBacktest([btc], config, alwaysLong);

  it('exits every trade where and why the bars say, filled at the next open', () => {
    const closed = result.trades.filter((t) => t.exitReason !== 'open');
    expect(closed.length).toBeGreaterThan(100);
    const reasons = new Set(closed.map((t) => t.exitReason));
    expect([...reasons].sort()).toEqual(['stop_loss', 'take_profit', 'time_stop']);
    for (const t of closed) {
      const e = btc.time.indexOf(t.entryTime);
      const want = expectedExit(e, t.entryPrice);
      expect(
        { time: t.exitTime, reason: t.exitReason },
        `trade entered ${new Date(t.entryTime).toISOString()}`,
      ).toEqual({
        time: btc.time[want.bar],
        reason: want.reason,
      });
      // A market sell at the open less 2 bps of slippage (rounded to the tick), never the stop level itself.
      expect(t.exitPrice).toBeCloseTo((btc.open[want.bar] ?? 0) * (1 - 0.0002), 1);
    }
  });

  it('sends only market orders (no stop or limit order ever reaches the venue)', () => {
    expect(result.fills.length).toBeGreaterThan(200);
    for (const f of result.fills) expect(f.clientOrderId).toMatch(/^(entry|exit)-\d+$/);
    // Bars that reached both levels (a 2.5% range inside one hour) went to the stop, and were counted.
    const ambiguous = result.trades.filter((t) => t.ambiguous);
    expect(ambiguous.length).toBe(result.ambiguousBars);
    for (const t of ambiguous) expect(t.exitReason).toBe('stop_loss');
  });

  it('counts bars reaching both levels under the stop-first rule, and the target-first rule takes the target', () => {
    const wide = (rule: 'stop_first' | 'target_first') =>
      runBacktest(
        [btc],
        { ...config, sameBarRule: rule },
        {
          ...alwaysLong,
          create: () => ({
            onBar: (ctx) =>
              ctx.position === 0 && !ctx.pending
                ? [{ action: 'enter_long', stopLossPct: 0.004, takeProfitPct: 0.004 }]
                : [],
          }),
        },
      );
    const stopFirst = wide('stop_first');
    const targetFirst = wide('target_first');
    expect(stopFirst.ambiguousBars).toBeGreaterThan(0);
    for (const t of stopFirst.trades.filter((x) => x.ambiguous)) expect(t.exitReason).toBe('stop_loss');
    const optimistic = targetFirst.trades.filter((x) => x.ambiguous);
    expect(optimistic.length).toBeGreaterThan(0);
    for (const t of optimistic) expect(t.exitReason).toBe('take_profit');
  });

  it('derives the bar length from the smallest step between bar times', () => {
    expect(barLength(btc.time)).toBe(H);
    expect(barLength(Float64Array.from([0, 3 * H, 4 * H, 9 * H]))).toBe(H);
    expect(barLength(Float64Array.from([5]))).toBe(0);
  });
});
