import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProviderContract } from '../../test/contract/provider-contract.js';
import { parseDotenv } from './dotenv-parse.js';
import { DotenvProvider, EnvProvider } from './env-provider.js';
import { MemoryProvider } from './memory-provider.js';
import { findStaleSecrets } from './stale.js';

const quoteDotenv = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

describeProviderContract('EnvProvider', async () => {
  const env: Record<string, string> = { UNRELATED: '' };
  return {
    provider: new EnvProvider({ env }),
    seed: async (values) => void Object.assign(env, values),
  };
});

describeProviderContract('EnvProvider with prefix', async () => {
  const env: Record<string, string> = {};
  return {
    provider: new EnvProvider({ env, prefix: 'APP_' }),
    seed: async (values) => {
      for (const [k, v] of Object.entries(values)) env[`APP_${k}`] = v;
    },
  };
});

describeProviderContract('DotenvProvider', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rrr-dotenv-'));
  const path = join(dir, '.env');
  return {
    provider: new DotenvProvider(path),
    seed: async (values) => {
      const text = Object.entries(values)
        .map(([k, v]) => `${k}=${quoteDotenv(v)}`)
        .join('\n');
      await writeFile(path, `# generated\n${text}\n`);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describeProviderContract('MemoryProvider', async (clock) => {
  const provider = new MemoryProvider(clock);
  return {
    provider,
    seed: async (values) => {
      for (const [k, v] of Object.entries(values)) await provider.set(k, v);
    },
  };
});

describe('parseDotenv', () => {
  it('handles export, comments, quotes, escapes, multi-line values and later assignments winning', () => {
    const text = [
      '# comment',
      'export A=plain value # trailing comment',
      "B='single #not comment'",
      'C="line1\\nline2 \\"q\\""',
      'D="multi',
      'line"',
      'E=',
      'not an assignment',
      'A=again',
    ].join('\n');
    const entries = parseDotenv(text);
    expect(entries.map((e) => [e.key, e.value, e.line, e.endLine])).toEqual([
      ['A', 'plain value', 2, 2],
      ['B', 'single #not comment', 3, 3],
      ['C', 'line1\nline2 "q"', 4, 4],
      ['D', 'multi\nline', 5, 6],
      ['E', '', 7, 7],
      ['A', 'again', 9, 9],
    ]);
  });
});

describe('DotenvProvider', () => {
  it('treats a missing file as empty and empty values as absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rrr-dotenv-'));
    const provider = new DotenvProvider(join(dir, '.env'));
    expect(await provider.list()).toEqual([]);
    await writeFile(join(dir, '.env'), 'EMPTY=\nFULL=x-value\n');
    expect(await provider.get('EMPTY')).toBeUndefined();
    expect((await provider.list()).map((m) => m.name)).toEqual(['FULL']);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('findStaleSecrets', () => {
  const base = { source: 's', kind: 'vault', plaintext: false } as const;
  it('reports passed rotate-by dates and, with a max age, secrets not rotated recently', () => {
    const now = 1_000_000;
    const stale = findStaleSecrets(
      [
        { ...base, name: 'PAST', rotateBy: now - 1, rotatedAt: now - 10 },
        { ...base, name: 'EXACT', rotateBy: now },
        { ...base, name: 'FUTURE', rotateBy: now + 1, rotatedAt: now - 10 },
        { ...base, name: 'OLD', rotatedAt: now - 5000 },
        { ...base, name: 'OLD_CREATED', createdAt: now - 5000 },
        { ...base, name: 'NO_DATES' },
      ],
      now,
      1000,
    );
    expect(stale.map((s) => [s.metadata.name, s.reason])).toEqual([
      ['PAST', 'rotate_by_passed'],
      ['EXACT', 'rotate_by_passed'],
      ['OLD', 'too_old'],
      ['OLD_CREATED', 'too_old'],
    ]);
    expect(findStaleSecrets([{ ...base, name: 'OLD', rotatedAt: 0 }], now)).toEqual([]);
  });
});
