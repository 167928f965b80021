import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles one TypeScript source file of this package into a standalone ESM file that a plain `node` child
 * process can import (tests run against src/, and Node 20 cannot run TypeScript). With `resolvePeers`, the
 * bundle is written under the package's git-ignored `.tmp/` so that external peers (`@napi-rs/keyring`)
 * resolve from the workspace's node_modules; the caller removes the returned directory.
 */
export async function bundleForChild(
  entryFromPackageRoot: string,
  options: { resolvePeers?: boolean } = {},
): Promise<string> {
  let dir: string;
  if (options.resolvePeers === true) {
    await mkdir(join(packageRoot, '.tmp'), { recursive: true });
    dir = await mkdtemp(join(packageRoot, '.tmp', 'bundle-'));
  } else {
    dir = await mkdtemp(join(tmpdir(), 'rrr-secrets-bundle-'));
  }
  const outfile = join(dir, 'bundle.mjs');
  await build({
    entryPoints: [join(packageRoot, entryFromPackageRoot)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    external: ['@napi-rs/keyring'],
  });
  return outfile;
}
