import { configDefaults, defineProject } from 'vitest/config';

/**
 * The parity test runs the paper bot, whose SQLite stores load better-sqlite3 (compiled for Node 20's ABI), so
 * the Node 24 run (`RRR_ABI_PORTABLE_ONLY=1`, scripts/test-node24.sh) leaves it out.
 */
const abiSpecificTests = process.env['RRR_ABI_PORTABLE_ONLY'] === '1' ? ['parity.test.ts'] : [];

export default defineProject({
  test: {
    name: 'repo',
    include: ['**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...abiSpecificTests],
    environment: 'node',
  },
});
