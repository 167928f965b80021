import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPaperBot } from '../src/bot/run.js';
import { BACKTEST_TRADES_COLUMNS, tradesFromFills } from '../src/drift/index.js';
import { runCli as cli } from './cli-support.js';
import { readStores, removeTempDirs, tempDir, testConfig } from './support.js';

// Two days with one round trip (entry 2025-01-10 13:00, exit 2025-01-11 13:00) in the default strategy.
const WINDOW = { from: '2025-01-10T00:00:00Z', to: '2025-01-12T00:00:00Z' } as const;

let stateDir = '';
let csv = '';

afterAll(removeTempDirs);

describe('paper-bot drift', () => {
  beforeAll(async () => {
    stateDir = tempDir();
    await runPaperBot(testConfig(stateDir, WINDOW));
    const trades = tradesFromFills((await readStores(stateDir)).fills);
    expect(trades).toHaveLength(1);
    // the same trades in the backtester's trades.csv format
    const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
    csv = [
      BACKTEST_TRADES_COLUMNS.join(','),
      ...trades.map((t) =>
        [
          t.symbol,
          iso(t.entryTime),
          t.entryPrice.toString(),
          iso(t.exitTime),
          t.exitPrice?.toString() ?? '',
          t.quantity.toString(),
          t.fees.toString(),
          t.pnl?.toString() ?? '',
          '0',
          'time_stop',
          'false',
        ].join(','),
      ),
    ].join('\n');
  }, 60_000);

  it('finds no drift against a backtest with the same trades and writes the report', async () => {
    const file = join(stateDir, 'trades.csv');
    writeFileSync(file, csv);
    const { code, out } = await cli(['drift', '--backtest', file, '--state-dir', stateDir]);
    expect(out).toMatch(/no drift — bot 1 trades, backtest 1; 1 matched \(0 differing\)/);
    expect(code).toBe(0);
    const report = readFileSync(join(stateDir, 'drift.md'), 'utf8');
    expect(report).toContain('**No drift**: 1 trades identical');
  });

  it('reports a trade that differs, with exit code 1, into --out', async () => {
    const [header, row = ''] = csv.split('\n');
    const cells = row.split(',');
    cells[4] = String(Number(cells[4]) + 10); // exit price 10 USDT higher in the backtest
    const file = join(stateDir, 'drifted.csv');
    writeFileSync(file, `${header}\n${cells.join(',')}\n`);
    const out = join(stateDir, 'reports', 'drift.md');
    const result = await cli(['drift', '--backtest', file, '--state-dir', stateDir, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`drift report ${out}: DRIFT`);
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('**Drift**: 1 of 1 matched trades differ');
    expect(report).toMatch(/\| 1 \| BTC\/USDT \| 2025-01-10T14:00:00Z \|/);
  });

  it('refuses bad input with exit code 2, naming it', async () => {
    const missing = await cli(['drift', '--state-dir', stateDir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--backtest: paper-bot drift needs the backtester's trades.csv");
    const unreadable = await cli([
      'drift',
      '--backtest',
      join(stateDir, 'nope.csv'),
      '--state-dir',
      stateDir,
    ]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/^--backtest: cannot read .*nope\.csv/);
    const bad = join(stateDir, 'bad.csv');
    writeFileSync(bad, 'time,price\n1,2\n');
    const malformed = await cli(['drift', '--backtest', bad, '--state-dir', stateDir]);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('--backtest: backtest trades CSV header: expected');
    const empty = tempDir();
    const noStores = await cli(['drift', '--backtest', bad, '--state-dir', empty]);
    expect(noStores.code).toBe(2);
    expect(noStores.err).toContain(`state-dir: no orders.db in ${empty}: run the bot first`);
    expect(existsSync(join(empty, 'orders.db')), 'no empty store is created').toBe(false);
    const misplaced = await cli(['--backtest', bad, '--print-config']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.err).toContain('--backtest: only for paper-bot drift');
  });
});
