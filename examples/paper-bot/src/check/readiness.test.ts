import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyFile, FileVault } from '@rrr/secrets';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function check(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    ({
      write: (s: string) => {
        append(s);
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await main(['check', ...args], {
    out: sink((s) => {
      out += s;
    }),
    err: sink((s) => {
      err += s;
    }),
    env,
  });
  return { code, out, err };
}

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

async function vaultWith(values: Record<string, string>): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'paper-bot-check-'));
  dirs.push(dir);
  const keyFile = join(dir, 'vault.key');
  await createKeyFile(keyFile);
  const path = join(dir, 'secrets.vault');
  const vault = new FileVault({ path, key: { keyFile } });
  for (const [name, value] of Object.entries(values)) await vault.set(name, value);
  return { RRR_VAULT_KEY_FILE: keyFile, RRR_VAULT_PATH: path };
}

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

  it('resolves the keys from the vault; a malformed key fails; the sandbox venue itself is reported missing', async () => {
    const good = await check(
      ['--venue', 'sandbox'],
      await vaultWith({ PAPER_BOT_API_KEY: KEY, PAPER_BOT_API_SECRET: SECRET }),
    );
    expect(good.out).toContain('PASS  2/2 declared secrets resolve');
    expect(good.out).toContain('PASS  no secret resolves from a plaintext source');
    expect(good.out).toContain('PASS  secret files are private');
    expect(good.out).toContain('FAIL  orders can go to the exchange sandbox');
    expect(good.out).not.toContain(KEY);
    expect(good.code).toBe(1);
    const bad = await check(
      ['--venue', 'sandbox'],
      await vaultWith({ PAPER_BOT_API_KEY: 'short key', PAPER_BOT_API_SECRET: SECRET }),
    );
    expect(bad.out).toContain('FAIL  1/2 declared secrets resolve');
    expect(bad.out).toMatch(/ {6}PAPER_BOT_API_KEY: malformed \(/);
    expect(bad.code).toBe(1);
  });

  it('flags a config file readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-bot-check-'));
    dirs.push(dir);
    const file = join(dir, 'bot.json');
    writeFileSync(file, JSON.stringify({ speed: 0 }), { mode: 0o644 });
    const { code, out } = await check(['--config', file]);
    expect(out).toContain('FAIL  secret files are private');
    expect(out).toContain(`${file}: mode 0644 (expected 0600: chmod 600 ${file})`);
    expect(code).toBe(1);
  });
});
