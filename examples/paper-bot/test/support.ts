import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditRecord } from '@rrr/audit';
import { SqliteSink } from '@rrr/audit/sqlite';
import type { Fill, Order } from '@rrr/orders';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import type { BotJournal, JournalBar } from '../src/bot/seams.js';
import { loadConfig } from '../src/config/load.js';
import type { PaperBotConfig } from '../src/config/schema.js';
import { SqliteJournal } from '../src/journal/journal.js';

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
  readonly journal: readonly JournalBar[];
  readonly audit: AuditRecord[];
}

/** The reading side of an order store, SQLite or PostgreSQL. */
interface OrderReader {
  list(): Promise<Order[]>;
  fills(): Promise<Fill[]>;
  close(): Promise<void>;
}

/**
 * Reads every order, fill, journal row and audit record from open stores, then closes them.
 *
 * @param orders - the order store
 * @param journal - the journal
 * @param log - the audit log
 * @returns what they hold
 */
export async function readOpenStores(
  orders: OrderReader,
  journal: BotJournal,
  log: AuditLog,
): Promise<Stored> {
  const stored = { orders: await orders.list(), fills: await orders.fills(), journal: await journal.all() };
  await orders.close();
  await journal.close();
  const audit: AuditRecord[] = [];
  let afterSeq: number | null = 0;
  while (afterSeq !== null) {
    const page = await log.query({ afterSeq, limit: 10_000 });
    audit.push(...page.records);
    afterSeq = page.nextAfterSeq;
  }
  await log.close();
  return { ...stored, audit };
}

/** Reads the order store, the journal and the audit log of a state directory. */
export async function readStores(stateDir: string): Promise<Stored> {
  return readOpenStores(
    SqliteOrderStore.open(join(stateDir, 'orders.db')),
    SqliteJournal.open(join(stateDir, 'journal.db')),
    new AuditLog({ sink: new SqliteSink({ path: join(stateDir, 'audit.db') }) }),
  );
}
