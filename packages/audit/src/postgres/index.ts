/**
 * PostgreSQL audit sink (`@rrr/audit/postgres`); needs the optional peer dependency `pg`.
 *
 * @packageDocumentation
 */
export { postgresMigrations } from './migrations.js';
export { PostgresSink, type PostgresSinkOptions } from './postgres-sink.js';
