import { describe, expect, it } from 'vitest';
import { StopManager } from './stopManager.js';
import type { ExitIntent, StopBar, StopPlan } from './types.js';

const MIN = 60_000;
const bar = (i: number, open: number, high: number, low: number, close: number, atr?: number): StopBar => ({
  openTime: i * MIN,
  closeTime: (i + 1) * MIN,
  open,
  high,
  low,
  close,
  ...(atr === undefined ? {} : { atr }),
});
const long = (over: Partial<StopPlan> = {}): StopPlan => ({
  id: 'p',
  symbol: 'BTC',
  side: 'long',
  entryPrice: 100,
  quantity: 2,
  entryTime: 0,
  ...over,
});
const summary = (exits: ExitIntent[]) =>
  exits.map((e) => `${e.reason}@${e.price.toString()}/${e.side}/${e.time}`);

describe('StopManager', () => {
  it('fixed stop-loss exits at the stop level when the low touches it', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95 }));
    expect(m.onBar('BTC', bar(0, 100, 101, 96, 97))).toEqual([]);
    const exits = m.onBar('BTC', bar(1, 97, 98, 95, 96));
    expect(summary(exits)).toEqual(['stop_loss@95/sell/120000']);
    expect(exits[0]?.quantity.toString()).toBe('2');
    expect(m.ids).toEqual([]);
  });

  it('take-profit exits at the target', () => {
    const m = new StopManager();
    m.open(long({ takeProfit: 110 }));
    expect(summary(m.onBar('BTC', bar(0, 100, 110, 99, 109)))).toEqual(['take_profit@110/sell/60000']);
  });

  it('a bar touching both stop and target exits at the stop by default (pessimistic)', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95, takeProfit: 110 }));
    expect(summary(m.onBar('BTC', bar(0, 100, 111, 94, 105)))).toEqual(['stop_loss@95/sell/60000']);
  });

  it('with bothTouched "target_first" the same bar exits at the target', () => {
    const m = new StopManager({ bothTouched: 'target_first' });
    m.open(long({ stopLoss: 95, takeProfit: 110 }));
    expect(summary(m.onBar('BTC', bar(0, 100, 111, 94, 105)))).toEqual(['take_profit@110/sell/60000']);
  });

  it('a gap through the stop fills at the open, not at the stop', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95, takeProfit: 110 }));
    expect(summary(m.onBar('BTC', bar(0, 90, 92, 88, 91)))).toEqual(['stop_loss@90/sell/60000']);
    m.open(long({ id: 'q', stopLoss: 95, takeProfit: 110 }));
    expect(summary(m.onBar('BTC', bar(1, 115, 116, 112, 113)))).toEqual(['take_profit@115/sell/120000']);
  });

  it('percent trailing stop follows the high and applies from the next bar', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95, trailing: { type: 'percent', percent: 0.05 } }));
    // Bar 0 reaches 108 and dips to 102.7: the new trail (102.6) is not applied inside the same bar.
    expect(m.onBar('BTC', bar(0, 103, 108, 102.7, 107))).toEqual([]);
    expect(m.activeStop('p')?.reason).toBe('trailing_stop');
    expect(m.activeStop('p')?.price.toString()).toBe('102.6');
    // A lower high does not loosen the trail.
    expect(m.onBar('BTC', bar(1, 107, 107.5, 103, 104))).toEqual([]);
    expect(m.activeStop('p')?.price.toString()).toBe('102.6');
    expect(summary(m.onBar('BTC', bar(2, 104, 104, 101, 101)))).toEqual(['trailing_stop@102.6/sell/180000']);
  });

  it('ATR trailing stop uses the bar ATR times the multiple', () => {
    const m = new StopManager();
    m.open(long({ trailing: { type: 'atr', multiple: 2 } }));
    expect(m.onBar('BTC', bar(0, 100, 110, 99, 109, 3))).toEqual([]); // 110 - 6 = 104
    expect(m.activeStop('p')?.price.toString()).toBe('104');
    expect(m.onBar('BTC', bar(1, 109, 112, 107, 111, 2))).toEqual([]); // 112 - 4 = 108
    expect(summary(m.onBar('BTC', bar(2, 111, 111, 107.5, 108, 2)))).toEqual([
      'trailing_stop@108/sell/180000',
    ]);
    m.open(long({ id: 'x', trailing: { type: 'atr', multiple: 2 } }));
    expect(() => m.onBar('BTC', bar(3, 100, 101, 99, 100))).toThrow(/bar.atr is required/);
  });

  it('break-even move lifts the stop to entry + offset once the trigger is reached', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95, breakEven: { trigger: 5, offset: 0.5 } }));
    expect(m.onBar('BTC', bar(0, 100, 104.9, 99, 104))).toEqual([]);
    expect(m.activeStop('p')).toMatchObject({ reason: 'stop_loss' });
    expect(m.onBar('BTC', bar(1, 104, 105, 101, 103))).toEqual([]);
    expect(m.activeStop('p')?.price.toString()).toBe('100.5');
    expect(summary(m.onBar('BTC', bar(2, 103, 103, 100, 100.2)))).toEqual(['break_even@100.5/sell/180000']);
  });

  it('time stop exits at the close of the first bar ending at or after entry + maxHoldMs', () => {
    const m = new StopManager();
    m.open(long({ maxHoldMs: 3 * MIN }));
    expect(m.onBar('BTC', bar(0, 100, 101, 99, 100))).toEqual([]);
    expect(m.onBar('BTC', bar(1, 100, 101, 99, 100))).toEqual([]);
    expect(summary(m.onBar('BTC', bar(2, 100, 101, 99, 100.7)))).toEqual(['time_stop@100.7/sell/180000']);
  });

  it('a price stop in the final bar wins over the time stop', () => {
    const m = new StopManager();
    m.open(long({ maxHoldMs: MIN, stopLoss: 99 }));
    expect(summary(m.onBar('BTC', bar(0, 100, 101, 98, 100)))).toEqual(['stop_loss@99/sell/60000']);
  });

  it('short positions mirror every rule and exit with a buy', () => {
    const m = new StopManager();
    const short = long({
      side: 'short',
      stopLoss: 105,
      takeProfit: 90,
      trailing: { type: 'percent', percent: 0.1 },
    });
    m.open(short);
    expect(m.onBar('BTC', bar(0, 100, 101, 92, 93))).toEqual([]); // trail 92 * 1.1 = 101.2
    expect(m.activeStop('p')?.price.toString()).toBe('101.2');
    expect(summary(m.onBar('BTC', bar(1, 93, 101.5, 92, 101)))).toEqual(['trailing_stop@101.2/buy/120000']);
    m.open({ ...short, id: 's2' });
    expect(summary(m.onBar('BTC', bar(2, 100, 106, 89, 95)))).toEqual(['stop_loss@105/buy/180000']);
  });

  it('ignores bars of other symbols and bars opening before the entry', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95, entryTime: 5 * MIN }));
    expect(m.onBar('ETH', bar(6, 100, 100, 1, 1))).toEqual([]);
    expect(m.onBar('BTC', bar(4, 100, 100, 1, 1))).toEqual([]);
    expect(summary(m.onPrice('BTC', 94, 6 * MIN))).toEqual(['stop_loss@94/sell/360000']);
  });

  it('close() stops managing a position', () => {
    const m = new StopManager();
    m.open(long({ stopLoss: 95 }));
    expect(m.close('p')).toBe(true);
    expect(m.close('p')).toBe(false);
    expect(m.onBar('BTC', bar(0, 90, 90, 80, 85))).toEqual([]);
  });

  it.each([
    ['stopLoss', long({ stopLoss: 101 })],
    ['takeProfit', long({ takeProfit: 99 })],
    ['stopLoss', long({ side: 'short', stopLoss: 99 })],
    ['trailing.percent', long({ trailing: { type: 'percent', percent: 1 } })],
    ['trailing.multiple', long({ trailing: { type: 'atr', multiple: 0 } })],
    ['breakEven.trigger', long({ breakEven: { trigger: -1 } })],
    ['maxHoldMs', long({ maxHoldMs: 0 })],
    ['entryPrice', long({ entryPrice: Number.NaN })],
    ['quantity', long({ quantity: 0 })],
  ])('rejects an invalid %s', (parameter, plan) => {
    expect(() => new StopManager().open(plan)).toThrow(
      expect.objectContaining({ parameter }) as unknown as Error,
    );
  });

  it('rejects a duplicate id and an inconsistent bar', () => {
    const m = new StopManager();
    m.open(long());
    expect(() => m.open(long())).toThrow(/already managed/);
    expect(() => m.onBar('BTC', bar(0, 100, 99, 98, 99))).toThrow(/bar is inconsistent/);
  });
});
