import { ExchangeError } from '../errors.js';
import type { OrderChange, VenueOrderReport } from '../exchange/exchange.js';
import { reviseOrder } from '../model/order-build.js';
import type { Order } from '../model/types.js';
import type { CcxtClient } from './client.js';
import type { CcxtOrderReader } from './order-reader.js';
import { editRefusal } from './parse.js';
import { offsetReport } from './replace.js';

/** @internal What the edits need from `CcxtExchange`. */
export interface EditContext {
  readonly client: CcxtClient;
  readonly reader: CcxtOrderReader;
  /** ccxt `createOrder`/`editOrder` arguments of an order. */
  orderArgs(order: Order): { type: string; price: number | undefined; params: Record<string, unknown> };
  /** `CcxtExchange.fetchOrder`. */
  fetchOrder(clientOrderId: string, symbol: string, known?: Order): Promise<VenueOrderReport | undefined>;
}

/** @internal Cancel-and-replace edit (see `CcxtExchange.modify`). */
export async function replaceOrder(
  ctx: EditContext,
  order: Order,
  change: OrderChange,
): Promise<VenueOrderReport> {
  const current = await ctx.fetchOrder(order.clientOrderId, order.symbol, order);
  if (!current)
    throw new ExchangeError('unknown_order', `order "${order.clientOrderId}" is unknown to ${ctx.client.id}`);
  if (current.status !== 'new' && current.status !== 'partially_filled') return current;
  const total = change.quantity ?? current.quantity;
  const remaining = total.sub(current.filledQuantity);
  if (remaining.lte(0)) {
    throw new ExchangeError(
      'invalid_quantity',
      `order "${order.clientOrderId}": the new quantity ${total.toString()} is not above the ${current.filledQuantity.toString()} filled at ${ctx.client.id}`,
    );
  }
  const replacement = reviseOrder(order, { quantity: remaining, price: change.price });
  const { type, price, params } = ctx.orderArgs(replacement);
  const raw = await ctx.client.editOrder(
    current.venueOrderId,
    order.symbol,
    type,
    order.side,
    remaining.toNumber(),
    price,
    params,
  );
  // the replaced order, read back: its final fills (some may have raced the cancel) belong to our order
  const before = reviseOrder(order, { venueOrderId: current.venueOrderId, quantity: current.quantity });
  const replaced = await ctx.reader.byVenueId(current.venueOrderId, before);
  const report = ctx.reader.toReport(raw, replacement, 'editOrder');
  return offsetReport(report, replaced.filledQuantity, replaced.fills);
}

/** @internal In-place edit (see `CcxtExchange.modify`). */
export async function amendOrder(
  ctx: EditContext,
  order: Order,
  venueOrderId: string,
  change: OrderChange,
): Promise<VenueOrderReport> {
  const total = change.quantity ?? order.quantity;
  const price = change.price ?? order.price;
  const { type } = ctx.orderArgs(order);
  const raw = await ctx.client.editOrder(
    venueOrderId,
    order.symbol,
    type,
    order.side,
    total.toNumber(),
    price?.toNumber(),
    {},
  );
  const refusal = editRefusal(raw);
  if (refusal) {
    throw new ExchangeError(
      refusal.toLowerCase(),
      `${ctx.client.id} refused to edit order "${order.clientOrderId}": ${refusal}`,
    );
  }
  const answer = raw as { id?: unknown; status?: unknown } | null;
  if (typeof answer?.id === 'string' && answer.status != null)
    return ctx.reader.toReport(raw, order, 'editOrder');
  return ctx.reader.byVenueId(venueOrderId, order);
}
