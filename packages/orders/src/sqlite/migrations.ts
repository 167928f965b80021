/** @internal One schema migration. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** @internal Versioned SQLite migrations, applied in order; never edit a shipped one, append a new version. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'orders and fills',
    sql: `
CREATE TABLE orders (
  seq INTEGER PRIMARY KEY,
  client_order_id TEXT NOT NULL UNIQUE,
  venue_order_id TEXT,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type TEXT NOT NULL,
  time_in_force TEXT NOT NULL,
  quantity TEXT NOT NULL,
  price TEXT,
  stop_price TEXT,
  reduce_only INTEGER NOT NULL,
  status TEXT NOT NULL,
  filled_quantity TEXT NOT NULL,
  average_fill_price TEXT,
  fees TEXT NOT NULL,
  fee_currency TEXT,
  reason_code TEXT,
  reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX orders_open ON orders (seq)
  WHERE status IN ('pending_new', 'new', 'partially_filled', 'pending_cancel', 'pending_replace');
CREATE INDEX orders_symbol ON orders (symbol);
CREATE INDEX orders_venue ON orders (venue_order_id);
CREATE TABLE fills (
  seq INTEGER PRIMARY KEY,
  trade_id TEXT NOT NULL UNIQUE,
  client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  quantity TEXT NOT NULL,
  price TEXT NOT NULL,
  fee TEXT NOT NULL,
  fee_currency TEXT NOT NULL,
  liquidity TEXT NOT NULL,
  ts INTEGER NOT NULL
);
CREATE INDEX fills_order ON fills (client_order_id);
`,
  },
  {
    version: 2,
    description: 'venue id index without the rows not yet acknowledged',
    // An intent has no venue id: a partial index keeps the insert of an intent out of it (one B-tree page less
    // written per intent). Lookups by venue id (`venue_order_id = ?`) imply NOT NULL and still use it.
    sql: `
DROP INDEX orders_venue;
CREATE INDEX orders_venue ON orders (venue_order_id) WHERE venue_order_id IS NOT NULL;
`,
  },
];
