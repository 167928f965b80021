import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM helper script without type declarations
import { entryPoints, publishablePackages, repoRoot } from '../scripts/workspace-packages.mjs';

type Manifest = { name: string; exports?: Record<string, unknown> };
const packages = (publishablePackages() as { manifest: Manifest }[]).map(({ manifest }) => manifest);
const specifiers: string[] = packages.flatMap((manifest) => entryPoints(manifest) as string[]);

/** Loads a specifier in a fresh Node process, exactly as a user's project would, and lists its exports. */
function exportNames(specifier: string, mode: 'esm' | 'cjs'): string[] {
  const script =
    mode === 'esm'
      ? `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`
      : `const m = require(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()));`;
  const args = mode === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' })) as string[];
}

describe('built entry points', () => {
  it('covers every publishable package', () => {
    expect(packages.map((p) => p.name)).toEqual([
      '@rrr/audit',
      '@rrr/indicators',
      '@rrr/models',
      '@rrr/orders',
      '@rrr/risk',
      '@rrr/secrets',
    ]);
  });

  it.each(specifiers)('%s loads as ESM and as CJS with the same named exports', (specifier) => {
    const esm = exportNames(specifier, 'esm');
    const cjs = exportNames(specifier, 'cjs');
    expect(esm.length, 'an entry point with no exports is a broken build').toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });
});
