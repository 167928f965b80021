// Entry bundled for child processes in the migration crash test.
export { migrateDotenv } from '../../src/migrate/migrate.js';
export { FileVault } from '../../src/vault/file-vault.js';
