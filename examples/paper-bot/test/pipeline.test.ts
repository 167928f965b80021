import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveredAuditEvents } from '../src/bot/audit-bridge.js';
import { BAR_MS, type RunSummary, runPaperBot } from '../src/bot/run.js';
import { DEFAULT_DATA_FILE, loadBars } from '../src/data/bars.js';
import { readStores, removeTempDirs, type Stored, tempDir, testConfig } from './support.js';

const SECRET = 'sk-live-0123456789abcdef';

afterAll(removeTempDirs);

describe('runPaperBot over two months of the test period', () => {
  let dir: string;
  let summary: RunSummary;
  let stored: Stored;
  const bars = new Map(loadBars(DEFAULT_DATA_FILE).map((b) => [b.timestamp, b]));

  beforeAll(async () => {
    dir = tempDir();
    summary = await runPaperBot(testConfig(dir, { credentials: { apiSecret: SECRET } }));
    stored = await readStores(dir);
  }, 60_000);

  it('processes every bar of the window, predicting only after 2025-01-01', () => {
    expect(summary.barsTotal).toBe(1416);
    expect(summary.barsProcessed).toBe(1416);
    expect(summary.complete).toBe(true);
    expect(summary.stoppedBy).toBe('end_of_data');
    expect(stored.journal).toHaveLength(1416);
    expect(stored.journal[0]?.ts).toBe(Date.parse('2025-01-01T00:00:00Z'));
    // The stream was warmed up on 2024 bars, so the very first bar already has a prediction.
    expect(Number.isNaN(stored.journal[0]?.pUp ?? Number.NaN)).toBe(false);
    const counted = Object.values(summary.signals).reduce((a, b) => a + b, 0);
    expect(counted).toBe(1416);
    expect(summary.signals['none']).toBeUndefined();
  });

  it('fills every order at the open of the bar after the one that produced it, never earlier', () => {
    expect(stored.orders.length).toBe(32);
    expect(summary.ordersByStatus).toEqual({ filled: 32 });
    expect(stored.fills).toHaveLength(32);
    for (const fill of stored.fills) {
      const order = stored.orders.find((o) => o.clientOrderId === fill.clientOrderId);
      if (order === undefined) throw new Error(`fill of unknown order ${fill.clientOrderId}`);
      const signalBar = Number(order.clientOrderId.split('-')[1]);
      expect(order.createdAt).toBe(signalBar + BAR_MS);
      const next = bars.get(fill.timestamp);
      if (next === undefined) throw new Error(`no bar at ${fill.timestamp}`);
      expect(fill.timestamp).toBeGreaterThan(signalBar);
      // market order: next open plus 2 bps slippage, rounded to the tick against the taker
      const slip = new Decimal(next.open).times(order.side === 'buy' ? 1.0002 : 0.9998);
      const expected =
        order.side === 'buy'
          ? slip.toDecimalPlaces(2, Decimal.ROUND_UP)
          : slip.toDecimalPlaces(2, Decimal.ROUND_DOWN);
      expect(fill.price.toFixed(2)).toBe(expected.toFixed(2));
      expect(fill.fee.toFixed(8)).toBe(fill.quantity.times(fill.price).times('0.001').toFixed(8));
    }
  });

  it('alternates entries and exits and sizes entries by fractional Kelly within the equity cap', () => {
    const sides = stored.orders.map((o) => o.side);
    expect(sides.every((s, i) => s === (i % 2 === 0 ? 'buy' : 'sell'))).toBe(true);
    for (const [i, order] of stored.orders.entries()) {
      if (order.side === 'sell') {
        expect(order.quantity.eq(stored.orders[i - 1]?.quantity ?? -1)).toBe(true);
        continue;
      }
      const row = stored.journal.find((r) => r.ts === Number(order.clientOrderId.split('-')[1]));
      if (row === undefined) throw new Error('no journal row');
      expect(row.signal).toBe('up');
      // f* = P(up) - P(down) * stopLoss / takeProfit, halved, capped at 50% of equity
      const f = Math.min(0.5, 0.5 * (row.pUp - (row.pDown * 0.02) / 0.03));
      const equityBefore = stored.journal[stored.journal.indexOf(row)]?.equity ?? 0;
      const notional = order.quantity.toNumber() * row.close;
      expect(notional).toBeLessThanOrEqual(f * equityBefore + 1e-6);
      expect(notional).toBeGreaterThan(f * equityBefore - row.close * 0.00001 - 1e-6);
    }
  });

  it('keeps equity consistent between the portfolio, the fills and the journal', () => {
    const last = stored.journal[stored.journal.length - 1];
    expect(Number(summary.equity)).toBeCloseTo(last?.equity ?? 0, 2);
    const realized = new Decimal(summary.realizedPnl);
    const fees = stored.fills.reduce((s, f) => s.plus(f.fee), new Decimal(0));
    expect(fees.toFixed(2)).toBe(summary.fees);
    // flat at the end: equity = cash = initial + realized (net of fees)
    expect(new Decimal(summary.equity).minus(10_000).toFixed(2)).toBe(realized.toFixed(2));
    const peakDd = Math.max(...stored.journal.map((r) => r.drawdown));
    expect(summary.maxDrawdown).toBeCloseTo(peakDd, 12);
  });

  it('audits every order event, the manifest and the shutdown, in a verified chain', () => {
    expect(summary.audit.verified).toBe(true);
    const kinds = stored.audit.map((r) => r.kind);
    expect(kinds[0]).toBe('run.manifest');
    expect(kinds[kinds.length - 1]).toBe('config.changed');
    const count = (k: string) => kinds.filter((x) => x === k).length;
    expect(count('order.intent')).toBe(32);
    expect(count('order.submitted')).toBe(32);
    const submitted = stored.audit.find((r) => r.kind === 'order.submitted')?.payload;
    expect(submitted).toMatchObject({ venue: 'paper' });
    expect(count('order.accepted')).toBe(32);
    expect(count('order.filled')).toBe(32);
    expect(count('position.changed')).toBe(32);
    expect(stored.audit).toHaveLength(summary.audit.records);
    const final = stored.audit[stored.audit.length - 1]?.payload as Record<string, unknown>;
    expect(final['reason']).toBe('end_of_data');
    expect(final['barsProcessed']).toBe(1416);
  });

  it('rebuilds from the stores exactly the audit ids the live run wrote (so recovery after a crash dedupes)', () => {
    const live = stored.audit
      .filter((r) => r.kind.startsWith('order.') || r.kind === 'position.changed')
      .map((r) => r.id);
    const rebuilt = recoveredAuditEvents(stored.orders, stored.fills);
    expect(rebuilt.map((e) => e.id).sort()).toEqual([...live].sort());
    const fill = rebuilt.find((e) => e.kind === 'position.changed');
    expect(fill?.payload).toMatchObject({ recovered: true, quantityBefore: '0' });
  });

  it('never writes a secret into the audit log', () => {
    const raw = readFileSync(join(dir, 'audit.db'));
    expect(raw.includes(SECRET)).toBe(false);
    const log = readFileSync(join(dir, 'bot.log'), 'utf8');
    expect(log).not.toContain(SECRET);
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(lines[0]?.msg).toBe('paper-bot started');
    expect(lines[lines.length - 1]?.msg).toBe('paper-bot stopped');
    expect(lines.filter((l) => l.msg === 'fill')).toHaveLength(32);
    const manifest = stored.audit[0]?.payload as { config: { credentials: { apiSecret: string } } };
    expect(manifest.config.credentials.apiSecret).toBe('[REDACTED]');
  });
});

describe('resuming on the same stores', () => {
  it('gives the same orders, fills and equity as one uninterrupted run', async () => {
    const whole = tempDir();
    const reference = await runPaperBot(testConfig(whole));
    const split = tempDir();
    const first = await runPaperBot(testConfig(split, { maxBars: 500 }));
    expect(first.stoppedBy).toBe('max_bars');
    expect(first.barsProcessed).toBe(500);
    const second = await runPaperBot(testConfig(split));
    expect(second.resume.skippedBars).toBe(500);
    expect(second.barsThisRun).toBe(916);
    expect(second.equity).toBe(reference.equity);
    const a = await readStores(whole);
    const b = await readStores(split);
    const view = (s: typeof a) =>
      s.fills.map((f) => `${f.clientOrderId} ${f.side} ${f.quantity} @ ${f.price} fee ${f.fee}`);
    expect(view(b)).toEqual(view(a));
    expect(b.fills.every((f) => f.fee.gt(0))).toBe(true);
    expect(b.journal.map((r) => r.equity)).toEqual(a.journal.map((r) => r.equity));
    expect(b.audit.filter((r) => r.kind === 'run.manifest')).toHaveLength(2);
    const third = await runPaperBot(testConfig(split));
    expect(third.barsThisRun).toBe(0);
    expect((await readStores(split)).orders).toHaveLength(a.orders.length);
  }, 60_000);

  it('denies through the pre-trade hook: oversized orders never reach the venue, and the kill switch stops entries', async () => {
    const tight = tempDir();
    const denied = await runPaperBot(
      testConfig(tight, { riskLimits: { defaults: { maxOrderNotional: 500 } } }),
    );
    const stores = await readStores(tight);
    expect(stores.fills).toHaveLength(0);
    expect(Object.keys(denied.ordersByStatus)).toEqual(['denied']);
    expect(
      stores.orders.every((o) => o.reasonCode === 'max_order_notional' && o.venueOrderId === undefined),
    ).toBe(true);
    expect(stores.audit.filter((r) => r.kind === 'order.denied')).toHaveLength(stores.orders.length);
    expect(stores.audit.filter((r) => r.kind === 'order.submitted')).toHaveLength(0);
    expect(denied.equity).toBe('10000.00');

    const guarded = tempDir();
    await runPaperBot(
      testConfig(guarded, { riskLimits: { killSwitch: { maxDrawdown: 0.005, action: 'reduce' } } }),
    );
    const g = await readStores(guarded);
    const change = g.audit.find((r) => r.kind === 'risk.state_changed');
    expect(change?.payload).toMatchObject({ from: 'active', to: 'reducing' });
    const at = (change?.payload as { at: number } | undefined)?.at ?? Number.POSITIVE_INFINITY;
    const after = g.orders.filter((o) => o.createdAt >= at);
    expect(after.length).toBeGreaterThan(0);
    const buys = g.orders.filter((o) => o.side === 'buy' && o.status === 'denied');
    expect(buys.length).toBeGreaterThan(0);
    expect(buys.every((o) => o.reasonCode === 'reducing_only')).toBe(true);
    expect(g.fills.length).toBeLessThan(32);
    expect(after.every((o) => o.side === 'sell' || o.status === 'denied')).toBe(true);
  }, 60_000);

  it('refuses a start inside the model training period', async () => {
    await expect(runPaperBot(testConfig(tempDir(), { from: '2024-12-01T00:00:00Z' }))).rejects.toThrow(
      /inside the model's training\/validation period/,
    );
  });
});
