import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const packageNames = ['indicators', 'models', 'risk', 'orders', 'secrets', 'audit'] as const;

/**
 * Tests run against each package's TypeScript source: `@rrr/<name>` resolves to `packages/<name>/src`,
 * so a change is tested without a build. The built output is tested separately by `tests/entry-points.test.ts`.
 */
const sourceAliases = Object.fromEntries(
  packageNames.map((name) => [
    `@rrr/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

/** The vitest project for one workspace folder (a package or an example). */
export function workspaceProject(name: string): ViteUserConfig {
  return {
    resolve: { alias: sourceAliases },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
    },
  };
}
