import pg from 'pg';
import { FILL_COLUMNS, ORDER_COLUMNS } from '../store/codec.js';
import { ALONE, type MergedWrites, type PgWrite } from './group-commit.js';

/**
 * @internal A codec value as an SQL literal: strings quoted by pg's `escapeLiteral` (decimals are strings, cast to
 * NUMERIC by the column), integers as digits, null as NULL. Anything else is a bug of the caller.
 */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new TypeError(`no SQL literal for ${typeof value} ${String(value)}`);
}

const ORDER_SET = ORDER_COLUMNS.slice(1);

/** The SQL type of each `rrr_orders` column that is not TEXT (values in a VALUES list arrive as text or int). */
const ORDER_TYPES: Readonly<Partial<Record<(typeof ORDER_COLUMNS)[number], string>>> = {
  quantity: 'numeric',
  price: 'numeric',
  stop_price: 'numeric',
  reduce_only: 'smallint',
  filled_quantity: 'numeric',
  average_fill_price: 'numeric',
  fees: 'numeric',
  created_at: 'bigint',
  updated_at: 'bigint',
  version: 'integer',
};

function row(values: readonly unknown[]): string {
  return `(${values.map(literal).join(', ')})`;
}

/**
 * @internal The statements of a group-committed batch carry their values as literals: the whole batch then goes to
 * the server in one round trip (pg's simple query protocol runs several statements per message; parameters would
 * need one round trip per statement).
 */
export const batchSql = {
  /** `INSERT` of an order row (values in `ORDER_COLUMNS` order), nothing on a duplicate client order id. */
  insertOrder(values: readonly unknown[]): string {
    return `INSERT INTO rrr_orders (${ORDER_COLUMNS.join(', ')}) VALUES (${values.map(literal).join(', ')}) ON CONFLICT (client_order_id) DO NOTHING`;
  },
  /** `UPDATE` of an order row at an expected version (values in `ORDER_COLUMNS` order, then the version). */
  updateOrder(values: readonly unknown[]): string {
    const sets = ORDER_SET.map((c, i) => `${c} = ${literal(values[i + 1])}`).join(', ');
    return `UPDATE rrr_orders SET ${sets} WHERE client_order_id = ${literal(values[0])} AND version = ${literal(values[ORDER_COLUMNS.length])}`;
  },
  /**
   * One `INSERT` of several order rows (distinct client order ids), nothing on a duplicate; answers the client
   * order ids inserted.
   */
  insertOrders(rows: readonly (readonly unknown[])[]): string {
    return `INSERT INTO rrr_orders (${ORDER_COLUMNS.join(', ')}) VALUES ${rows.map(row).join(', ')} ON CONFLICT (client_order_id) DO NOTHING RETURNING client_order_id`;
  },
  /**
   * One `UPDATE` of several order rows (distinct client order ids), each at its expected version (values in
   * `ORDER_COLUMNS` order, then the version); answers the client order ids updated.
   */
  updateOrders(rows: readonly (readonly unknown[])[]): string {
    const sets = ORDER_SET.map((c) => `${c} = v.${c}${ORDER_TYPES[c] ? `::${ORDER_TYPES[c]}` : ''}`).join(
      ', ',
    );
    const columns = [...ORDER_COLUMNS, 'expected_version'].join(', ');
    return (
      `UPDATE rrr_orders AS o SET ${sets} FROM (VALUES ${rows.map(row).join(', ')}) AS v (${columns}) ` +
      'WHERE o.client_order_id = v.client_order_id AND o.version = v.expected_version::integer ' +
      'RETURNING o.client_order_id'
    );
  },
  /**
   * A fill and its order in one statement: the fill is inserted (nothing on a duplicate trade id) and the order
   * updated only when the fill was new. Answers one row `{ f, u }`: fills inserted, orders updated (0 or 1 each).
   */
  recordFill(fillValues: readonly unknown[], orderValues: readonly unknown[]): string {
    const sets = ORDER_SET.map((c, i) => `${c} = ${literal(orderValues[i + 1])}`).join(', ');
    return (
      `WITH f AS (INSERT INTO rrr_fills (${FILL_COLUMNS.join(', ')}) VALUES (${fillValues.map(literal).join(', ')}) ` +
      'ON CONFLICT (trade_id) DO NOTHING RETURNING 1), ' +
      `u AS (UPDATE rrr_orders SET ${sets} WHERE client_order_id = ${literal(orderValues[0])} ` +
      `AND version = ${literal(orderValues[ORDER_COLUMNS.length])} AND EXISTS (SELECT 1 FROM f) RETURNING 1) ` +
      'SELECT (SELECT COUNT(*) FROM f)::int AS f, (SELECT COUNT(*) FROM u)::int AS u'
    );
  },
};

/**
 * @internal Merges a batch made only of order inserts, or only of order updates, each of a different order, into
 * one multi-row statement (one parse and plan on the server instead of one per write). Each write then takes its
 * result from whether its row was inserted / updated. Any other batch (fills, a mix, one order twice) is left
 * to one statement per write.
 */
export function mergeOrderWrites(writes: readonly PgWrite<unknown>[]): MergedWrites | undefined {
  const kind = writes[0]?.merge?.kind;
  if (writes.length < 2 || !kind) return undefined;
  const ids = new Set<string>();
  const rows: (readonly unknown[])[] = [];
  for (const write of writes) {
    if (write.merge?.kind !== kind || ids.has(write.merge.id)) return undefined;
    ids.add(write.merge.id);
    rows.push(write.merge.values);
  }
  return {
    sql: kind === 'insert' ? batchSql.insertOrders(rows) : batchSql.updateOrders(rows),
    results: async (answer, client) => {
      const done = new Set(answer.rows.map((r: { client_order_id: string }) => r.client_order_id));
      const results: unknown[] = [];
      for (const write of writes) {
        const rowCount = done.has(write.merge?.id ?? '') ? 1 : 0;
        const result = await write.result({ rowCount, rows: [] } as unknown as pg.QueryResult, client);
        if (result === ALONE) return ALONE;
        results.push(result);
      }
      return results;
    },
  };
}
