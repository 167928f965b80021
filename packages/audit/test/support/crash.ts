import { expect } from 'vitest';
import { verifySink } from '../../src/log/audit-log.js';
import type { AuditSink } from '../../src/sink/types.js';
import { mulberry32, startWriter } from './children.js';

/**
 * Starts a writer process `kills` times on the same storage and SIGKILLs it at a random moment after its
 * first acknowledged append; after each kill, checks that every acknowledged id is stored and the chain verifies.
 *
 * @returns the number of acknowledged appends over all rounds
 */
export async function crashRounds(options: {
  readonly outDir: string;
  readonly kind: 'sqlite' | 'jsonl' | 'postgres';
  readonly target: string;
  readonly kills: number;
  readonly seed: number;
  readonly open: () => Promise<AuditSink>;
  /**
   * Waits until the killed writer can no longer change the storage. A database server may still commit a
   * transaction whose COMMIT it received just before the client died; checking before that settles would
   * compare two different states of the log.
   */
  readonly settle?: () => Promise<void>;
}): Promise<number> {
  const random = mulberry32(options.seed);
  const acked: string[] = [];
  for (let round = 0; round < options.kills; round++) {
    const writer = startWriter(options.outDir, [options.kind, options.target, '1000000', `r${round}`, '16']);
    const started = Date.now();
    while (writer.acked.length === 0 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(
      writer.acked.length,
      `round ${round}: the writer acknowledged something before the kill`,
    ).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(random() * 150)));
    writer.kill();
    const exit = await writer.exited;
    expect(exit.signal, exit.stderr).toBe('SIGKILL');
    acked.push(...writer.acked);
    await options.settle?.();

    const sink = await options.open();
    const stored = new Set((await sink.read(0, 10_000_000)).map((r) => r.id));
    expect(
      acked.filter((id) => !stored.has(id)),
      `round ${round}: acknowledged but lost`,
    ).toEqual([]);
    const result = await verifySink(sink);
    expect(result.ok, `round ${round}: ${result.ok ? '' : result.reason}`).toBe(true);
    expect(result.ok && result.count).toBe(stored.size);
    await sink.close();
  }
  return acked.length;
}
