/**
 * SQLite audit sink (`@rrr/audit/sqlite`); needs the optional peer dependency `better-sqlite3`.
 *
 * @packageDocumentation
 */
export { SqliteSink, type SqliteSinkOptions } from './sqlite-sink.js';
