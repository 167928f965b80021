/**
 * SQLite order store for `@rrr/orders` (needs the optional peer dependency `better-sqlite3`).
 *
 * @packageDocumentation
 */
export { SqliteOrderStore, type SqliteOrderStoreOptions } from './sqlite-store.js';
