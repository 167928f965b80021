import type { Fill, Order } from '@rrr/orders';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { EquityTracker } from '../src/bot/equity.js';
import { paperMarket } from '../src/bot/markets.js';
import { OpenOrders } from '../src/bot/open-orders.js';
import { startingPortfolio } from '../src/bot/resume.js';
import type { JournalBar } from '../src/bot/seams.js';
import { defaultFrom, refuseTrainingPeriod } from '../src/bot/window.js';
import { replayFiles } from '../src/data/feed.js';

const DAY = 86_400_000;

const fill = (symbol: string, side: 'buy' | 'sell', quantity: string, price: string, fee: string): Fill => ({
  tradeId: `${symbol}-${side}-${quantity}`,
  clientOrderId: `o-${symbol}-${side}`,
  symbol,
  side,
  quantity: new Decimal(quantity),
  price: new Decimal(price),
  fee: new Decimal(fee),
  feeCurrency: 'USDT',
  liquidity: 'taker',
  timestamp: 0,
});

describe('startingPortfolio', () => {
  it('keeps the venue balances exactly and rebuilds positions from the stored fills', () => {
    const fills = [
      fill('ETH/USDT', 'buy', '1.5', '2000', '3'),
      fill('SOL/USDT', 'buy', '10', '100', '1'),
      fill('ETH/USDT', 'sell', '0.5', '2100', '1.05'),
    ];
    // the venue's balances are what these fills did to 10,000 USDT
    const balances = { USDT: new Decimal('7044.95'), ETH: new Decimal('1'), SOL: new Decimal('10') };
    const p = startingPortfolio(balances, fills);
    expect(p.balance('USDT').toFixed()).toBe('7044.95');
    expect(p.balance('ETH').toFixed()).toBe('1');
    expect(p.position('ETH/USDT').quantity.toFixed()).toBe('1');
    expect(p.position('ETH/USDT').averageEntryPrice.toFixed()).toBe('2000');
    expect(p.position('SOL/USDT').quantity.toFixed()).toBe('10');
    expect(p.position('ETH/USDT').realizedPnl.toFixed()).toBe('45.95'); // 0.5 * (2100 - 2000) - both fees (3 + 1.05)
    // a sandbox account with more cash than the fills explain keeps it
    const richer = startingPortfolio({ ...balances, USDT: new Decimal('50000') }, fills);
    expect(richer.balance('USDT').toFixed()).toBe('50000');
    expect(richer.equity('USDT', { 'ETH/USDT': 2000, 'SOL/USDT': 100 }).toFixed()).toBe('53000');
  });
});

describe('EquityTracker', () => {
  const row = (ts: number, equity: number, drawdown: number): JournalBar => ({
    ts,
    symbol: 'BTC/USDT',
    close: 1,
    equity,
    position: 0,
    drawdown,
    signal: 'flat',
    pUp: 0.3,
    pFlat: 0.4,
    pDown: 0.3,
    orders: '',
  });

  it('continues peak, drawdown and day start from the journal', () => {
    const t = new EquityTracker(10_000, [
      row(0, 10_500, 0),
      row(DAY, 9_975, 0.05),
      row(DAY + 1, 10_000, 0.048),
    ]);
    expect(t.peak).toBe(10_500);
    expect(t.equity).toBe(10_000);
    expect(t.maxDrawdown).toBe(0.05);
    expect(t.dayPnl).toBe(25); // day 1 started at 9,975
    expect(t.observe(DAY + 2, 9_450)).toBeCloseTo(0.1, 12);
    expect(t.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(t.dayPnl).toBe(-525);
    t.observe(2 * DAY, 11_000);
    expect(t.peak).toBe(11_000);
    expect(t.drawdown).toBe(0);
    expect(t.dayPnl).toBe(0);
  });
});

describe('OpenOrders', () => {
  const order = (id: string, status: Order['status']) => ({ clientOrderId: id, status }) as unknown as Order;

  it('follows the order events: open statuses kept, closed and denied dropped', () => {
    const open = new OpenOrders([order('a', 'new')]);
    open.apply({ type: 'order_created', order: order('b', 'pending_new') });
    open.apply({ type: 'order_denied', order: order('c', 'denied') });
    expect(open.list().map((o) => o.clientOrderId)).toEqual(['a', 'b']);
    open.apply({ type: 'order_status', order: order('a', 'filled'), from: 'new' });
    open.apply({ type: 'order_status', order: order('b', 'partially_filled'), from: 'new' });
    expect(open.list().map((o) => `${o.clientOrderId} ${o.status}`)).toEqual(['b partially_filled']);
    open.reset([]);
    expect(open.size).toBe(0);
  });
});

describe('markets, data files and the training-period rule', () => {
  const scope = {
    symbol: 'BTC/USDT',
    end: Date.parse('2024-12-31T23:59:59.999Z'),
    testStart: Date.parse('2025-01-01'),
  };

  it('gives each embedded market its lot step', () => {
    expect(paperMarket('BTC/USDT').lotStep.toFixed()).toBe('0.00001');
    expect(paperMarket('ETH/USDT').lotStep.toFixed()).toBe('0.0001');
    expect(paperMarket('SOL/USDT').minNotional.toFixed()).toBe('5');
    expect(paperMarket('XRP/USDT').tickSize.toFixed()).toBe('0.0001');
  });

  it('refuses the model’s own symbol inside its training period, and only that symbol', () => {
    const in2024 = Date.parse('2024-06-01');
    expect(() => refuseTrainingPeriod(in2024, ['ETH/USDT', 'BTC/USDT'], scope)).toThrow(/for BTC\/USDT/);
    expect(() => refuseTrainingPeriod(in2024, ['ETH/USDT', 'SOL/USDT'], scope)).not.toThrow();
    expect(() => refuseTrainingPeriod(scope.testStart, ['BTC/USDT'], scope)).not.toThrow();
  });

  it('starts at the test period with the model’s symbol, else 30 days after the latest first bar', () => {
    const bars = (t: number) => [{ timestamp: t, open: 1, high: 1, low: 1, close: 1, volume: 1 }];
    const series = new Map([
      ['ETH/USDT', bars(Date.parse('2024-01-01'))],
      ['SOL/USDT', bars(Date.parse('2024-01-05'))],
    ]);
    expect(defaultFrom(['ETH/USDT', 'SOL/USDT'], scope, series)).toBe(Date.parse('2024-02-04'));
    expect(defaultFrom(['BTC/USDT', 'ETH/USDT'], scope, series)).toBe(scope.testStart);
  });

  it('maps symbols to files: a data file for one symbol, embedded files otherwise', () => {
    expect(replayFiles(['ETH/USDT'], '/tmp/x.csv').get('ETH/USDT')).toBe('/tmp/x.csv');
    expect(replayFiles(['ETH/USDT', 'SOL/USDT'], undefined).get('SOL/USDT')).toMatch(
      /data\/binance_SOLUSDT_1h_2024\.csv\.gz$/,
    );
    expect(() => replayFiles(['ETH/USDT', 'SOL/USDT'], '/tmp/x.csv')).toThrow(/config dataFile/);
    expect(() => replayFiles(['DOGE/USDT'], undefined)).toThrow(
      /config symbols: no embedded data for DOGE\/USDT/,
    );
  });
});
