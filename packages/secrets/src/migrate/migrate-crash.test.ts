import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForChild } from '../../test/helpers/bundle.js';
import { parseDotenv } from '../providers/dotenv-parse.js';
import { FileVault } from '../vault/file-vault.js';
import { createKeyFile } from '../vault/key-file.js';
import { BACKUP_SUFFIX } from './migrate.js';

const VALUES = Object.fromEntries(
  Array.from({ length: 20 }, (_, i) => [`KEY_${i}`, `value-${i}-${'z'.repeat(i)}`]),
);
const ENV_TEXT = `${Object.entries(VALUES)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n')}\n`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const readOr = (path: string) => readFile(path, 'utf8').catch(() => undefined);

describe('migrateDotenv killed with SIGKILL at arbitrary points', () => {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundleForChild('test/helpers/migrate-child-entry.ts');
    dirs.push(dirname(bundle));
  }, 30_000);

  it('never loses a value: each is in the .env, or in the vault and the backup', async () => {
    // null: let the migration finish, so at least two different stages are always observed.
    const delays = [0, 3, 8, 15, 25, 40, 70, 120, 160, 220, 400, null];
    const outcomes: string[] = [];
    for (const delay of delays) {
      const dir = await mkdtemp(join(tmpdir(), 'rrr-migrate-crash-'));
      dirs.push(dir);
      const envFile = join(dir, '.env');
      const keyFile = join(dir, 'key');
      const vaultFile = join(dir, 'v.vault');
      await writeFile(envFile, ENV_TEXT);
      await createKeyFile(keyFile);
      const script = join(dir, 'child.mjs');
      await writeFile(
        script,
        [
          `import { FileVault, migrateDotenv } from ${JSON.stringify(bundle)};`,
          'const [envFile, vaultFile, keyFile] = process.argv.slice(2);',
          'const target = new FileVault({ path: vaultFile, key: { keyFile } });',
          "process.stdout.write('start\\n');",
          'await migrateDotenv({ file: envFile, target });',
          "process.stdout.write('done\\n');",
        ].join('\n'),
      );
      const finished = await new Promise<boolean>((resolveRun, reject) => {
        const child = spawn(process.execPath, [script, envFile, vaultFile, keyFile], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (delay !== null && out.includes('start') && !child.killed)
            setTimeout(() => child.kill('SIGKILL'), delay);
        });
        child.on('error', reject);
        child.on('exit', () => resolveRun(out.includes('done')));
      });

      const env = new Map(parseDotenv((await readOr(envFile)) ?? '').map((e) => [e.key, e.value]));
      const backupText = await readOr(`${envFile}${BACKUP_SUFFIX}`);
      const backup = new Map(parseDotenv(backupText ?? '').map((e) => [e.key, e.value]));
      const vault = new FileVault({ path: vaultFile, key: { keyFile } });
      let inVault = 0;
      for (const [name, value] of Object.entries(VALUES)) {
        const stored = await vault.get(name);
        if (stored?.value.reveal() === value) inVault += 1;
        const safe =
          env.get(name) === value || (stored?.value.reveal() === value && backup.get(name) === value);
        expect(safe, `${name} lost after SIGKILL at +${delay} ms`).toBe(true);
      }
      const rewritten = env.size === 0;
      outcomes.push(
        finished ? 'finished' : rewritten ? 'killed-after-rewrite' : `killed-with-${inVault}-copied`,
      );
      if (rewritten) expect(backupText, 'a rewritten .env always has its backup').toBe(ENV_TEXT);
    }
    console.log(`migration SIGKILL outcomes: ${[...outcomes].join(', ')}`);
    expect(new Set(outcomes).size, 'kills landed at different stages').toBeGreaterThan(1);
  }, 60_000);
});
