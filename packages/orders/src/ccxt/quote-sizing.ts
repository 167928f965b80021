import { Decimal } from 'decimal.js';
import { tryDecimal } from '../util/decimal.js';
import { roundToStep } from '../util/step.js';

/**
 * @internal The quote amount a market buy of `quantity` base units spends at a venue that sizes market buys in
 * quote currency: `quantity × referencePrice × (1 + bufferBps / 10,000)`, rounded UP to the market's quote step
 * (so that at the reference price the order buys at least `quantity` before fees).
 */
export function marketBuyCost(
  quantity: Decimal,
  referencePrice: Decimal,
  bufferBps: number,
  quoteStep: Decimal,
): Decimal {
  const buffered = quantity.mul(referencePrice).mul(new Decimal(bufferBps).div(10_000).add(1));
  return roundToStep(buffered, quoteStep, Decimal.ROUND_UP);
}

/**
 * @internal The reference price of a market buy from a ccxt ticker: the best ask, or the last trade price when
 * the venue gives no ask; undefined when it gives neither (as a positive number).
 */
export function referenceAsk(ticker: unknown): Decimal | undefined {
  const t = (ticker ?? {}) as { ask?: unknown; last?: unknown };
  for (const value of [t.ask, t.last]) {
    const price = typeof value === 'number' ? tryDecimal(String(value)) : undefined;
    if (price?.gt(0)) return price;
  }
  return undefined;
}

/**
 * @internal The quote amount a venue recorded on a quote-sized order: Coinbase Advanced Trade keeps it in
 * `order_configuration.<kind>.quote_size` of the raw order (ccxt's `info`). Undefined for base-sized orders.
 */
export function recordedQuoteSize(raw: unknown): Decimal | undefined {
  const info = (raw as { info?: { order_configuration?: unknown } } | null)?.info;
  const config = info?.order_configuration;
  if (config === null || typeof config !== 'object') return undefined;
  for (const kind of Object.values(config as Record<string, unknown>)) {
    const size = (kind as { quote_size?: unknown } | null)?.quote_size;
    const quote = typeof size === 'string' ? tryDecimal(size) : undefined;
    if (quote?.gt(0)) return quote;
  }
  return undefined;
}
