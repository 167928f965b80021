import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, verifySink } from '../../src/log/audit-log.js';
import { GENESIS_HASH, hashRecord } from '../../src/record/record.js';
import type { AuditSink } from '../../src/sink/types.js';
import { pendingFill, trades } from './fixtures.js';

/** A fresh, empty sink plus a way to reopen the same storage. */
export interface SinkHarness {
  readonly sink: AuditSink;
  /** Closes nothing; opens a second handle on the same storage (call after closing `sink`). */
  reopen(): Promise<AuditSink>;
  /** Removes the storage. */
  cleanup(): Promise<void>;
}

/**
 * The contract every `AuditSink` must pass. Register it from each sink's test file.
 *
 * @param name - sink name for the describe block
 * @param create - makes a fresh, empty harness
 */
export function sinkContract(name: string, create: () => Promise<SinkHarness>): void {
  describe(`AuditSink contract: ${name}`, () => {
    const open: SinkHarness[] = [];
    const fresh = async (): Promise<SinkHarness> => {
      const harness = await create();
      open.push(harness);
      return harness;
    };
    afterEach(async () => {
      for (const harness of open.splice(0)) await harness.cleanup();
    });

    it('starts empty at the genesis anchor', async () => {
      const { sink } = await fresh();
      expect(await sink.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
      expect(await sink.read(0, 10)).toEqual([]);
      expect(await verifySink(sink)).toEqual({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } });
      await sink.close();
    });

    it('chains a batch: consecutive sequence numbers, linked hashes, values stored exactly', async () => {
      const { sink } = await fresh();
      const batch = [0, 1, 2, 3, 4].map((i) => pendingFill(i));
      const results = await sink.append(batch);
      expect(results.map((r) => [r.record.seq, r.duplicate])).toEqual([
        [1, false],
        [2, false],
        [3, false],
        [4, false],
        [5, false],
      ]);
      const stored = await sink.read(0, 100);
      expect(stored).toHaveLength(5);
      expect(stored[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < stored.length; i++) expect(stored[i]?.prevHash).toBe(stored[i - 1]?.hash);
      const first = stored[0];
      expect(first).toMatchObject({
        seq: 1,
        id: 'fill-0',
        ts: trades[0]?.timestamp,
        actor: 'paper-bot',
        kind: 'order.filled',
        tenant: 'tenant-a',
        payload: { orderId: `o-${trades[0]?.id}`, quantity: '0.000263', price: '39432.48', partial: false },
      });
      if (first === undefined) throw new Error('no record');
      expect(hashRecord(first)).toBe(first.hash);
      expect(await sink.head()).toEqual({ seq: 5, hash: stored[4]?.hash });
      expect(await sink.read(3, 1)).toEqual([stored[3]]);
      await sink.close();
    });

    it('stores a large batch (237 records, with a repeated id) in order, atomically chained', async () => {
      const { sink } = await fresh();
      const batch = Array.from({ length: 237 }, (_, i) => pendingFill(i));
      batch.splice(120, 0, pendingFill(3));
      const results = await sink.append(batch);
      expect(results).toHaveLength(238);
      expect(results[120]?.duplicate).toBe(true);
      const stored = await sink.read(0, 1000);
      expect(stored.map((r) => r.id)).toEqual(Array.from({ length: 237 }, (_, i) => `fill-${i}`));
      expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 237 }, (_, i) => i + 1));
      expect(stored[236]).toEqual(results[237]?.record);
      const result = await verifySink(sink);
      expect(result.ok && result.count).toBe(237);
      await sink.close();
    });

    it('stores an event id once: a repeated id returns the earlier record, within and across batches', async () => {
      const { sink } = await fresh();
      const [first] = await sink.append([pendingFill(0)]);
      const again = await sink.append([{ ...pendingFill(1), id: 'fill-0' }, pendingFill(2), pendingFill(2)]);
      expect(again.map((r) => r.duplicate)).toEqual([true, false, true]);
      expect(again[0]?.record).toEqual(first?.record);
      expect(again[2]?.record).toEqual(again[1]?.record);
      expect((await sink.read(0, 100)).map((r) => r.id)).toEqual(['fill-0', 'fill-2']);
      await sink.close();
    });

    it('keeps every record across close and reopen, and continues the chain', async () => {
      const harness = await fresh();
      await harness.sink.append([0, 1, 2].map((i) => pendingFill(i)));
      await harness.sink.close();
      const reopened = await harness.reopen();
      expect((await reopened.head()).seq).toBe(3);
      const [dup, next] = await reopened.append([pendingFill(1), pendingFill(3)]);
      expect(dup?.duplicate).toBe(true);
      expect(next?.record.seq).toBe(4);
      const result = await verifySink(reopened);
      expect(result.ok && result.count).toBe(4);
      await reopened.close();
    });

    it('has no gaps or duplicates when many appends run concurrently', async () => {
      const { sink } = await fresh();
      await Promise.all(
        Array.from({ length: 20 }, (_, b) => sink.append([0, 1, 2, 3, 4].map((i) => pendingFill(b * 5 + i)))),
      );
      const stored = await sink.read(0, 1000);
      expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(new Set(stored.map((r) => r.id)).size).toBe(100);
      expect((await verifySink(sink)).ok).toBe(true);
      await sink.close();
    });

    it('queries by kind, actor, order id, tenant and time range, with paging', async () => {
      const { sink } = await fresh();
      await sink.append(Array.from({ length: 30 }, (_, i) => pendingFill(i)));
      await sink.append([
        {
          id: 'deny-1',
          ts: 1610064010000,
          actor: 'risk-engine',
          kind: 'order.denied',
          tenant: 'tenant-a',
          payload: { orderId: 'o-x', code: 'max_position', reason: 'position limit 1 BTC exceeded' },
        },
      ]);
      const denied = await sink.query({ kinds: ['order.denied'] });
      expect(denied.records.map((r) => r.id)).toEqual(['deny-1']);
      expect(denied.nextAfterSeq).toBeNull();
      expect((await sink.query({ orderId: 'o-x' })).records.map((r) => r.seq)).toEqual([31]);
      const fill7 = pendingFill(7);
      expect(
        (await sink.query({ orderId: String(fill7.payload['orderId']) })).records.map((r) => r.id),
      ).toEqual(['fill-7']);
      const tenantA = await sink.query({ tenant: 'tenant-a', actor: 'paper-bot', kinds: ['order.filled'] });
      expect(tenantA.records.map((r) => r.id)).toEqual(['fill-0', 'fill-6', 'fill-12', 'fill-18', 'fill-24']);
      const from = trades[10]?.timestamp ?? 0;
      const to = trades[20]?.timestamp ?? 0;
      const inRange = await sink.query({ fromTs: from, toTs: to, kinds: ['order.filled'], limit: 1000 });
      const expected = Array.from({ length: 30 }, (_, i) => pendingFill(i))
        .filter((p) => p.ts >= from && p.ts < to)
        .map((p) => p.id);
      expect(inRange.records.map((r) => r.id)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(5);
      const pages: string[] = [];
      let afterSeq: number | null = 0;
      let pageCount = 0;
      while (afterSeq !== null) {
        const page = await sink.query({ kinds: ['order.filled'], limit: 7, afterSeq });
        pages.push(...page.records.map((r) => r.id));
        afterSeq = page.nextAfterSeq;
        pageCount++;
      }
      expect(pageCount).toBe(5);
      expect(pages).toEqual(Array.from({ length: 30 }, (_, i) => `fill-${i}`));
      await expect(sink.query({ limit: 0 })).rejects.toThrow(/field "query.limit" must be >= 1 \(got 0\)/);
      await sink.close();
    });

    it('backs an AuditLog whose appends verify', async () => {
      const { sink } = await fresh();
      let now = 1_700_000_000_000;
      const log = new AuditLog({ sink, clock: { now: () => now++ } });
      const results = await Promise.all(
        [0, 1, 2].map((i) =>
          log.append({
            id: `k-${i}`,
            kind: 'risk.kill_switch',
            actor: 'ops',
            payload: { engaged: i % 2 === 0, reason: `drill ${i}` },
          }),
        ),
      );
      expect(results.map((r) => r.record.ts)).toEqual([
        1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002,
      ]);
      const verified = await log.verify();
      expect(verified.ok && verified.head.seq).toBe(3);
      await log.close();
    });
  });
}
