import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteOrderStore } from '../src/sqlite/sqlite-store.js';
import { mulberry32 } from '../src/util/random.js';
import { startVenue } from './crash/venue-server.js';
import { btcBars } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'rrr-orders-crash-'));
// The child bundle lives inside the package so that its external imports (better-sqlite3, ...) resolve.
const bundleDir = fileURLToPath(new URL(`../.tmp/crash-${process.pid}/`, import.meta.url));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
  const parent = fileURLToPath(new URL('../.tmp/', import.meta.url));
  if (readdirSync(parent).length === 0) rmdirSync(parent);
});

interface Round {
  acked: string[];
  report: Record<string, unknown> | undefined;
}

/** Runs the child until `acks` orders were acknowledged plus a random few ms, then SIGKILLs it. */
function runChild(
  script: string,
  db: string,
  url: string,
  round: number,
  killAfterAcks: number,
  extraMs: number,
): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [script, db, url, String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: Round = { acked: [], report: undefined };
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) result.acked.push(line.slice(4));
        else if (line.startsWith('report '))
          result.report = JSON.parse(line.slice(7)) as Record<string, unknown>;
      }
      if (!killing && result.acked.length >= killAfterAcks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(result);
      else reject(new Error(`child exited without being killed: ${stderr}`));
    });
  });
}

describe('crash safety (SIGKILL of a process submitting orders to SQLite)', () => {
  it('loses nothing acknowledged, duplicates nothing, and reconciliation leaves store and venue in agreement', async () => {
    mkdirSync(bundleDir, { recursive: true });
    const script = join(bundleDir, 'child.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./crash/child.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: script,
      external: ['better-sqlite3', 'decimal.js', 'zod'],
      logLevel: 'silent',
    });
    const { url, venue, submits, server } = await startVenue();
    const db = join(dir, 'orders.db');
    const bars = btcBars();
    const random = mulberry32(2024);
    const acked: string[] = [];
    const reports: (Record<string, unknown> | undefined)[] = [];
    try {
      for (let round = 0; round < 4; round++) {
        const r = await runChild(
          script,
          db,
          url,
          round,
          20 + Math.floor(random() * 40),
          Math.floor(random() * 15),
        );
        acked.push(...r.acked);
        reports.push(r.report);
        if (round > 0)
          expect(r.report?.['checked'], `round ${round} reconciled the previous round`).toBeTypeOf('number');
        const bar = bars[round];
        if (bar) venue.onBar(bar); // fills happen at the venue while the order process is down
      }
      // final restart: reconcile, then compare store and venue
      const final = await runChild(script, db, url, 99, 0, 0);
      reports.push(final.report);
      expect(final.report?.['checked']).toBeTypeOf('number');
    } finally {
      server.close();
    }
    const store = SqliteOrderStore.open(db);
    const orders = await store.list();
    const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
    expect(acked.length).toBeGreaterThan(60);
    // market orders left open by each killed process filled at the venue on the next bar, while it was down:
    // every restart applied those fills
    for (const report of reports.slice(1)) expect(report?.['fillsApplied']).toBeGreaterThan(0);
    for (const id of acked) expect(byId.get(id)?.status, `acknowledged ${id} is stored`).toBeDefined();
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(orders.length);
    const venueOrders = [...submits.keys()];
    // every stored order reached the venue exactly as one order (the venue is idempotent by client order id) ...
    for (const order of orders) {
      const report = await venue.fetchOrder(order.clientOrderId);
      if (order.status === 'pending_new') continue; // created by the final child after its reconcile, never sent
      expect(report, `${order.clientOrderId} is known to the venue`).toBeDefined();
      if (order.clientOrderId.startsWith('r99-')) continue; // may have filled after the last reconcile
      expect([order.clientOrderId, order.status, order.filledQuantity.toString()]).toEqual([
        order.clientOrderId,
        report?.status,
        report?.filledQuantity.toString(),
      ]);
    }
    // ... and the venue holds no order the store does not know
    for (const id of venueOrders) expect(byId.has(id), `venue order ${id} is in the store`).toBe(true);
    const fills = await store.fills();
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(fills.length);
    expect(fills.length).toBeGreaterThan(0);
    await store.close();
  }, 60_000);
});
