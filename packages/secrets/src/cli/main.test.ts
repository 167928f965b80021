import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gen } from '../../test/fixtures/corpus.js';
import { bundleForChild } from '../../test/helpers/bundle.js';

describe('rrr-secrets executable', () => {
  let bundle = '';
  let dir = '';
  beforeAll(async () => {
    bundle = await bundleForChild('src/cli/main.ts');
    dir = await mkdtemp(join(tmpdir(), 'rrr-cli-bin-'));
  }, 30_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(dirname(bundle), { recursive: true, force: true });
  });

  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [bundle, ...args], {
      encoding: 'utf8',
      input,
      env: { PATH: process.env['PATH'] },
    });

  it('sets the process exit code: 1 with findings, 0 when clean, 2 on usage errors', async () => {
    await writeFile(
      join(dir, 'leak.env'),
      `SUPABASE_ACCESS_TOKEN=sbp_${new Gen(5).str('0123456789abcdef', 40)}\n`,
    );
    await writeFile(join(dir, 'clean.ts'), 'export const x = 1;\n');
    const leak = run(['scan', join(dir, 'leak.env')]);
    expect(leak.status).toBe(1);
    expect(leak.stdout).toContain('supabase-access-token');
    expect(run(['scan', join(dir, 'clean.ts')]).status).toBe(0);
    const usage = run(['nope']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown command');
  });

  it('reads the value for set from stdin and never echoes it', async () => {
    const env = ['--vault', join(dir, 'v.vault'), '--key-file', join(dir, 'k')];
    expect(run(['keygen', join(dir, 'k')]).status).toBe(0);
    const set = run(['set', 'TOKEN', ...env], 'stdin-value-42\n');
    expect(set.status).toBe(0);
    expect(set.stdout).not.toContain('stdin-value-42');
    expect(run(['get', 'TOKEN', ...env]).stdout).toBe('stdin-value-42');
  });
});
