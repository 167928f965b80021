import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, vaultWith } from '../../test/cli-support.js';
import { removeTempDirs, tempDir } from '../../test/support.js';

afterAll(removeTempDirs);

const check = (args: string[], env: Record<string, string> = {}) => runCli(['check', ...args], env);

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('paper-bot check', () => {
  it('passes for the paper replay: no secret required', async () => {
    const { code, out } = await check([]);
    expect(out).toContain('paper-bot readiness: replay of the embedded bars, orders to the paper venue');
    expect(out).toContain('required secrets: none');
    expect(out).toContain('PASS  0/0 declared secrets resolve');
    expect(out).toContain('PASS  orders can go to the paper venue');
    expect(out.trimEnd().endsWith('\nready')).toBe(true);
    expect(code).toBe(0);
  });

  it('passes for live public candles with paper orders, and fails for an exchange ccxt does not know', async () => {
    const ok = await check(['--source', 'ccxt', '--exchange', 'binance', '--symbols', 'BTC/USDT']);
    expect(ok.out).toContain('live binance candles, orders to the paper venue');
    expect(ok.out).toContain('required secrets: none');
    expect(ok.out).toContain('PASS  ccxt knows the exchange "binance"');
    expect(ok.code).toBe(0);
    const bad = await check(['--source', 'ccxt', '--exchange', 'nosuchexchange']);
    expect(bad.out).toContain('FAIL  ccxt knows the exchange "nosuchexchange"');
    expect(bad.out.trimEnd().endsWith('not ready')).toBe(true);
    expect(bad.code).toBe(1);
  });

  it('fails for the sandbox venue without keys, naming each missing secret', async () => {
    const { code, out } = await check(['--venue', 'sandbox']);
    expect(out).toContain('required secrets: PAPER_BOT_API_KEY, PAPER_BOT_API_SECRET');
    expect(out).toContain('FAIL  0/2 declared secrets resolve');
    expect(out).toContain('      PAPER_BOT_API_KEY: missing');
    expect(out).toContain('      PAPER_BOT_API_SECRET: missing');
    expect(code).toBe(1);
  });

  it('fails when the keys only come from the environment (plaintext), without printing them', async () => {
    const { code, out } = await check(['--venue', 'sandbox'], {
      PAPER_BOT_API_KEY: KEY,
      PAPER_BOT_API_SECRET: SECRET,
    });
    expect(out).toContain('PASS  2/2 declared secrets resolve');
    expect(out).toContain('FAIL  no secret resolves from a plaintext source');
    expect(out).toContain('      PAPER_BOT_API_KEY: from env (plaintext; run rrr-secrets migrate)');
    expect(out).not.toContain(KEY);
    expect(out).not.toContain(SECRET);
    expect(code).toBe(1);
  });

  it('resolves the keys from the vault and is ready for the sandbox; a malformed key fails', async () => {
    const good = await check(
      ['--venue', 'sandbox'],
      await vaultWith({ PAPER_BOT_API_KEY: KEY, PAPER_BOT_API_SECRET: SECRET }),
    );
    expect(good.out).toContain('PASS  2/2 declared secrets resolve');
    expect(good.out).toContain('PASS  no secret resolves from a plaintext source');
    expect(good.out).toContain('PASS  secret files are private');
    expect(good.out).toContain('PASS  orders can go to the binance sandbox');
    expect(good.out).not.toContain(KEY);
    expect(good.out.trimEnd().endsWith('\nready')).toBe(true);
    expect(good.code).toBe(0);
    const bad = await check(
      ['--venue', 'sandbox'],
      await vaultWith({ PAPER_BOT_API_KEY: 'short key', PAPER_BOT_API_SECRET: SECRET }),
    );
    expect(bad.out).toContain('FAIL  1/2 declared secrets resolve');
    expect(bad.out).toMatch(/ {6}PAPER_BOT_API_KEY: malformed \(/);
    expect(bad.code).toBe(1);
  });

  it('fails for an exchange without a test environment', async () => {
    const { code, out } = await check(
      ['--venue', 'sandbox', '--exchange', 'bitstamp'],
      await vaultWith({ PAPER_BOT_API_KEY: KEY, PAPER_BOT_API_SECRET: SECRET }),
    );
    expect(out).toContain('FAIL  orders can go to the bitstamp sandbox');
    expect(out).toContain('venue sandbox: ccxt has no test environment for "bitstamp" (exchange)');
    expect(code).toBe(1);
  });

  it('requires the database URL in PostgreSQL mode and names it when missing or malformed', async () => {
    const missing = await check(['--store', 'postgres']);
    expect(missing.out).toContain(
      'paper-bot readiness: replay of the embedded bars, orders to the paper venue, stores in PostgreSQL',
    );
    expect(missing.out).toContain('required secrets: PAPER_BOT_DATABASE_URL');
    expect(missing.out).toContain('      PAPER_BOT_DATABASE_URL: missing');
    expect(missing.out).toContain('FAIL  the PostgreSQL database answers');
    expect(missing.out).toContain(
      'store.url: no database URL (set PAPER_BOT_DATABASE_URL or store it in the vault)',
    );
    expect(missing.code).toBe(1);
    const malformed = await check(
      ['--store', 'postgres'],
      await vaultWith({ PAPER_BOT_DATABASE_URL: 'mysql://bot:hunter2-secret@db/x' }),
    );
    expect(malformed.out).toMatch(/ {6}PAPER_BOT_DATABASE_URL: malformed \(/);
    expect(malformed.out).toContain('store.url: not a postgres:// or postgresql:// URL');
    expect(malformed.out).not.toContain('hunter2-secret');
    expect(malformed.code).toBe(1);
    const badPort = await check(['--store', 'postgres'], {
      PAPER_BOT_DATABASE_URL: 'postgresql://bot:hunter3-secret@127.0.0.1:99999/x',
    });
    expect(badPort.out).toMatch(/FAIL {2}the PostgreSQL database .* answers\n {6}cannot connect: /);
    expect(badPort.out).not.toContain('hunter3-secret');
    expect(badPort.code).toBe(1);
  });

  it('flags a config file readable by others', async () => {
    const dir = tempDir();
    const file = join(dir, 'bot.json');
    writeFileSync(file, JSON.stringify({ speed: 0 }), { mode: 0o644 });
    const { code, out } = await check(['--config', file]);
    expect(out).toContain('FAIL  secret files are private');
    expect(out).toContain(`${file}: mode 0644 (expected 0600: chmod 600 ${file})`);
    expect(code).toBe(1);
  });
});
