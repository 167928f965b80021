import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAR_MS, type RunSummary, runPaperBot } from '../src/bot/run.js';
import { embeddedDataFile, loadBars } from '../src/data/bars.js';
import { readStores, removeTempDirs, type Stored, tempDir, testConfig } from './support.js';

/** Six weeks of 2024 for two markets the model was not trained on (it saw BTC/USDT in this period). */
const MULTI = {
  symbols: ['ETH/USDT', 'SOL/USDT'],
  from: '2024-03-01T00:00:00Z',
  to: '2024-04-15T00:00:00Z',
} as const;
const FROM = Date.parse(MULTI.from);
const TO = Date.parse(MULTI.to);

afterAll(removeTempDirs);

function barsOf(symbol: string) {
  const file = embeddedDataFile(symbol);
  if (file === undefined) throw new Error(`no embedded ${symbol}`);
  return new Map(loadBars(file).map((b) => [b.timestamp, b]));
}

describe('runPaperBot over two symbols with one cash balance', () => {
  let dir: string;
  let summary: RunSummary;
  let stored: Stored;
  const bars = { 'ETH/USDT': barsOf('ETH/USDT'), 'SOL/USDT': barsOf('SOL/USDT') } as const;
  const inWindow = (m: ReadonlyMap<number, unknown>) => [...m.keys()].filter((t) => t >= FROM && t < TO);

  beforeAll(async () => {
    dir = tempDir();
    summary = await runPaperBot(testConfig(dir, MULTI));
    stored = await readStores(dir);
  }, 60_000);

  it('processes the union of both symbols’ bar times in order, one journal row per (time, symbol)', () => {
    const times = new Set([...inWindow(bars['ETH/USDT']), ...inWindow(bars['SOL/USDT'])]);
    expect(summary.barsTotal).toBe(times.size);
    expect(summary.complete).toBe(true);
    for (const symbol of MULTI.symbols) {
      const rows = stored.journal.filter((r) => r.symbol === symbol);
      expect(rows.map((r) => r.ts)).toEqual(inWindow(bars[symbol]));
      for (const row of rows) expect(row.close).toBe(bars[symbol].get(row.ts)?.close);
    }
    const keys = stored.journal.map((r) => `${r.ts} ${r.symbol}`);
    expect(keys).toEqual([...keys].sort());
    // the whole window is in the model's validation period: predicted and flagged, not refused
    expect(stored.journal.every((r) => !Number.isNaN(r.pUp))).toBe(true);
  });

  it('trades both symbols, every order filling at the next open of its own symbol', () => {
    for (const symbol of MULTI.symbols) {
      const fills = stored.fills.filter((f) => f.symbol === symbol);
      expect(fills.length, symbol).toBeGreaterThan(10);
      expect(summary.symbols.find((s) => s.symbol === symbol)?.fills).toBe(fills.length);
    }
    expect(summary.ordersByStatus).toEqual({ filled: stored.orders.length });
    for (const fill of stored.fills) {
      const order = stored.orders.find((o) => o.clientOrderId === fill.clientOrderId);
      if (order === undefined) throw new Error(`fill of unknown order ${fill.clientOrderId}`);
      const [, ts, tag] = order.clientOrderId.split('-');
      expect(tag).toBe(fill.symbol.replace('/', ''));
      expect(order.createdAt).toBe(Number(ts) + BAR_MS);
      expect(fill.timestamp).toBe(Number(ts) + BAR_MS);
      const next = bars[fill.symbol as keyof typeof bars].get(fill.timestamp);
      const slip = new Decimal(next?.open ?? Number.NaN).times(fill.side === 'buy' ? 1.0002 : 0.9998);
      expect(fill.price.toNumber()).toBeCloseTo(slip.toNumber(), 1);
    }
  });

  it('keeps one quote cash balance consistent with every fill of both symbols', () => {
    let cash = new Decimal(10_000);
    const held = new Map<string, Decimal>();
    for (const f of stored.fills) {
      const notional = f.quantity.times(f.price);
      cash = f.side === 'buy' ? cash.minus(notional) : cash.plus(notional);
      cash = cash.minus(f.fee);
      const q = held.get(f.symbol) ?? new Decimal(0);
      held.set(f.symbol, f.side === 'buy' ? q.plus(f.quantity) : q.minus(f.quantity));
    }
    for (const symbol of MULTI.symbols) {
      expect((held.get(symbol) ?? new Decimal(0)).toFixed()).toBe(
        summary.symbols.find((s) => s.symbol === symbol)?.position,
      );
    }
    const lastClose = (symbol: keyof typeof bars) => {
      const rows = stored.journal.filter((r) => r.symbol === symbol);
      return rows[rows.length - 1]?.close ?? 0;
    };
    const equity = cash
      .plus((held.get('ETH/USDT') ?? new Decimal(0)).times(lastClose('ETH/USDT')))
      .plus((held.get('SOL/USDT') ?? new Decimal(0)).times(lastClose('SOL/USDT')));
    expect(equity.toFixed(2)).toBe(summary.equity);
    const realized = summary.symbols.reduce((s, x) => s.plus(x.realizedPnl), new Decimal(0));
    expect(realized.minus(summary.realizedPnl).abs().toNumber()).toBeLessThanOrEqual(0.01);
  });

  it('never holds more than equity in total, nor more than the cap in one position', () => {
    const steps = new Map<number, { equity: number; exposure: number }>();
    for (const row of stored.journal) {
      const step = steps.get(row.ts) ?? { equity: row.equity, exposure: 0 };
      const notional = row.position * row.close;
      // a position is sized at <= 50% of equity at its entry close; prices move afterwards, so allow drift
      expect(notional).toBeLessThanOrEqual(0.5 * row.equity * 1.25);
      step.exposure += notional;
      steps.set(row.ts, step);
    }
    for (const { equity, exposure } of steps.values()) expect(exposure).toBeLessThanOrEqual(equity);
    // both symbols held at once at some step: the cash really is shared
    const both = [...new Set(stored.journal.map((r) => r.ts))].filter(
      (ts) => stored.journal.filter((r) => r.ts === ts && r.position > 0).length === 2,
    );
    expect(both.length).toBeGreaterThan(0);
    for (const order of stored.orders.filter((o) => o.side === 'buy')) {
      const ts = Number(order.clientOrderId.split('-')[1]);
      const row = stored.journal.find((r) => r.ts === ts && r.symbol === order.symbol);
      if (row === undefined) throw new Error('no journal row');
      expect(order.quantity.toNumber() * row.close).toBeLessThanOrEqual(0.5 * row.equity + 1e-6);
    }
  });

  it('resumes a multi-symbol run to the same trades as one uninterrupted run', async () => {
    const split = tempDir();
    const first = await runPaperBot(testConfig(split, { ...MULTI, maxBars: 400 }));
    expect(first.barsProcessed).toBe(400);
    const second = await runPaperBot(testConfig(split, MULTI));
    expect(second.resume.skippedBars).toBe(400);
    expect(second.equity).toBe(summary.equity);
    const got = await readStores(split);
    const view = (s: Stored) =>
      s.fills.map((f) => `${f.clientOrderId} ${f.symbol} ${f.side} ${f.quantity} @ ${f.price}`);
    expect(view(got)).toEqual(view(stored));
    expect(got.journal.map((r) => [r.ts, r.symbol, r.equity])).toEqual(
      stored.journal.map((r) => [r.ts, r.symbol, r.equity]),
    );
  }, 60_000);

  it('refuses to resume stores of other symbols, naming the field', async () => {
    await expect(runPaperBot(testConfig(dir, { ...MULTI, symbols: ['ETH/USDT'] }))).rejects.toThrow(
      /config symbols: the stores hold a run of SOL\/USDT/,
    );
  });
});

describe('the training-period rule with several symbols', () => {
  it('refuses 2024 when the model’s own symbol is among them', async () => {
    await expect(
      runPaperBot(testConfig(tempDir(), { ...MULTI, symbols: ['BTC/USDT', 'ETH/USDT'] })),
    ).rejects.toThrow(/inside the model's training\/validation period .* for BTC\/USDT/);
  });

  it('rejects a data file for several symbols and a symbol without embedded data', async () => {
    await expect(
      runPaperBot(testConfig(tempDir(), { ...MULTI, dataFile: embeddedDataFile('ETH/USDT') })),
    ).rejects.toThrow(/config dataFile: one file holds one symbol/);
    await expect(runPaperBot(testConfig(tempDir(), { ...MULTI, symbols: ['XRP/USDT'] }))).rejects.toThrow(
      /config symbols: no embedded data for XRP\/USDT/,
    );
  });
});
