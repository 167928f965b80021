import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAR_MS, type RunSummary, runPaperBot } from '../src/bot/run.js';
import { DEFAULT_DATA_FILE, loadBars } from '../src/data/bars.js';
import { LiveBars } from '../src/data/live.js';
import { BinanceKlinesServer } from './binance-server.js';
import { runCli } from './cli-support.js';
import { readStores, removeTempDirs, type Stored, tempDir, testConfig } from './support.js';

// Two days with an entry (2025-01-10 13:00) and its exit (2025-01-11 13:00) in the default strategy.
const FROM = Date.parse('2025-01-10T00:00:00Z');
const TO = Date.parse('2025-01-12T00:00:00Z');
const WINDOW = { from: '2025-01-10T00:00:00Z', to: '2025-01-12T00:00:00Z' };

afterAll(removeTempDirs);

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('live market data: the real ccxt binance client polling a local Binance server', () => {
  const bars = loadBars(DEFAULT_DATA_FILE);
  const real = new Map(bars.map((b) => [b.timestamp, b]));
  let server: BinanceKlinesServer;
  let live: RunSummary;
  let replay: RunSummary;
  let liveStored: Stored;
  let replayStored: Stored;
  const seen: { bar: number; clock: number }[] = [];
  const closedAtStep: number[] = [];

  beforeAll(async () => {
    // The exchange clock starts half an hour into the first bar of the window: that candle is still forming.
    server = await BinanceKlinesServer.start(bars, FROM + 30 * 60_000);
    const dir = tempDir();
    const config = testConfig(dir, {
      from: undefined,
      to: WINDOW.to,
      source: 'ccxt',
      exchange: 'binance',
      symbol: 'BTC/USDT',
      live: { pollMs: 10, warmupBars: 5000, timeoutMs: 5000, apiUrl: server.url },
    });
    const clock = { now: () => server.now };
    let started = false;
    const running = runPaperBot(config, {
      wallClock: clock,
      onStart: () => {
        started = true;
      },
      onBar: (state) => seen.push({ bar: state.barTime, clock: server.now }),
    });
    let failure: unknown;
    running.catch((error: unknown) => {
      failure = error;
    });
    // Move the exchange clock forward 5 h at a time, always to the middle of a candle, and wait until the bot
    // has processed every candle closed by then.
    await until(() => started || failure !== undefined, 'the start');
    while (server.now < TO + BAR_MS) {
      server.now += 5 * BAR_MS;
      const closed = Math.min(Math.floor((server.now - FROM) / BAR_MS), (TO - FROM) / BAR_MS);
      closedAtStep.push(closed);
      await until(() => seen.length >= closed || failure !== undefined, `${closed} bars`);
      if (failure !== undefined) throw failure;
      // give the bot a few more polls: it must not take the forming candle
      await new Promise((r) => setTimeout(r, 50));
      expect(seen.length).toBe(closed);
    }
    live = await running;
    liveStored = await readStores(dir);
    const replayDir = tempDir();
    replay = await runPaperBot(testConfig(replayDir, WINDOW));
    replayStored = await readStores(replayDir);
  }, 80_000);

  afterAll(async () => {
    await server.close();
  });

  it('processes each candle once, only after it closed, with the real values (never the forming candle)', () => {
    expect(live.barsProcessed).toBe(48);
    expect(live.stoppedBy).toBe('end_of_data');
    expect(seen.map((s) => s.bar)).toEqual(Array.from({ length: 48 }, (_, i) => FROM + i * BAR_MS));
    for (const s of seen) expect(s.bar + BAR_MS).toBeLessThanOrEqual(s.clock);
    expect(closedAtStep.slice(0, 3)).toEqual([5, 10, 15]);
    for (const row of liveStored.journal) expect(row.close).toBe(real.get(row.ts)?.close);
  });

  it('only reads public market data from the exchange: orders go to the paper venue', () => {
    expect(new Set(server.requests)).toEqual(new Set(['/api/v3/exchangeInfo', '/api/v3/klines']));
    // warm-up from the start of the data (3 pages of 1000), then one or more polls per step
    expect(server.requests.filter((p) => p === '/api/v3/klines').length).toBeGreaterThan(
      3 + closedAtStep.length,
    );
  });

  it('places orders at the paper venue only at a candle close, and they fill at the next open', () => {
    expect(liveStored.orders.map((o) => o.clientOrderId)).toEqual([
      'pb-1736514000000-entry',
      'pb-1736600400000-exit',
    ]);
    for (const order of liveStored.orders) {
      const barOpen = Number(order.clientOrderId.split('-')[1]);
      expect(order.createdAt).toBe(barOpen + BAR_MS);
      const observed = seen.find((s) => s.bar === barOpen);
      expect(observed?.clock ?? 0).toBeGreaterThanOrEqual(order.createdAt);
      expect(order.status).toBe('filled');
    }
    for (const fill of liveStored.fills) {
      const next = real.get(fill.timestamp);
      expect(next).toBeDefined();
      // market order at the next bar's open + 2 bps slippage
      const open = next?.open ?? 0;
      const expected = fill.side === 'buy' ? open * 1.0002 : open * 0.9998;
      expect(fill.price.toNumber()).toBeCloseTo(expected, 1);
    }
  });

  it('trades exactly like a replay of the same bars: same orders, fills, signals and equity', () => {
    expect(replay.barsProcessed).toBe(48);
    const orders = (s: Stored) =>
      s.orders.map((o) => [o.clientOrderId, o.side, o.quantity.toFixed(), o.status]);
    const fills = (s: Stored) =>
      s.fills.map((f) => [f.clientOrderId, f.price.toFixed(), f.quantity.toFixed(), f.fee.toFixed()]);
    const journal = (s: Stored) => s.journal.map((r) => [r.ts, r.close, r.signal, r.pUp, r.equity]);
    expect(orders(liveStored)).toEqual(orders(replayStored));
    expect(fills(liveStored)).toEqual(fills(replayStored));
    expect(journal(liveStored)).toEqual(journal(replayStored));
    expect(live.equity).toBe(replay.equity);
    expect(live.audit.verified).toBe(true);
  });

  it('refuses an exchange ccxt does not know', () => {
    expect(() =>
      LiveBars.open({
        exchange: 'nosuchexchange',
        symbol: 'BTC/USDT',
        barMs: BAR_MS,
        pollMs: 10,
        timeoutMs: 100,
      }),
    ).toThrow('exchange: ccxt has no exchange "nosuchexchange"');
  });

  it('runs from the command line: --source ccxt --exchange binance --symbols BTC/USDT', async () => {
    const dir = tempDir();
    const { code, out, err } = await runCli([
      '--source',
      'ccxt',
      '--exchange',
      'binance',
      '--symbols',
      'BTC/USDT',
      '--api-url',
      server.url,
      '--from',
      WINDOW.from,
      '--to',
      WINDOW.to,
      '--state-dir',
      dir,
      '--status',
      'off',
      '--poll-ms',
      '10',
    ]);
    expect(code, err).toBe(0);
    expect(out).toContain('bars          48/48 processed');
    expect(out).toContain('orders        filled 2');
    expect(out).toContain('UTC, live binance 1h candles, orders at the paper venue)');
    expect(out).toContain('stopped by end_of_data');
  });

  it('rejects symbols of different quote currencies, naming the field', async () => {
    const { code, err } = await runCli(['--source', 'ccxt', '--symbols', 'BTC/USDT,ETH/BTC']);
    expect(code).toBe(2);
    expect(err).toMatch(/symbols.*must all have the same quote currency/);
  });

  it('keeps polling through exchange outages and hands out the candle once it can be read', async () => {
    const source = LiveBars.open({
      exchange: 'binance',
      symbol: 'BTC/USDT',
      barMs: BAR_MS,
      pollMs: 10,
      timeoutMs: 2000,
      apiUrl: server.url,
      clock: { now: () => server.now },
    });
    server.now = FROM + 2 * BAR_MS + 60_000;
    server.failKlines = 4;
    const errors: string[] = [];
    const got = await source.next(FROM, undefined, (error) => errors.push(error.constructor.name));
    expect(server.failKlines).toBe(0);
    // 3 attempts per fetch in the adapter: the first poll gives up after 3 failures, the second succeeds
    expect(errors).toEqual(['ExchangeNotAvailable']);
    expect(got.map((b) => b.timestamp)).toEqual([FROM + BAR_MS]);
    expect(got[0]?.close).toBe(real.get(FROM + BAR_MS)?.close);
  });

  it('resumes a live run from its journal after a stop, and ends with the same trades as the replay', async () => {
    server.now = TO + 30 * 60_000;
    const dir = tempDir();
    const live = (overrides: Record<string, unknown>) =>
      testConfig(dir, {
        to: WINDOW.to,
        source: 'ccxt',
        live: { pollMs: 10, warmupBars: 5000, timeoutMs: 5000, apiUrl: server.url },
        ...overrides,
      });
    const clock = { now: () => server.now };
    const first = await runPaperBot(live({ from: WINDOW.from, maxBars: 20 }), { wallClock: clock });
    expect(first.stoppedBy).toBe('max_bars');
    expect(first.barsProcessed).toBe(20);
    // no `from` now: the live default is the first bar of the journal, not the candle forming now
    const second = await runPaperBot(live({ from: undefined }), { wallClock: clock });
    expect(second.resume.skippedBars).toBe(20);
    expect(second.barsThisRun).toBe(28);
    expect(second.stoppedBy).toBe('end_of_data');
    const stored = await readStores(dir);
    const ids = (s: Stored) => s.orders.map((o) => [o.clientOrderId, o.status, o.quantity.toFixed()]);
    expect(ids(stored)).toEqual(ids(replayStored));
    expect(stored.fills.map((f) => f.price.toFixed())).toEqual(
      replayStored.fills.map((f) => f.price.toFixed()),
    );
    expect(stored.journal.map((r) => [r.ts, r.equity])).toEqual(
      replayStored.journal.map((r) => [r.ts, r.equity]),
    );
  });
});
