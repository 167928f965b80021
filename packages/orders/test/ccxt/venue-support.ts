import type { CcxtExchange } from '../../src/ccxt/ccxt-exchange.js';
import { OrderManager } from '../../src/manager/order-manager.js';
import { newOrder, type OrderIntentInput, parseOrderIntent } from '../../src/model/intent.js';
import type { Order } from '../../src/model/types.js';
import { MemoryOrderStore } from '../../src/store/memory-store.js';

/** The limit buy most ccxt venue tests place. */
export const LIMIT_BUY = {
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: '0.01',
  price: '60000',
} as const;

/**
 * `CcxtExchange` retry options for tests: short linear backoff, a fixed clock, and every wait recorded in
 * `sleeps` (so a test can assert how often and how long the exchange backed off).
 */
export function recordedRetries(sleeps: number[]) {
  return {
    backoffMs: (n: number) => n * 10,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await new Promise((r) => setTimeout(r, ms));
    },
    clock: { now: () => 1 },
  };
}

/** Makes orders from {@link LIMIT_BUY} plus overrides (market orders lose the price), ids `<prefix>-1`, `-2`, ... */
export function orderFactory(prefix: string): (input?: Partial<OrderIntentInput>) => Order {
  let seq = 0;
  return (input = {}) => {
    seq += 1;
    const { price, ...rest } = LIMIT_BUY;
    return newOrder(
      parseOrderIntent({ ...rest, ...(input.type === 'market' ? {} : { price }), ...input }),
      `${prefix}-${seq}`,
      0,
    );
  };
}

/** A started OrderManager over `exchange` with an in-memory store and a fixed clock. */
export async function startedManager(exchange: CcxtExchange): Promise<OrderManager> {
  const manager = new OrderManager({ exchange, store: new MemoryOrderStore(), clock: { now: () => 1 } });
  await manager.start();
  return manager;
}
