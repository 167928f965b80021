import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, parseParams } from '../src/cli.js';

describe('CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses --params and names a bad entry', () => {
    expect(parseParams('fast=5,slow=20')).toEqual({ fast: 5, slow: 20 });
    expect(parseParams(undefined)).toEqual({});
    expect(() => parseParams('fast=abc')).toThrow(/"fast=abc" must be name=number/);
  });

  it('runs the default data, prints the summary and writes every output', async () => {
    const out = mkdtempSync(join(tmpdir(), 'backtester-cli-'));
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const code = await main(['--strategy', 'rsi-reversion', '--params', 'period=14,lower=25', '--out', out]);
    expect(code).toBe(0);
    const text = printed.join('');
    expect(text).toContain(
      'strategy rsi-reversion {"period":14,"lower":25,"exit":55,"stopLossPct":0.05,"takeProfitPct":0}',
    );
    expect(text).toMatch(/Sharpe\s+-?\d/);
    for (const f of ['trades.csv', 'equity.csv', 'manifest.json', 'summary.json', 'report.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.data[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // same manifest -> identical trades
    const again = mkdtempSync(join(tmpdir(), 'backtester-cli-'));
    await main(['--manifest', join(out, 'manifest.json'), '--out', again]);
    expect(readFileSync(join(again, 'trades.csv'), 'utf8')).toBe(
      readFileSync(join(out, 'trades.csv'), 'utf8'),
    );
  });

  it('--strategy model runs the embedded 2024-10 → 2026-06 file from 2025, and audits the manifest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'backtester-cli-model-'));
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    expect(await main(['--strategy', 'model', '--out', out])).toBe(0);
    const text = printed.join('');
    expect(text).toContain(
      'strategy model {"minConfidence":0.45,"stopLossPct":0.02,"takeProfitPct":0.03,"maxHoldBars":24} on BTC/USDT (12850 bars)',
    );
    expect(text).toContain('trading after 2024-12-31T23:59:59.999Z, 2208 earlier bars for warm-up only');
    expect(text).toMatch(/audit run\.manifest #1 [0-9a-f]{12} in .*; chain verified: 1 records, head #1 /);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.data[0].sha256).toBe('554490c13086c1685963043ab52d3d43e71d96b78dfba507e3f49e0eba1106b7');
    expect(manifest.data[0].from).toBe(Date.UTC(2024, 9, 1));
    const trades = readFileSync(join(out, 'trades.csv'), 'utf8').trim().split('\n').slice(1);
    expect(trades.length).toBeGreaterThan(20);
    for (const t of trades) expect((t.split(',')[1] ?? '') > '2025-01-01T00:00:00.000Z').toBe(true);
    // the same manifest replayed into the same directory: identical trades, the audit record already there
    printed.length = 0;
    const before = readFileSync(join(out, 'trades.csv'), 'utf8');
    expect(await main(['--manifest', join(out, 'manifest.json'), '--out', out])).toBe(0);
    expect(readFileSync(join(out, 'trades.csv'), 'utf8')).toBe(before);
    expect(printed.join('')).toMatch(/#1 [0-9a-f]{12} \(already recorded\).*chain verified: 1 records/);
    await expect(main(['--strategy', 'model', '--sweep', 'minConfidence=0.4|0.5'])).rejects.toThrow(
      /--sweep does not support the model strategy/,
    );
  }, 60_000);

  it('rejects an unknown strategy and a bad same-bar rule', async () => {
    await expect(main(['--strategy', 'nope'])).rejects.toThrow(/--strategy "nope" is unknown/);
    await expect(main(['--same-bar', 'maybe'])).rejects.toThrow(
      /--same-bar must be stop_first or target_first/,
    );
    await expect(main(['--rules', 'mine'])).rejects.toThrow(/--rules must be backtester or paper-bot/);
    await expect(main(['--from', '2025-02-01'])).rejects.toThrow(
      /--from \/ --to select the traded bars of the model/,
    );
    await expect(main(['--strategy', 'model', '--rules', 'paper-bot', '--to', 'soon'])).rejects.toThrow(
      /--to must be an ISO date or ms since the epoch \(got "soon"\)/,
    );
  });

  it("--rules paper-bot runs the model over a --from / --to window with the bot's rules, and replays it", async () => {
    const out = mkdtempSync(join(tmpdir(), 'backtester-cli-bot-'));
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const args = [
      '--strategy',
      'model',
      '--rules',
      'paper-bot',
      '--from',
      '2025-02-01',
      '--to',
      '2025-04-01',
    ];
    expect(await main([...args, '--out', out])).toBe(0);
    const text = printed.join('');
    expect(text).toContain('on BTC/USDT (1416 bars)');
    expect(text).toContain('volume cap none');
    expect(text).toContain('risk limits on, paper-bot rules');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'paper-bot: no bracket orders; @rrr/risk StopManager exits',
    );
    expect(text).toMatch(/Final equity\s+9774\.00/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.config).toMatchObject({
      rules: 'paper-bot',
      from: Date.UTC(2025, 1, 1),
      to: Date.UTC(2025, 3, 1),
      participation: null,
      maxPositionFraction: 0.5,
    });
    const trades = readFileSync(join(out, 'trades.csv'), 'utf8').trim().split('\n').slice(1);
    expect(trades).toHaveLength(19);
    const reasons = new Set(trades.map((t) => t.split(',')[9]));
    for (const r of reasons) expect(['signal', 'stop_loss', 'take_profit', 'time_stop']).toContain(r);
    const again = mkdtempSync(join(tmpdir(), 'backtester-cli-bot-'));
    expect(await main(['--manifest', join(out, 'manifest.json'), '--out', again])).toBe(0);
    expect(readFileSync(join(again, 'trades.csv'), 'utf8')).toBe(
      readFileSync(join(out, 'trades.csv'), 'utf8'),
    );
  }, 60_000);
});

describe('CLI --risk-limits', () => {
  afterEach(() => vi.restoreAllMocks());

  it('applies a RiskLimits JSON file and refuses an invalid one naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtester-limits-'));
    const good = join(dir, 'limits.json');
    writeFileSync(good, JSON.stringify({ defaults: { maxOrderNotional: 1000 } }));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await main(['--risk-limits', good, '--out', dir]);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.strategy.trades).toBe(0);
    expect(summary.venueRefusals.max_order_notional).toBeGreaterThan(0);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ defaults: { maxOrderNotional: -5 } }));
    await expect(main(['--risk-limits', bad, '--out', dir])).rejects.toThrow(/maxOrderNotional/);
  });
});

describe('CLI --sweep and --walk-forward (in process, --threads 0)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the sweep sorted by the chosen metric and prints the walk-forward folds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtester-sweep-'));
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await main([
      '--sweep',
      'fast=10|20;slow=50|100',
      '--threads',
      '0',
      '--sort',
      'totalReturn',
      '--out',
      dir,
    ]);
    const rows = readFileSync(join(dir, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('fast,slow,return,sharpe,maxDD,trades,pf');
    expect(rows).toHaveLength(5);
    const returns = rows.slice(1).map((r) => Number(r.split(',')[2]?.replace('%', '')));
    expect([...returns].sort((a, b) => b - a)).toEqual(returns);
    await main(['--sweep', 'fast=10|20;slow=100', '--walk-forward', '2', '--threads', '0']);
    const text = printed.join('');
    expect(text).toContain('4 runs in this thread');
    expect(text).toMatch(/out-of-sample folds chained: -?\d+\.\d\d%/);
    await expect(main(['--sweep', 'fast=10', '--sort', 'luck'])).rejects.toThrow(/--sort must be one of/);
  });
});
