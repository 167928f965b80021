import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '@rrr/audit';
import { PostgresSink } from '@rrr/audit/postgres';
import { PostgresOrderStore } from '@rrr/orders/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPaperBot } from '../src/bot/run.js';
import { openBotStores } from '../src/stores/open.js';
import { PostgresJournal } from '../src/stores/postgres-journal.js';
import { barsDone, PACKAGE_ROOT as root, spawnCli, until } from './child-support.js';
import { runCli, vaultWith } from './cli-support.js';
import { postgresSkip, query, TestDatabases } from './postgres-support.js';
import { readOpenStores, readStores, removeTempDirs, type Stored, tempDir, testConfig } from './support.js';

// 336 real 1h bars (2025-01-08 to 2025-01-22) with 15 fills in the default strategy.
const WINDOW = { from: '2025-01-08T00:00:00Z', to: '2025-01-22T00:00:00Z' } as const;
const BARS = 336;
const PASSWORD = 'pg-pw-7c4e19b2d0';

const databases = new TestDatabases();
if (postgresSkip !== null) console.warn(`skipping PostgreSQL tests: ${postgresSkip}`);
let buildDir = '';
let reference: Stored;

/** A database whose URL carries a password (trust authentication ignores it; the bot must never print it). */
async function databaseWithPassword(): Promise<string> {
  const url = new URL(await databases.fresh('bot'));
  url.password = PASSWORD;
  return url.toString();
}

async function readPostgres(url: string): Promise<Stored> {
  return readOpenStores(
    await PostgresOrderStore.open(url),
    await PostgresJournal.open(url),
    new AuditLog({ sink: await PostgresSink.open({ connectionString: url }) }),
  );
}

const fillsOf = (s: Stored) =>
  s.fills.map((f) => `${f.clientOrderId} ${f.side} ${f.quantity} @ ${f.price} fee ${f.fee} ${f.timestamp}`);
const ordersOf = (s: Stored) => s.orders.map((o) => `${o.clientOrderId} ${o.status} ${o.quantity}`);
const journalOf = (s: Stored) =>
  s.journal.map((r) => `${r.ts} ${r.symbol} ${r.equity} ${r.position} ${r.signal}`);

const startCli = (args: readonly string[], env: Record<string, string>) =>
  spawnCli(join(buildDir, 'cli.js'), args, env);

afterAll(async () => {
  removeTempDirs();
  if (buildDir !== '') rmSync(buildDir, { recursive: true, force: true });
  await databases.stop();
});

describe.skipIf(postgresSkip !== null)('PostgreSQL mode (real server started by the test)', () => {
  beforeAll(async () => {
    await databases.start();
    // The child processes run a CLI built into a directory of this test's own (dist/ is rebuilt by other tests;
    // .tmp/ is git- and lint-ignored).
    mkdirSync(join(root, '.tmp'), { recursive: true });
    buildDir = mkdtempSync(join(root, '.tmp', 'postgres-cli-'));
    execFileSync(
      'npx',
      [
        'tsup',
        '--entry.cli',
        'src/cli.ts',
        '--format',
        'esm',
        '--target',
        'node20',
        '--out-dir',
        buildDir,
        '--silent',
      ],
      { cwd: root, stdio: 'ignore' },
    );
    const dir = tempDir();
    await runPaperBot(testConfig(dir, WINDOW));
    reference = await readStores(dir);
    expect(reference.fills.length, 'the window trades').toBe(15);
  }, 120_000);

  it('a replay gives the same orders, fills, journal and audit events as in SQLite mode, and no password anywhere', async () => {
    const url = await databaseWithPassword();
    const dir = tempDir();
    const config = testConfig(dir, { ...WINDOW, store: { kind: 'postgres', url } });
    const stores = await openBotStores(config);
    expect(stores.location).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/bot_\d+$/);
    // the CLI hands runPaperBot the configuration without the URL once the stores are open
    const summary = await runPaperBot({ ...config, store: { kind: 'postgres' } }, { stores });
    expect(summary.audit.verified).toBe(true);
    const got = await readPostgres(url);
    expect(fillsOf(got)).toEqual(fillsOf(reference));
    expect(ordersOf(got)).toEqual(ordersOf(reference));
    expect(got.journal).toHaveLength(BARS);
    expect(journalOf(got)).toEqual(journalOf(reference));
    const kinds = (s: Stored) => s.audit.map((r) => r.kind).sort();
    expect(kinds(got)).toEqual(kinds(reference));
    expect(JSON.stringify(got.audit)).not.toContain(PASSWORD);
    expect(readFileSync(join(dir, 'bot.log'), 'utf8')).not.toContain(PASSWORD);
    const rows = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM rrr_audit.audit_log');
    expect(Number(rows[0]?.n)).toBe(got.audit.length);
  }, 120_000);

  it('resumes after SIGKILL (at random moments and inside a bar) with no duplicate order, skipping done bars', async () => {
    const url = await databaseWithPassword();
    const dir = tempDir();
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ statusEvery: 1, status: 'lines' }));
    const args = ['--store', 'postgres', '--state-dir', dir, '--from', WINDOW.from, '--to', WINDOW.to];
    const env = { PAPER_BOT_DATABASE_URL: url };
    const killedAt: number[] = [];
    for (const stopAfter of [60, 150]) {
      const child = startCli([...args, '--config', configFile, '--speed', '300'], env);
      await until(() => barsDone(child.output(), BARS) >= stopAfter, 60_000);
      child.process.kill('SIGKILL');
      expect((await child.exit).signal).toBe('SIGKILL');
      killedAt.push(barsDone(child.output(), BARS));
    }
    for (const fault of ['order_placed:2', 'venue_fills:1']) {
      const child = startCli([...args, '--status', 'off'], { ...env, PAPER_BOT_FAULT: fault });
      expect((await child.exit).signal, fault).toBe('SIGKILL');
    }
    const last = startCli([...args, '--config', configFile], env);
    expect((await last.exit).code, last.output()).toBe(0);
    const resumedFrom = Number(/resuming after bar (\d+)\//.exec(last.output())?.[1]);
    expect(resumedFrom, 'the restart skips every bar already journaled').toBeGreaterThanOrEqual(
      killedAt[1] ?? 0,
    );
    expect(last.output()).toContain('postgres://postgres@127.0.0.1:');
    expect(last.output()).toMatch(new RegExp(`bars +${BARS}/${BARS} processed`));
    expect(last.output()).toMatch(/audit chain +verified/);
    expect(last.output()).not.toContain(PASSWORD);

    const got = await readPostgres(url);
    expect(fillsOf(got)).toEqual(fillsOf(reference));
    expect(ordersOf(got)).toEqual(ordersOf(reference));
    expect(journalOf(got)).toEqual(journalOf(reference));
    const ids = (kind: string) =>
      got.audit.filter((r) => r.kind === kind).map((r) => (r.payload as { orderId: string }).orderId);
    expect(ids('order.intent').sort(), 'every order audited once').toEqual(
      reference.orders.map((o) => o.clientOrderId).sort(),
    );
    expect(ids('order.filled').sort()).toEqual(reference.fills.map((f) => f.clientOrderId).sort());
    expect(got.audit.filter((r) => r.kind === 'run.manifest')).toHaveLength(5);
    expect(JSON.stringify(got.audit)).not.toContain(PASSWORD);
  }, 180_000);

  it('paper-bot check reports the connection and the schema versions, never the password', async () => {
    const url = await databaseWithPassword();
    const vault = await vaultWith({ PAPER_BOT_DATABASE_URL: url });

    const before = await runCli(['check', '--store', 'postgres'], vault);
    expect(before.code).toBe(0);
    expect(before.out).toContain('required secrets: PAPER_BOT_DATABASE_URL');
    expect(before.out).toMatch(
      /PASS {2}the PostgreSQL database postgres:\/\/postgres@127\.0\.0\.1:\d+\/bot_\d+ answers \(server \d+/,
    );
    expect(before.out).toContain('orders schema: v0, not created yet (migrated when the bot starts)');
    expect(before.out).toContain('audit schema: v0 of v1, not created yet (migrated when the bot starts)');
    expect(before.out).toContain('journal schema: v0 of v1, not created yet (migrated when the bot starts)');
    expect(before.out.trimEnd().endsWith('\nready')).toBe(true);

    const stores = await openBotStores(testConfig(tempDir(), { store: { kind: 'postgres', url } }));
    await Promise.all([stores.orders.close(), stores.audit.close(), stores.journal.close()]);
    const after = await runCli(['check', '--store', 'postgres'], vault);
    expect(after.code).toBe(0);
    expect(after.out).toContain('orders schema: v1, applied (migrated by @rrr/orders when the bot starts)');
    expect(after.out).toContain('audit schema: v1 of v1, current');
    expect(after.out).toContain('journal schema: v1 of v1, current');

    await query(url, "INSERT INTO paper_bot_journal_migrations VALUES (7, 'future', 0)");
    const newer = await runCli(['check', '--store', 'postgres'], vault);
    expect(newer.code).toBe(1);
    expect(newer.out).toContain('journal schema: v7 of v1, newer than this bot: upgrade paper-bot');

    const fromEnv = await runCli(['check', '--store', 'postgres'], { PAPER_BOT_DATABASE_URL: url });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.out).toContain('PAPER_BOT_DATABASE_URL: from env (plaintext; run rrr-secrets migrate)');

    const down = await runCli(['check', '--store', 'postgres'], {
      PAPER_BOT_DATABASE_URL: `postgresql://bot:${PASSWORD}@127.0.0.1:1/paper`,
    });
    expect(down.code).toBe(1);
    expect(down.out).toContain('FAIL  the PostgreSQL database postgres://bot@127.0.0.1:1/paper answers');
    expect(down.out).toMatch(/cannot connect: .*ECONNREFUSED/);
    for (const report of [before, after, newer, fromEnv, down]) expect(report.out).not.toContain(PASSWORD);
  }, 60_000);

  it('a run without a database URL exits 2 naming the secret; a database that is down exits 1', async () => {
    const missing = await runCli(['--store', 'postgres', '--state-dir', tempDir(), '--status', 'off']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('PAPER_BOT_DATABASE_URL: missing');
    const down = await runCli(['--store', 'postgres', '--state-dir', tempDir(), '--status', 'off'], {
      PAPER_BOT_DATABASE_URL: `postgresql://bot:${PASSWORD}@127.0.0.1:1/paper`,
    });
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/^paper-bot failed: .*ECONNREFUSED/);
    expect(down.err).not.toContain(PASSWORD);
    const fresh = await runCli(['--store', 'postgres', '--fresh'], {
      PAPER_BOT_DATABASE_URL: `postgresql://bot@127.0.0.1:1/paper`,
    });
    expect(fresh.code).toBe(2);
    expect(fresh.err).toContain('--fresh: only deletes the SQLite files');
  });
});
