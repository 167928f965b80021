/**
 * PostgreSQL order store for `@rrr/orders` (needs the optional peer dependency `pg`).
 *
 * @packageDocumentation
 */
export { PostgresOrderStore, type PostgresOrderStoreOptions } from './postgres-store.js';
