import type { Migration } from '../sqlite/migrations.js';

/** @internal Versioned PostgreSQL migrations, applied in order under an advisory lock. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'orders and fills',
    sql: `
CREATE TABLE rrr_orders (
  seq BIGSERIAL PRIMARY KEY,
  client_order_id TEXT NOT NULL UNIQUE,
  venue_order_id TEXT,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type TEXT NOT NULL,
  time_in_force TEXT NOT NULL,
  quantity NUMERIC NOT NULL,
  price NUMERIC,
  stop_price NUMERIC,
  reduce_only SMALLINT NOT NULL,
  status TEXT NOT NULL,
  filled_quantity NUMERIC NOT NULL,
  average_fill_price NUMERIC,
  fees NUMERIC NOT NULL,
  fee_currency TEXT,
  reason_code TEXT,
  reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX rrr_orders_open ON rrr_orders (seq)
  WHERE status IN ('pending_new', 'new', 'partially_filled', 'pending_cancel', 'pending_replace');
CREATE INDEX rrr_orders_symbol ON rrr_orders (symbol);
CREATE INDEX rrr_orders_venue ON rrr_orders (venue_order_id);
CREATE TABLE rrr_fills (
  seq BIGSERIAL PRIMARY KEY,
  trade_id TEXT NOT NULL UNIQUE,
  client_order_id TEXT NOT NULL REFERENCES rrr_orders (client_order_id),
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  quantity NUMERIC NOT NULL,
  price NUMERIC NOT NULL,
  fee NUMERIC NOT NULL,
  fee_currency TEXT NOT NULL,
  liquidity TEXT NOT NULL,
  ts BIGINT NOT NULL
);
CREATE INDEX rrr_fills_order ON rrr_fills (client_order_id);
`,
  },
];
