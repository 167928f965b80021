import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditRecord } from '@rrr/audit';
import { SqliteSink } from '@rrr/audit/sqlite';
import type { Fill, Order } from '@rrr/orders';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import { loadConfig } from '../src/config/load.js';
import type { PaperBotConfig } from '../src/config/schema.js';
import { Journal, type JournalBar } from '../src/journal/journal.js';

/** Two months of the model's test period: 1,416 real bars, 32 bars with orders in the default strategy. */
export const TEST_WINDOW = { from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' } as const;

const created: string[] = [];

/** A fresh state directory (removed by {@link removeTempDirs}). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-bot-test-'));
  created.push(dir);
  return dir;
}

/** Removes every directory made by {@link tempDir} in this test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The test configuration: the two-month window, quiet status, its own state directory. */
export function testConfig(stateDir: string, overrides: Record<string, unknown> = {}): PaperBotConfig {
  return loadConfig({ overrides: { ...TEST_WINDOW, stateDir, status: 'off', ...overrides } });
}

/** Everything the stores hold after a run. */
export interface Stored {
  readonly orders: Order[];
  readonly fills: Fill[];
  readonly journal: JournalBar[];
  readonly audit: AuditRecord[];
}

/** Reads the order store, the journal and the audit log of a state directory. */
export async function readStores(stateDir: string): Promise<Stored> {
  const store = SqliteOrderStore.open(join(stateDir, 'orders.db'));
  const orders = await store.list();
  const fills = await store.fills();
  await store.close();
  const journal = new Journal(join(stateDir, 'journal.db'));
  const bars = journal.all();
  journal.close();
  const log = new AuditLog({ sink: new SqliteSink({ path: join(stateDir, 'audit.db') }) });
  const audit: AuditRecord[] = [];
  let afterSeq: number | null = 0;
  while (afterSeq !== null) {
    const page = await log.query({ afterSeq, limit: 10_000 });
    audit.push(...page.records);
    afterSeq = page.nextAfterSeq;
  }
  await log.close();
  return { orders, fills, journal: bars, audit };
}
