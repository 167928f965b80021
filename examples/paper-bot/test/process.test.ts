import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPaperBot } from '../src/bot/run.js';
import { barsDone as barsOf, type Child, PACKAGE_ROOT as root, spawnCli, until } from './child-support.js';
import { readStores, removeTempDirs, TEST_WINDOW, tempDir, testConfig } from './support.js';

const cli = join(root, 'dist', 'cli.js');

function start(
  stateDir: string,
  args: readonly string[],
  env: Record<string, string> = {},
  window: readonly string[] = ['--from', TEST_WINDOW.from, '--to', TEST_WINDOW.to],
): Child {
  return spawnCli(cli, ['--state-dir', stateDir, ...window, ...args], env);
}

const barsDone = (text: string) => barsOf(text, 1416);

afterAll(removeTempDirs);

describe('the paper-bot process', () => {
  beforeAll(() => {
    // The child runs the built CLI (its @rrr dependencies resolve to their built dist).
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  }, 60_000);

  it('resumes after SIGKILL without duplicating or losing an order', async () => {
    const reference = tempDir();
    await runPaperBot(testConfig(reference));
    const expected = await readStores(reference);

    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ statusEvery: 1, status: 'lines' }));
    const killedAt: number[] = [];
    for (const stopAfter of [180, 520, 900]) {
      const child = start(dir, ['--config', config, '--speed', '600']);
      await until(() => barsDone(child.output()) >= stopAfter, 30_000);
      child.process.kill('SIGKILL');
      const { signal } = await child.exit;
      expect(signal).toBe('SIGKILL');
      killedAt.push(barsDone(child.output()));
      expect(barsDone(child.output())).toBeGreaterThanOrEqual(stopAfter);
    }
    expect(killedAt.every((n) => n < 1416)).toBe(true);
    const last = start(dir, ['--config', config]);
    const { code } = await last.exit;
    expect(code).toBe(0);
    expect(last.output()).toMatch(/bars +1416\/1416 processed/);
    expect(last.output()).toMatch(/audit chain +verified/);

    const got = await readStores(dir);
    const view = (s: typeof got) =>
      s.fills.map((f) => `${f.clientOrderId} ${f.side} ${f.quantity} @ ${f.price} fee ${f.fee}`);
    expect(view(got)).toEqual(view(expected));
    expect(got.orders.map((o) => `${o.clientOrderId} ${o.status}`)).toEqual(
      expected.orders.map((o) => `${o.clientOrderId} ${o.status}`),
    );
    expect(got.journal.map((r) => r.ts)).toEqual(expected.journal.map((r) => r.ts));
    expect(got.journal.map((r) => r.equity)).toEqual(expected.journal.map((r) => r.equity));
    // four starts, one orderly shutdown; every order event audited once
    expect(got.audit.filter((r) => r.kind === 'run.manifest')).toHaveLength(4);
    expect(got.audit.filter((r) => r.kind === 'config.changed')).toHaveLength(1);
    // every order and fill audited exactly once (records lost to a kill are recovered at the next start)
    const ids = (kind: string) =>
      got.audit.filter((r) => r.kind === kind).map((r) => (r.payload as { orderId: string }).orderId);
    expect(ids('order.intent').sort()).toEqual(expected.orders.map((o) => o.clientOrderId).sort());
    expect(ids('order.accepted').sort()).toEqual(expected.orders.map((o) => o.clientOrderId).sort());
    expect(ids('order.filled').sort()).toEqual(expected.fills.map((f) => f.clientOrderId).sort());
    expect(got.audit.filter((r) => r.kind === 'position.changed')).toHaveLength(expected.fills.length);
  }, 90_000);

  it('recovers from kills inside a bar: after fills were stored, and after an order reached the venue', async () => {
    const reference = tempDir();
    await runPaperBot(testConfig(reference));
    const expected = await readStores(reference);
    const dir = tempDir();
    for (const fault of [
      'order_placed:3',
      'venue_fills:2',
      'order_placed:1',
      'venue_fills:5',
      'order_placed:6',
    ]) {
      const child = start(dir, ['--status', 'off'], { PAPER_BOT_FAULT: fault });
      const { signal } = await child.exit;
      expect(signal, fault).toBe('SIGKILL');
    }
    const last = start(dir, ['--status', 'off']);
    expect((await last.exit).code).toBe(0);
    const got = await readStores(dir);
    const view = (s: typeof got) =>
      s.fills.map((f) => `${f.clientOrderId} ${f.side} ${f.quantity} @ ${f.price} fee ${f.fee}`);
    expect(view(got)).toEqual(view(expected));
    expect(got.journal.map((r) => r.equity)).toEqual(expected.journal.map((r) => r.equity));
    const ids = (kind: string) =>
      got.audit.filter((r) => r.kind === kind).map((r) => (r.payload as { orderId: string }).orderId);
    expect(ids('order.intent').sort()).toEqual(expected.orders.map((o) => o.clientOrderId).sort());
    expect(ids('order.filled').sort()).toEqual(expected.fills.map((f) => f.clientOrderId).sort());
    // the records a kill cut off were written at the next start, marked as recovered
    expect(got.audit.some((r) => (r.payload as { recovered?: boolean }).recovered === true)).toBe(true);
    expect(last.output()).toMatch(/audit chain +verified/);
  }, 90_000);

  it('recovers a two-symbol run from kills inside a time step without duplicating an order', async () => {
    const multi = {
      symbols: ['ETH/USDT', 'SOL/USDT'],
      from: '2024-03-01T00:00:00Z',
      to: '2024-04-01T00:00:00Z',
    };
    const window = ['--symbols', multi.symbols.join(','), '--from', multi.from, '--to', multi.to];
    const reference = tempDir();
    await runPaperBot(testConfig(reference, multi));
    const expected = await readStores(reference);
    const dir = tempDir();
    for (const fault of ['order_placed:5', 'venue_fills:9', 'order_placed:2', 'venue_fills:20']) {
      const child = start(dir, ['--status', 'off'], { PAPER_BOT_FAULT: fault }, window);
      const { signal } = await child.exit;
      expect(signal, fault).toBe('SIGKILL');
    }
    const last = start(dir, ['--status', 'off'], {}, window);
    expect((await last.exit).code).toBe(0);
    expect(last.output()).toMatch(/audit chain +verified/);
    const got = await readStores(dir);
    const view = (s: typeof got) =>
      s.fills.map((f) => `${f.clientOrderId} ${f.symbol} ${f.side} ${f.quantity} @ ${f.price} fee ${f.fee}`);
    expect(new Set(expected.fills.map((f) => f.symbol))).toEqual(new Set(multi.symbols));
    expect(view(got)).toEqual(view(expected));
    expect(got.orders.map((o) => `${o.clientOrderId} ${o.status}`)).toEqual(
      expected.orders.map((o) => `${o.clientOrderId} ${o.status}`),
    );
    expect(got.journal.map((r) => [r.ts, r.symbol, r.equity, r.position])).toEqual(
      expected.journal.map((r) => [r.ts, r.symbol, r.equity, r.position]),
    );
    const ids = (kind: string) =>
      got.audit.filter((r) => r.kind === kind).map((r) => (r.payload as { orderId: string }).orderId);
    expect(ids('order.intent').sort()).toEqual(expected.orders.map((o) => o.clientOrderId).sort());
    expect(ids('order.filled').sort()).toEqual(expected.fills.map((f) => f.clientOrderId).sort());
  }, 90_000);

  it('finishes the current bar and writes a final audit record on SIGTERM', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ statusEvery: 10, status: 'lines' }));
    const child = start(dir, ['--config', config, '--speed', '300']);
    await until(() => barsDone(child.output()) >= 100, 30_000);
    child.process.kill('SIGTERM');
    const { code } = await child.exit;
    expect(code).toBe(0);
    const out = child.output();
    expect(out).toContain('SIGTERM: finishing the current bar');
    expect(out).toContain('stopped by SIGTERM');
    const stored = await readStores(dir);
    const processed = Number(/bars +(\d+)\/1416 processed/.exec(out)?.[1]);
    expect(processed).toBeGreaterThanOrEqual(100);
    expect(processed).toBeLessThan(1416);
    expect(stored.journal).toHaveLength(processed);
    const final = stored.audit[stored.audit.length - 1];
    expect(final?.kind).toBe('config.changed');
    expect(final?.payload).toMatchObject({
      key: 'bot.lifecycle',
      after: 'stopped',
      reason: 'SIGTERM',
      barsProcessed: processed,
    });
  }, 60_000);

  it('prints the effective config with secrets redacted and rejects a bad field', async () => {
    const printed = start(tempDir(), ['--print-config'], { PAPER_BOT_API_SECRET: 'sk-very-secret-value' });
    expect((await printed.exit).code).toBe(0);
    const config = JSON.parse(printed.output()) as { credentials: unknown; speed: number };
    expect(config.credentials).toEqual({ apiSecret: '[REDACTED]' });
    expect(printed.output()).not.toContain('sk-very-secret-value');
    const bad = start(tempDir(), ['--speed=-3']);
    expect((await bad.exit).code).toBe(2);
    expect(bad.output()).toContain('speed: must be >= 0');
  }, 30_000);
});
