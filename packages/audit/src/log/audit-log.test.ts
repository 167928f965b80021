import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEvent, trades } from '../../test/support/fixtures.js';
import { JsonlSink } from '../jsonl/jsonl-sink.js';
import type { AuditSink, PendingRecord } from '../sink/types.js';
import { AuditLog } from './audit-log.js';

/** Records the size of every batch the log hands to the real sink underneath. */
function counting(sink: AuditSink): { sink: AuditSink; batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    sink: {
      append: (batch: readonly PendingRecord[]) => {
        batches.push(batch.length);
        return sink.append(batch);
      },
      head: () => sink.head(),
      read: (after, limit) => sink.read(after, limit),
      query: (q) => sink.query(q),
      close: () => sink.close(),
    },
  };
}

describe('AuditLog', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const openSink = async () => {
    const directory = await mkdtemp(join(tmpdir(), 'rrr-audit-log-'));
    dirs.push(directory);
    return JsonlSink.open({ directory });
  };

  it('group-commits concurrent appends into few batches and resolves each with its own record', async () => {
    const { sink, batches } = counting(await openSink());
    const log = new AuditLog({ sink, maxBatchSize: 64 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(fillEvent(i))));
    expect(results.map((r) => r.record.id)).toEqual(Array.from({ length: 200 }, (_, i) => `fill-${i}`));
    expect(results.map((r) => r.record.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(batches).toEqual([64, 64, 64, 8]);
    await log.close();
  });

  it('stamps records with the injected clock, not the wall clock', async () => {
    const sink = await openSink();
    let i = 0;
    const log = new AuditLog({ sink, clock: { now: () => trades[i++]?.timestamp ?? 0 } });
    const a = await log.append(fillEvent(0));
    const b = await log.append(fillEvent(1));
    expect([a.record.ts, b.record.ts]).toEqual([1610064000278, 1610064000310]);
    await expect(new AuditLog({ sink, clock: { now: () => 1.5 } }).append(fillEvent(2))).rejects.toThrow(
      'field "clock.now()" must return integer ms UTC (got 1.5)',
    );
    await log.close();
  });

  it('passes every payload through the redactor before it is hashed and stored', async () => {
    const sink = await openSink();
    const secret = 'sk-live-4f9a8b7c6d5e';
    const redactor = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value).replaceAll(secret, '[REDACTED]')) as unknown;
    const log = new AuditLog({ sink, redactor });
    const { record } = await log.append({
      kind: 'api.access',
      actor: 'ccxt',
      payload: {
        venue: 'binance',
        method: 'createOrder',
        outcome: 'error',
        latencyMs: 412,
        error: `bad key ${secret}`,
      },
    });
    expect(record.payload['error']).toBe('bad key [REDACTED]');
    const stored = await log.query({ kinds: ['api.access'] });
    expect(JSON.stringify(stored.records)).not.toContain(secret);
    expect(stored.records[0]?.payload['error']).toBe('bad key [REDACTED]');
    await expect(new AuditLog({ sink, redactor: () => 'gone' }).append(fillEvent(1))).rejects.toThrow(
      'field "payload" must still be an object after redaction (got string)',
    );
    await log.close();
  });

  it('is idempotent by event id and generates ids for events without one', async () => {
    const sink = await openSink();
    const log = new AuditLog({ sink, newId: () => 'generated-1' });
    const first = await log.append(fillEvent(5));
    const again = await log.append(fillEvent(5));
    expect(again).toEqual({ record: first.record, duplicate: true });
    const { id: _omit, ...anonymous } = fillEvent(6);
    expect((await log.append(anonymous)).record.id).toBe('generated-1');
    expect((await log.head()).seq).toBe(2);
    await log.close();
  });

  it('rejects an invalid event without storing anything, and stays healthy', async () => {
    const sink = await openSink();
    const log = new AuditLog({ sink });
    const bad = { ...fillEvent(0), payload: { orderId: 'o-1', quantity: '1', price: 'NaN', partial: false } };
    await expect(log.append(bad)).rejects.toMatchObject({ code: 'invalid_event' });
    expect(log.health).toEqual({ healthy: true });
    expect((await log.head()).seq).toBe(0);
    await log.close();
    await expect(log.append(fillEvent(1))).rejects.toThrow('audit log is closed');
    expect(() => new AuditLog({ sink, maxBatchSize: 0 })).toThrow(
      'field "maxBatchSize" must be an integer >= 1 (got 0)',
    );
  });
});
