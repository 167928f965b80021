import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, type ViteUserConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests run against each package's TypeScript source: every entry point of a package's `exports` map
 * (`@rrr/<name>` and subpaths such as `@rrr/<name>/sqlite`) resolves to `packages/<name>/src/<subpath>/index.ts`,
 * so a change is tested without a build. The built output is tested by `tests/entry-points.test.ts`.
 */
const sourceAliases = readdirSync(packagesDir).flatMap((name) => {
  const manifest = JSON.parse(readFileSync(`${packagesDir}${name}/package.json`, 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => {
      const subpath = key === '.' ? '' : key.slice(1);
      const escaped = `${manifest.name}${subpath}`.replaceAll('/', '\\/');
      return {
        find: new RegExp(`^${escaped}$`),
        replacement: `${packagesDir}${name}/src${subpath}/index.ts`,
      };
    });
});

/**
 * Test files that load a dev-only addon compiled for one Node ABI (the tulind peer in the indicator
 * cross-checks). `RRR_ABI_PORTABLE_ONLY=1` leaves them out, for runs on another Node major (scripts/test-node24.sh).
 */
const abiSpecificTests = process.env['RRR_ABI_PORTABLE_ONLY'] === '1' ? ['test/peers/**'] : [];

/** The vitest project for one workspace folder (a package or an example). */
export function workspaceProject(name: string): ViteUserConfig {
  return {
    resolve: { alias: sourceAliases },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: [...configDefaults.exclude, ...abiSpecificTests],
      environment: 'node',
    },
  };
}
