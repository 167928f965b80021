import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProviderContract, TestClock } from '../../test/contract/provider-contract.js';
import { bundleForChild } from '../../test/helpers/bundle.js';
import { isSecretsError, VaultKeyError } from '../errors.js';
import { Secret } from '../secret/secret.js';
import { FileVault } from './file-vault.js';
import { createKeyFile } from './key-file.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 } as const;
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rrr-vault-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describeProviderContract('FileVault (passphrase)', async (clock) => {
  const dir = await tempDir();
  const vault = new FileVault({
    path: join(dir, 'v.vault'),
    key: { passphrase: 'pass-1' },
    clock,
    scrypt: FAST,
  });
  return {
    provider: vault,
    seed: async (values) => {
      for (const [k, v] of Object.entries(values)) await vault.set(k, v);
    },
  };
});

describeProviderContract('FileVault (key file)', async (clock) => {
  const dir = await tempDir();
  await createKeyFile(join(dir, 'k'));
  const vault = new FileVault({ path: join(dir, 'v.vault'), key: { keyFile: join(dir, 'k') }, clock });
  return {
    provider: vault,
    seed: async (values) => {
      for (const [k, v] of Object.entries(values)) await vault.set(k, v);
    },
  };
});

describe('FileVault', () => {
  it('stores no plaintext value or name on disk, and writes the file with mode 0600', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    const vault = new FileVault({ path, key: { passphrase: 'pw' }, scrypt: FAST });
    await vault.set('VERY_VISIBLE_NAME', 'plain-marker-value-123');
    const raw = await readFile(path, 'utf8');
    expect(raw).not.toContain('plain-marker-value-123');
    expect(raw).not.toContain('VERY_VISIBLE_NAME');
    expect(JSON.parse(raw)).toMatchObject({ format: 'rrr-secrets-vault', version: 1, cipher: 'aes-256-gcm' });
    expect(JSON.parse(raw).kdf).toMatchObject({ name: 'scrypt', N: FAST.N, r: 8, p: 1 });
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('throws VaultKeyError for a wrong passphrase and leaves the file byte-identical', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    await new FileVault({ path, key: { passphrase: 'right' }, scrypt: FAST }).set('A', 'value-a');
    const before = await sha(path);
    const wrong = new FileVault({ path, key: { passphrase: 'wrong' }, scrypt: FAST });
    await expect(wrong.get('A')).rejects.toBeInstanceOf(VaultKeyError);
    const error = await wrong.set('A', 'overwrite-attempt').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSecretsError(error) && error.code).toBe('vault_wrong_key');
    expect((error as Error).message).toMatch(/wrong passphrase or key file.*not modified/);
    expect(await sha(path)).toBe(before);
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects a different key file, and a key file for a passphrase vault', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    await createKeyFile(join(dir, 'k1'));
    await createKeyFile(join(dir, 'k2'));
    await new FileVault({ path, key: { keyFile: join(dir, 'k1') } }).set('A', 'value-a');
    await expect(new FileVault({ path, key: { keyFile: join(dir, 'k2') } }).get('A')).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
    await expect(new FileVault({ path, key: { passphrase: 'x' } }).get('A')).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
    await expect(createKeyFile(join(dir, 'k1')), 'never overwrites a key file').rejects.toMatchObject({
      code: 'EEXIST',
    });
  });

  it('detects tampering with the stored KDF parameters (authenticated header)', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    await new FileVault({ path, key: { passphrase: 'pw' }, scrypt: FAST }).set('A', 'value-a');
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.kdf.N = 2 ** 11;
    await writeFile(path, JSON.stringify(file));
    await expect(new FileVault({ path, key: { passphrase: 'pw' } }).get('A')).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
  });

  it('reports a corrupt file with a typed error naming the field', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    await writeFile(path, '{"format":"rrr-secrets-vault","version":7}');
    await expect(new FileVault({ path, key: { passphrase: 'pw' } }).list()).rejects.toMatchObject({
      code: 'vault_corrupt',
      message: expect.stringContaining('version'),
    });
    await writeFile(path, 'not json');
    await expect(new FileVault({ path, key: { passphrase: 'pw' } }).list()).rejects.toMatchObject({
      code: 'vault_corrupt',
    });
  });

  it('upgrades scrypt parameters and changes the passphrase with rekey, keeping every secret', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    const clock = new TestClock(1000);
    const weak = new FileVault({ path, key: { passphrase: 'old' }, scrypt: FAST, clock });
    await weak.set('A', new Secret('A', 'value-a'), { rotateBy: 5000 });
    const stronger = { N: 2 ** 12, r: 8, p: 1 };
    const configured = new FileVault({ path, key: { passphrase: 'old' }, scrypt: stronger, clock });
    expect(await configured.needsKdfUpgrade()).toBe(true);
    await configured.rekey({ passphrase: 'new' });
    expect(await configured.needsKdfUpgrade()).toBe(false);
    expect(JSON.parse(await readFile(path, 'utf8')).kdf.N).toBe(2 ** 12);
    await expect(new FileVault({ path, key: { passphrase: 'old' } }).get('A')).rejects.toBeInstanceOf(
      VaultKeyError,
    );
    const entry = await new FileVault({ path, key: { passphrase: 'new' } }).get('A');
    expect(entry?.value.reveal()).toBe('value-a');
    expect(entry?.metadata).toMatchObject({ createdAt: 1000, rotatedAt: 1000, rotateBy: 5000 });
  });

  it('breaks a lock left by a dead process and times out on a live one', async () => {
    const dir = await tempDir();
    const path = join(dir, 'v.vault');
    const { hostname } = await import('node:os');
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), token: 'dead' }),
    );
    const vault = new FileVault({ path, key: { passphrase: 'pw' }, scrypt: FAST, lock: { timeoutMs: 2000 } });
    await vault.set('A', 'value-a');
    expect((await vault.get('A'))?.value.reveal()).toBe('value-a');
    await writeFile(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'alive' }));
    const blocked = new FileVault({
      path,
      key: { passphrase: 'pw' },
      scrypt: FAST,
      lock: { timeoutMs: 150 },
    });
    await expect(blocked.set('B', 'value-b')).rejects.toMatchObject({ code: 'vault_lock_timeout' });
    expect(await vault.get('B')).toBeUndefined();
    await rm(`${path}.lock`);
  });

  describe('concurrent writers in separate processes', () => {
    let bundle = '';
    beforeAll(async () => {
      bundle = await bundleForChild('src/vault/file-vault.ts');
      dirs.push(dirname(bundle));
    }, 30_000);

    it('loses no update when 4 processes each write 15 secrets at once', async () => {
      const dir = await tempDir();
      const path = join(dir, 'v.vault');
      await createKeyFile(join(dir, 'k'));
      const script = join(dir, 'writer.mjs');
      await writeFile(
        script,
        [
          `import { FileVault } from ${JSON.stringify(bundle)};`,
          'const [path, keyFile, id] = process.argv.slice(2);',
          'const vault = new FileVault({ path, key: { keyFile }, lock: { timeoutMs: 30000 } });',
          "for (let i = 0; i < 15; i += 1) await vault.set('W' + id + '_' + i, 'value-' + id + '-' + i);",
        ].join('\n'),
      );
      const run = (id: number) =>
        new Promise<number>((resolveRun, reject) => {
          const child = spawn(process.execPath, [script, path, join(dir, 'k'), String(id)], {
            stdio: 'inherit',
          });
          child.on('error', reject);
          child.on('exit', (code) => resolveRun(code ?? -1));
        });
      const codes = await Promise.all([0, 1, 2, 3].map(run));
      expect(codes).toEqual([0, 0, 0, 0]);
      const vault = new FileVault({ path, key: { keyFile: join(dir, 'k') } });
      const names = (await vault.list()).map((m) => m.name);
      expect(names).toHaveLength(60);
      for (let id = 0; id < 4; id += 1) {
        for (let i = 0; i < 15; i += 1) {
          expect((await vault.get(`W${id}_${i}`))?.value.reveal()).toBe(`value-${id}-${i}`);
        }
      }
    }, 60_000);
  });
});
