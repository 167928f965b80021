/** One versioned schema change of the PostgreSQL journal. */
export interface JournalMigration {
  /** Version number, from 1, applied in order. */
  readonly version: number;
  /** What it changes. */
  readonly description: string;
  /** SQL executed in the migration transaction. */
  readonly sql: string;
}

/**
 * The PostgreSQL journal's migrations, applied in order under an advisory lock; applied versions are recorded in
 * `paper_bot_journal_migrations`.
 *
 * @example
 * ```ts
 * const latest = JOURNAL_MIGRATIONS.at(-1)?.version; // 1
 * ```
 */
export const JOURNAL_MIGRATIONS: readonly JournalMigration[] = [
  {
    version: 1,
    description: 'one row per processed bar and symbol',
    sql: `
CREATE TABLE paper_bot_journal (
  ts BIGINT NOT NULL,
  symbol TEXT NOT NULL,
  close DOUBLE PRECISION NOT NULL,
  equity DOUBLE PRECISION NOT NULL,
  position DOUBLE PRECISION NOT NULL,
  drawdown DOUBLE PRECISION NOT NULL,
  signal TEXT NOT NULL,
  p_up DOUBLE PRECISION,
  p_flat DOUBLE PRECISION,
  p_down DOUBLE PRECISION,
  orders TEXT NOT NULL,
  PRIMARY KEY (ts, symbol)
);
`,
  },
];

/**
 * The journal schema version this code writes.
 *
 * @example
 * ```ts
 * if (applied > JOURNAL_SCHEMA_VERSION) throw new Error('upgrade paper-bot');
 * ```
 */
export const JOURNAL_SCHEMA_VERSION: number = JOURNAL_MIGRATIONS.at(-1)?.version ?? 0;
