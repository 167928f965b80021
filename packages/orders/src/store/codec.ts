import { Decimal } from 'decimal.js';
import type {
  Fill,
  Liquidity,
  Order,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
} from '../model/types.js';

/** @internal Row shape of the `orders` table shared by the SQL stores (decimals as text). */
export interface OrderRow {
  client_order_id: string;
  venue_order_id: string | null;
  symbol: string;
  side: string;
  type: string;
  time_in_force: string;
  quantity: string;
  price: string | null;
  stop_price: string | null;
  reduce_only: number;
  status: string;
  filled_quantity: string;
  average_fill_price: string | null;
  fees: string;
  fee_currency: string | null;
  reason_code: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** @internal Row shape of the `fills` table. */
export interface FillRow {
  trade_id: string;
  client_order_id: string;
  symbol: string;
  side: string;
  quantity: string;
  price: string;
  fee: string;
  fee_currency: string;
  liquidity: string;
  ts: number;
}

/** @internal Column order used by INSERT statements. */
export const ORDER_COLUMNS = [
  'client_order_id',
  'venue_order_id',
  'symbol',
  'side',
  'type',
  'time_in_force',
  'quantity',
  'price',
  'stop_price',
  'reduce_only',
  'status',
  'filled_quantity',
  'average_fill_price',
  'fees',
  'fee_currency',
  'reason_code',
  'reason',
  'created_at',
  'updated_at',
  'version',
] as const;

/** @internal */
export const FILL_COLUMNS = [
  'trade_id',
  'client_order_id',
  'symbol',
  'side',
  'quantity',
  'price',
  'fee',
  'fee_currency',
  'liquidity',
  'ts',
] as const;

/** @internal */
export function orderToRow(o: Order): OrderRow {
  return {
    client_order_id: o.clientOrderId,
    venue_order_id: o.venueOrderId ?? null,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    time_in_force: o.timeInForce,
    quantity: o.quantity.toString(),
    price: o.price?.toString() ?? null,
    stop_price: o.stopPrice?.toString() ?? null,
    reduce_only: o.reduceOnly ? 1 : 0,
    status: o.status,
    filled_quantity: o.filledQuantity.toString(),
    average_fill_price: o.averageFillPrice?.toString() ?? null,
    fees: o.fees.toString(),
    fee_currency: o.feeCurrency ?? null,
    reason_code: o.reasonCode ?? null,
    reason: o.reason ?? null,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    version: o.version,
  };
}

/** @internal */
export function orderFromRow(r: OrderRow): Order {
  return {
    clientOrderId: r.client_order_id,
    ...(r.venue_order_id === null ? {} : { venueOrderId: r.venue_order_id }),
    symbol: r.symbol,
    side: r.side as OrderSide,
    type: r.type as OrderType,
    timeInForce: r.time_in_force as TimeInForce,
    quantity: new Decimal(r.quantity),
    ...(r.price === null ? {} : { price: new Decimal(r.price) }),
    ...(r.stop_price === null ? {} : { stopPrice: new Decimal(r.stop_price) }),
    reduceOnly: Number(r.reduce_only) === 1,
    status: r.status as OrderStatus,
    filledQuantity: new Decimal(r.filled_quantity),
    ...(r.average_fill_price === null ? {} : { averageFillPrice: new Decimal(r.average_fill_price) }),
    fees: new Decimal(r.fees),
    ...(r.fee_currency === null ? {} : { feeCurrency: r.fee_currency }),
    ...(r.reason_code === null ? {} : { reasonCode: r.reason_code }),
    ...(r.reason === null ? {} : { reason: r.reason }),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: Number(r.version),
  };
}

/** @internal */
export function fillToRow(f: Fill): FillRow {
  return {
    trade_id: f.tradeId,
    client_order_id: f.clientOrderId,
    symbol: f.symbol,
    side: f.side,
    quantity: f.quantity.toString(),
    price: f.price.toString(),
    fee: f.fee.toString(),
    fee_currency: f.feeCurrency,
    liquidity: f.liquidity,
    ts: f.timestamp,
  };
}

/** @internal */
export function fillFromRow(r: FillRow): Fill {
  return {
    tradeId: r.trade_id,
    clientOrderId: r.client_order_id,
    symbol: r.symbol,
    side: r.side as OrderSide,
    quantity: new Decimal(r.quantity),
    price: new Decimal(r.price),
    fee: new Decimal(r.fee),
    feeCurrency: r.fee_currency,
    liquidity: r.liquidity as Liquidity,
    timestamp: Number(r.ts),
  };
}
