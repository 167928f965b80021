import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { ExchangeError } from '../errors.js';
import type { VenueOrderReport } from '../exchange/exchange.js';
import type { Fill, Order, OrderStatus } from '../model/types.js';

const num = z.number().finite();

const trade = z.object({
  id: z.string().nullish(),
  order: z.string().nullish(),
  timestamp: num.nullish(),
  price: num,
  amount: num,
  takerOrMaker: z.enum(['taker', 'maker']).nullish(),
  fee: z.object({ cost: num.nullish(), currency: z.string().nullish() }).nullish(),
});

const order = z.object({
  id: z.string(),
  clientOrderId: z.string().nullish(),
  symbol: z.string(),
  status: z.enum(['open', 'closed', 'canceled', 'expired', 'rejected']).nullish(),
  timestamp: num.nullish(),
  lastUpdateTimestamp: num.nullish(),
  price: num.nullish(),
  average: num.nullish(),
  amount: num.nullish(),
  filled: num.nullish(),
  trades: z.array(trade).nullish(),
});

/** @internal A ccxt order, validated. */
export type CcxtOrder = z.infer<typeof order>;

/** @internal Validates a value returned by ccxt as a unified order. */
export function parseCcxtOrder(raw: unknown, method: string): CcxtOrder {
  const parsed = order.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExchangeError(
      'bad_response',
      `ccxt ${method} returned an order whose ${issue?.path.join('.') || 'value'} is invalid: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/**
 * @internal The venue's reason when an `editOrder` answer is a refusal that ccxt does not throw: Coinbase answers
 * `{ success: false, errors: [{ edit_failure_reason }] }` (ccxt's `info`). Undefined for any other answer.
 */
export function editRefusal(raw: unknown): string | undefined {
  const info = (raw as { info?: { success?: unknown; errors?: unknown } } | null)?.info;
  if (info?.success !== false) return undefined;
  const first = Array.isArray(info.errors)
    ? (info.errors[0] as { edit_failure_reason?: unknown })
    : undefined;
  const reason = first?.edit_failure_reason;
  return typeof reason === 'string' && reason !== '' ? reason : 'EDIT_FAILED';
}

function dec(value: number): Decimal {
  return new Decimal(String(value));
}

function status(o: CcxtOrder): OrderStatus {
  switch (o.status) {
    case 'closed':
      return 'filled';
    case 'canceled':
      return 'canceled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return (o.filled ?? 0) > 0 ? 'partially_filled' : 'new';
  }
}

/** @internal Maps a ccxt order onto our report; trades become fills (fees when ccxt gives them). */
export function toReport(
  o: CcxtOrder,
  ours: Pick<Order, 'clientOrderId' | 'symbol' | 'side' | 'quantity'>,
  quote: string,
  now: number,
): VenueOrderReport {
  const fills: Fill[] = (o.trades ?? []).map((t, i) => ({
    tradeId: t.id ?? `${o.id}:${i + 1}`,
    clientOrderId: ours.clientOrderId,
    symbol: ours.symbol,
    side: ours.side,
    quantity: dec(t.amount),
    price: dec(t.price),
    fee: t.fee?.cost == null ? new Decimal(0) : dec(t.fee.cost),
    feeCurrency: t.fee?.currency ?? quote,
    liquidity: t.takerOrMaker ?? 'taker',
    timestamp: t.timestamp ?? o.timestamp ?? now,
  }));
  return {
    clientOrderId: ours.clientOrderId,
    venueOrderId: o.id,
    symbol: ours.symbol,
    status: status(o),
    filledQuantity: o.filled == null ? new Decimal(0) : dec(o.filled),
    quantity: o.amount == null ? ours.quantity : dec(o.amount),
    ...(o.price == null || o.price === 0 ? {} : { price: dec(o.price) }),
    ...(o.average == null || o.average === 0 ? {} : { averageFillPrice: dec(o.average) }),
    fills,
    timestamp: o.lastUpdateTimestamp ?? o.timestamp ?? now,
  };
}
