import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = new URL('../scripts/market-report.mjs', import.meta.url).pathname;
const embedded = new URL('../data/binance_BTCUSDT_1d.csv', import.meta.url).pathname;

function report(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

describe('main job: market report on the embedded data (needs a build)', () => {
  it('reads all 3,229 real daily bars and reports indicators, risk and sizing', () => {
    const run = report();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('bars: 3229 daily, 2017-08-17 -> 2026-06-19');
    expect(run.stdout).toContain('gaps: 0');
    expect(run.stdout).toContain('last close: 63543.91');
    const columns = Number(/features: (\d+) columns x 3229 rows/.exec(run.stdout)?.[1]);
    expect(columns, 'the default feature spec has at least 31 features').toBeGreaterThanOrEqual(31);
    // BTC's 2017-12 peak to 2018-12 trough, measured on closes.
    expect(run.stdout).toMatch(/max drawdown since 2017-08-17: 8\d\.\d\d% \(2017-12-\d\d -> 2018-12-\d\d\)/);
    expect(run.stdout).toMatch(/ATR target \(2 ATR move = 1% of equity\): buy 0\.\d+ BTC/);
  });

  it('sizes against the equity given on the command line', () => {
    const small = report('--equity', '1000').stdout;
    const large = report('--equity', '100000').stdout;
    const quantity = (out: string) => Number(/ATR target[^:]*: buy ([\d.]+) BTC/.exec(out)?.[1]);
    // Both are rounded down to the 0.00001 BTC lot step, so 100x the equity is 100x the size within 100 lots.
    expect(quantity(large)).toBeGreaterThanOrEqual(100 * quantity(small));
    expect(quantity(large)).toBeLessThan(100 * (quantity(small) + 0.00001));
  });

  it('refuses a file with an inconsistent bar and names the row', () => {
    const lines = readFileSync(embedded, 'utf8').split('\n').slice(0, 50);
    // Row 10 of the data (line 11 of the file): a high below the close.
    const cells = (lines[10] ?? '').split(',');
    cells[2] = String(Number(cells[4]) - 1);
    lines[10] = cells.join(',');
    const file = join(mkdtempSync(join(tmpdir(), 'rrr-report-')), 'bad.csv');
    writeFileSync(file, lines.join('\n'));
    const run = report(file);
    expect(run.status).not.toBe(0);
    // Data row 9 (0-based) is line 11 of the file, after the header.
    expect(run.stderr).toMatch(/^market-report: \w+: row 9: high /);
  });
});
