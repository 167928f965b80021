import { readFileSync } from 'node:fs';
import type { AuditEventInput } from '../../src/events/event.js';
import type { PendingRecord } from '../../src/sink/types.js';

/** One real Binance BTCUSDT trade from the fixture file. */
export interface Trade {
  readonly timestamp: number;
  readonly id: string;
  readonly price: string;
  readonly amount: string;
  readonly side: 'buy' | 'sell';
}

const file = new URL('../fixtures/binance_BTCUSDT_trades_2021-01-08_first200.csv', import.meta.url);

/** The 200 real trades of the fixture file, in file order. */
export const trades: readonly Trade[] = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [timestamp, id, price, amount, side] = line.split(',');
    if (timestamp === undefined || id === undefined || price === undefined || amount === undefined) {
      throw new Error(`bad fixture line ${line}`);
    }
    return { timestamp: Number(timestamp), id, price, amount, side: side === 'buy' ? 'buy' : 'sell' };
  });

function tradeAt(i: number): Trade {
  const trade = trades[i % trades.length];
  if (trade === undefined) throw new Error('no trades');
  return trade;
}

/** An `order.filled` event built from real trade `i` (cycling through the fixture). */
export function fillEvent(i: number, idPrefix = 'fill'): Extract<AuditEventInput, { kind: 'order.filled' }> {
  const trade = tradeAt(i);
  return {
    id: `${idPrefix}-${i}`,
    kind: 'order.filled',
    actor: 'paper-bot',
    payload: { orderId: `o-${trade.id}`, quantity: trade.amount, price: trade.price, partial: false },
  };
}

/** A pending record (what a sink receives) built from real trade `i`. */
export function pendingFill(i: number, idPrefix = 'fill'): PendingRecord {
  const trade = tradeAt(i);
  return {
    id: `${idPrefix}-${i}`,
    ts: trade.timestamp,
    actor: i % 2 === 0 ? 'paper-bot' : 'risk-engine',
    kind: 'order.filled',
    tenant: i % 3 === 0 ? 'tenant-a' : 'tenant-b',
    payload: { orderId: `o-${trade.id}`, quantity: trade.amount, price: trade.price, partial: false },
  };
}
