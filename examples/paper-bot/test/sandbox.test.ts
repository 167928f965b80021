import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryOrderStore, OrderManager, Portfolio } from '@rrr/orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPaperBot } from '../src/bot/run.js';
import type { BotVenue } from '../src/bot/seams.js';
import { loadConfig } from '../src/config/load.js';
import { DEFAULT_DATA_FILE, loadBars } from '../src/data/bars.js';
import { openBotVenue } from '../src/venue/open.js';
import { openSandboxVenue } from '../src/venue/sandbox.js';
import { createSandboxClient, hasSandbox } from '../src/venue/sandbox-client.js';
import { BinanceKlinesServer } from './binance-server.js';
import { runCli } from './cli-support.js';
import { SANDBOX_KEYS, SandboxExchange } from './sandbox-support.js';
import { readStores, removeTempDirs, tempDir, testConfig } from './support.js';

// Two days with an entry (2025-01-10 13:00) and its exit (2025-01-11 13:00) in the default strategy.
const WINDOW = { from: '2025-01-10T00:00:00Z', to: '2025-01-12T00:00:00Z' } as const;
const ENTRY = 'pb-1736514000000-entry';

afterAll(removeTempDirs);

const BAR = {
  timestamp: 1_736_514_000_000,
  open: 94_100,
  high: 94_500,
  low: 93_900,
  close: 94_321,
  volume: 12,
};

describe('the sandbox venue: real ccxt binance client in sandbox mode against a local Binance server', () => {
  const exchange = new SandboxExchange();
  let venue: BotVenue;

  beforeAll(async () => {
    await exchange.start();
    venue = await openSandboxVenue({
      exchange: 'binance',
      ...SANDBOX_KEYS,
      timeoutMs: 5000,
      apiUrl: exchange.url,
      symbols: ['BTC/USDT'],
      barTime: true,
    });
  });
  afterAll(async () => {
    await venue.close();
    await exchange.stop();
  });

  it('switches ccxt to the exchange test environment before re-pointing the host', () => {
    const client = createSandboxClient({ exchange: 'binance', ...SANDBOX_KEYS, timeoutMs: 5000 });
    const api = client.urls['api'] as Record<string, string>;
    expect(api['private']).toBe('https://testnet.binance.vision/api/v3');
    expect(api['public']).toBe('https://testnet.binance.vision/api/v3');
    const local = createSandboxClient({
      exchange: 'binance',
      ...SANDBOX_KEYS,
      timeoutMs: 5000,
      apiUrl: `${exchange.url}/`,
    });
    expect((local.urls['api'] as Record<string, string>)['private']).toBe(`${exchange.url}/api/v3`);
  });

  it('reads market rules and the account balances of the traded currencies only', async () => {
    const market = await venue.market('BTC/USDT');
    expect([market.tickSize.toString(), market.lotStep.toString(), market.minNotional.toString()]).toEqual([
      '0.01',
      '0.00001',
      '5',
    ]);
    const balances = await venue.balances();
    expect(
      Object.fromEntries(Object.entries(balances).map(([k, v]) => [k, v.toString()])),
      'ETH and LTC of the account are left out',
    ).toEqual({ BTC: '0', USDT: '10000' });
    expect(
      exchange.requests.some((r) => r.path === '/api/v3/account' && r.apiKeyHeader === SANDBOX_KEYS.apiKey),
    ).toBe(true);
  });

  it('sends orders with our client order id; fills made later at the venue reach the portfolio on the next bar', async () => {
    const portfolio = new Portfolio(await venue.balances());
    const store = new MemoryOrderStore();
    const manager = new OrderManager({ exchange: venue.exchange, store, portfolio, seed: 7 });
    await manager.start();
    exchange.binance.mode = 'partial';
    exchange.binance.marketPrice = 94_321;
    const order = await manager.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    expect(exchange.binance.createRequests).toContain(order.clientOrderId);
    expect(order.status).toBe('partially_filled');
    expect(portfolio.position('BTC/USDT').quantity.toString()).toBe('0.005');

    exchange.binance.fill(order.clientOrderId, 0.002, 94_400);
    await venue.onBarClosed('BTC/USDT', BAR, manager);
    expect((await manager.get(order.clientOrderId))?.status).toBe('partially_filled');
    expect(portfolio.position('BTC/USDT').quantity.toString()).toBe('0.007');
    const venueCalls = exchange.requests.length;
    await venue.onBarClosed('ETH/USDT', BAR, manager);
    expect(exchange.requests.length, 'one reconciliation per time step, whatever the number of symbols').toBe(
      venueCalls,
    );

    exchange.binance.fill(order.clientOrderId, 0.003, 94_450);
    await venue.onBarClosed('BTC/USDT', { ...BAR, timestamp: BAR.timestamp + 3_600_000 }, manager);
    expect((await manager.get(order.clientOrderId))?.status).toBe('filled');
    expect(portfolio.position('BTC/USDT').quantity.toString()).toBe('0.01');
    const cost = 0.005 * 94_321 + 0.002 * 94_400 + 0.003 * 94_450;
    expect(portfolio.balance('USDT').toFixed(4), 'three fills, 0.1% fee in USDT each').toBe(
      (10_000 - cost * 1.001).toFixed(4),
    );
    // replayed candles: fills reach the bot in bar time (the close of the bar being processed), ids unchanged
    const times = (await store.fills(order.clientOrderId)).map((f) => f.timestamp);
    expect(times[0], "before any bar: the venue's own time").not.toBe(BAR.timestamp + 3_600_000);
    expect(times.slice(1)).toEqual([BAR.timestamp + 3_600_000, BAR.timestamp + 7_200_000]);
    const idle = exchange.requests.length;
    await venue.onBarClosed('BTC/USDT', { ...BAR, timestamp: BAR.timestamp + 7_200_000 }, manager);
    expect(exchange.requests.length, 'no open order: no venue call').toBe(idle);

    exchange.binance.mode = 'reject';
    const refused = await manager.create({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      quantity: '0.01',
    });
    expect(refused.status).toBe('rejected');
    expect(refused.reasonCode).toBe('insufficient_funds');
    expect(refused.reason).toContain('insufficient balance');
    exchange.binance.mode = 'auto';
    manager.stop();
  });

  it('fails clearly for an unknown exchange, one without a test environment, and missing keys', async () => {
    expect(hasSandbox('binance')).toBe(true);
    expect(hasSandbox('bitstamp')).toBe(false);
    expect(() => createSandboxClient({ exchange: 'nosuch', ...SANDBOX_KEYS, timeoutMs: 5000 })).toThrow(
      expect.objectContaining({
        code: 'unknown_exchange',
        message: 'exchange: ccxt has no exchange "nosuch"',
      }),
    );
    expect(() => createSandboxClient({ exchange: 'bitstamp', ...SANDBOX_KEYS, timeoutMs: 5000 })).toThrow(
      expect.objectContaining({ code: 'no_sandbox' }),
    );
    await expect(openBotVenue(loadConfig({ overrides: { venue: 'sandbox' } }))).rejects.toMatchObject({
      code: 'no_credentials',
    });
    expect(await openBotVenue(loadConfig())).toBeUndefined();
  });

  it('refuses to open when a traded symbol is not listed', async () => {
    await expect(
      openSandboxVenue({
        exchange: 'binance',
        ...SANDBOX_KEYS,
        timeoutMs: 5000,
        apiUrl: exchange.url,
        symbols: ['BTC/USDT', 'DOGE/USDT'],
        barTime: false,
      }),
    ).rejects.toMatchObject({ code: 'unknown_market' });
  });
});

describe('a paper-bot run with --venue sandbox (replayed candles, orders at the local Binance test server)', () => {
  it("places the bot's orders at the venue, reconciles later fills into the portfolio, records a rejection, leaks no key", async () => {
    const exchange = new SandboxExchange();
    await exchange.start();
    try {
      const binance = exchange.binance;
      binance.marketPrice = 94_500;
      binance.mode = 'partial'; // the entry fills half at once, the rest later at the venue
      let rest = 0;
      const onBar = () => {
        const entry = binance.orders.get(ENTRY);
        if (entry !== undefined && rest === 0) {
          rest = Number((Number(entry.origQty) - entry.executedQty).toFixed(5));
          binance.fill(ENTRY, rest, 94_600);
          binance.mode = 'reject'; // the next order (the exit) is refused
        } else if (binance.createRequests.length >= 2) binance.mode = 'auto';
      };
      const dir = tempDir();
      const config = testConfig(dir, {
        ...WINDOW,
        venue: 'sandbox',
        exchange: 'binance',
        sandbox: { timeoutMs: 5000, apiUrl: exchange.url },
        credentials: SANDBOX_KEYS,
      });
      const venue = await openBotVenue(config);
      const summary = await runPaperBot(config, { ...(venue === undefined ? {} : { venue }), onBar });

      expect(binance.createRequests[0], "the bot's client order id reaches the venue").toBe(ENTRY);
      expect(binance.createRequests[1]).toMatch(/^pb-\d+-exit$/);
      const stored = await readStores(dir);
      expect(stored.orders.map((o) => o.clientOrderId).sort()).toEqual(
        [...new Set(binance.createRequests)].sort(),
      );

      const entry = stored.orders.find((o) => o.clientOrderId === ENTRY);
      expect(entry?.status).toBe('filled');
      const entryFills = stored.fills.filter((f) => f.clientOrderId === ENTRY);
      expect(entryFills.map((f) => f.price.toString())).toEqual(['94500', '94600']);
      expect(entryFills[1]?.quantity.toNumber(), 'the fill made later at the venue is stored').toBe(rest);
      expect(entryFills.reduce((q, f) => q + f.quantity.toNumber(), 0)).toBeCloseTo(
        entry?.quantity.toNumber() ?? 0,
        10,
      );

      const exit = stored.orders.find((o) => o.clientOrderId === binance.createRequests[1]);
      expect(exit?.status).toBe('rejected');
      expect(exit?.reasonCode).toBe('insufficient_funds');
      const rejected = stored.audit.filter((r) => r.kind === 'order.rejected');
      expect(rejected.map((r) => (r.payload as { orderId: string }).orderId)).toContain(exit?.clientOrderId);

      // the portfolio holds what the venue filled: cash 10,000 from the account minus both fills and their fees
      const bought = entryFills.reduce((q, f) => q + f.quantity.toNumber(), 0);
      const held = summary.symbols.find((s) => s.symbol === 'BTC/USDT');
      const sold = stored.fills
        .filter((f) => f.side === 'sell')
        .reduce((q, f) => q + f.quantity.toNumber(), 0);
      expect(Number(held?.position)).toBeCloseTo(bought - sold, 10);
      expect(summary.fills).toBe(stored.fills.length);
      expect(summary.audit.verified).toBe(true);

      const signed = exchange.requests.filter((r) => r.path === '/api/v3/order' && r.method === 'POST');
      expect(signed.length).toBeGreaterThanOrEqual(2);
      expect(
        signed.every((r) => r.apiKeyHeader === SANDBOX_KEYS.apiKey),
        'orders signed with the sandbox key',
      ).toBe(true);
      const log = readFileSync(join(dir, 'bot.log'), 'utf8');
      const auditBytes = readFileSync(join(dir, 'audit.db')).toString('latin1');
      for (const secret of Object.values(SANDBOX_KEYS)) {
        expect(log, 'bot.log').not.toContain(secret);
        expect(JSON.stringify(stored.audit), 'audit records').not.toContain(secret);
        expect(auditBytes, 'audit.db file').not.toContain(secret);
      }
      expect(log).toContain('[REDACTED]');
    } finally {
      await exchange.stop();
    }
  }, 60_000);

  it('runs from the command line with the keys from the environment and sandbox.apiUrl from the config file', async () => {
    const exchange = new SandboxExchange();
    await exchange.start();
    try {
      exchange.binance.marketPrice = 94_500;
      const dir = tempDir();
      const file = join(dir, 'bot.json');
      writeFileSync(file, JSON.stringify({ sandbox: { apiUrl: exchange.url, timeoutMs: 5000 } }), {
        mode: 0o600,
      });
      const env = { PAPER_BOT_API_KEY: SANDBOX_KEYS.apiKey, PAPER_BOT_API_SECRET: SANDBOX_KEYS.apiSecret };
      const args = ['--config', file, '--venue', 'sandbox', '--exchange', 'binance', '--symbols', 'BTC/USDT'];
      const window = ['--from', WINDOW.from, '--to', WINDOW.to, '--state-dir', dir, '--status', 'off'];
      const run = await runCli([...args, ...window], env);
      expect(run.code, run.output).toBe(0);
      // fills at the venue's price (94,500), not the replay's: the stop-loss exits earlier than in the paper run
      expect(exchange.binance.createRequests).toHaveLength(2);
      expect(exchange.binance.createRequests[0]).toBe(ENTRY);
      expect(exchange.binance.createRequests[1]).toMatch(/^pb-\d+-exit$/);
      expect(run.output).toContain('orders        filled 2');
      expect(run.output).not.toContain(SANDBOX_KEYS.apiSecret);

      const down = join(dir, 'down.json');
      writeFileSync(down, JSON.stringify({ sandbox: { apiUrl: 'http://127.0.0.1:1', timeoutMs: 1000 } }), {
        mode: 0o600,
      });
      const unreachable = [
        '--config',
        down,
        ...args.slice(2),
        ...window.slice(0, 4),
        '--state-dir',
        tempDir(),
      ];
      const failed = await runCli(unreachable, env);
      expect(failed.code).toBe(1);
      expect(failed.output).toContain(
        'paper-bot failed: binance GET http://127.0.0.1:1/api/v3/exchangeInfo fetch failed: connect ECONNREFUSED',
      );
      expect(failed.output).not.toContain(SANDBOX_KEYS.apiSecret);

      const missing = await runCli([...args, ...window]);
      expect(missing.code).toBe(2);
      expect(missing.output).toContain('PAPER_BOT_API_KEY: missing');
      expect(missing.output).toContain('PAPER_BOT_API_SECRET: missing');
    } finally {
      await exchange.stop();
    }
  }, 60_000);

  it('trades live candles (--source ccxt) at the sandbox: candles from one server, orders to the other', async () => {
    const from = Date.parse(WINDOW.from);
    const to = Date.parse(WINDOW.to);
    const candles = await BinanceKlinesServer.start(loadBars(DEFAULT_DATA_FILE), from + 30 * 60_000);
    const exchange = new SandboxExchange();
    await exchange.start();
    try {
      exchange.binance.marketPrice = 94_500;
      const config = testConfig(tempDir(), {
        from: undefined,
        to: WINDOW.to,
        source: 'ccxt',
        venue: 'sandbox',
        live: { pollMs: 10, warmupBars: 5000, timeoutMs: 5000, apiUrl: candles.url },
        sandbox: { timeoutMs: 5000, apiUrl: exchange.url },
        credentials: SANDBOX_KEYS,
      });
      const venue = await openBotVenue(config);
      let processed = 0;
      let started = false;
      const running = runPaperBot(config, {
        ...(venue === undefined ? {} : { venue }),
        wallClock: { now: () => candles.now },
        onStart: () => {
          started = true;
        },
        onBar: () => {
          processed++;
        },
      });
      let failure: unknown;
      running.catch((error: unknown) => {
        failure = error;
      });
      while (!started && failure === undefined) await new Promise((r) => setTimeout(r, 10));
      while (candles.now < to + 3_600_000 && failure === undefined) {
        candles.now += 6 * 3_600_000;
        const closed = Math.min(Math.floor((candles.now - from) / 3_600_000), 48);
        const deadline = Date.now() + 20_000;
        while (processed < closed && failure === undefined && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 10));
      }
      const summary = await running;
      expect(summary.barsProcessed).toBe(48);
      expect(exchange.binance.createRequests[0], 'the entry of the replay, placed at the sandbox').toBe(
        ENTRY,
      );
      expect(new Set(candles.requests), 'no order went to the market-data host').toEqual(
        new Set(['/api/v3/exchangeInfo', '/api/v3/klines']),
      );
      expect(
        exchange.requests.some((r) => r.path === '/api/v3/klines'),
        'no candle came from the venue',
      ).toBe(false);
      expect(summary.fills).toBeGreaterThanOrEqual(1);
    } finally {
      await exchange.stop();
      await candles.close();
    }
  }, 60_000);
});
