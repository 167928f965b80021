import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOrderIntent } from '../src/model/intent.js';
import type { BarInput, TickInput } from '../src/paper/paper-exchange.js';

function rows(name: string): string[][] {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** Real Binance BTC/USDT 1h bars, 2024-08-04 04:00 -> 2024-08-07 02:00 UTC (see fixtures/README.md). Values kept as strings. */
export function btcBars(): BarInput[] {
  return rows('binance_BTCUSDT_1h_2024-08-04_07.csv').map(([t, o, h, l, c, v]) => ({
    symbol: 'BTC/USDT',
    timestamp: Number(t),
    open: o ?? '',
    high: h ?? '',
    low: l ?? '',
    close: c ?? '',
    volume: v ?? '',
  }));
}

/** First 300 real Binance BTCUSDT trades of 2021-01-08 (see fixtures/README.md). */
export function btcTrades(): TickInput[] {
  return rows('binance_BTCUSDT_trades_2021-01-08_head300.csv').map(([t, , price, amount]) => ({
    symbol: 'BTC/USDT',
    timestamp: Number(t),
    price: price ?? '',
    quantity: amount ?? '',
  }));
}

/** The BTC/USDT market rules used in tests (Binance spot: tick 0.01, step 0.00001, min notional 5). */
export const btcMarket = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.01',
  lotStep: '0.00001',
  minNotional: '5',
} as const;

/** A limit buy of 0.01 BTC at 60,000 USDT, parsed: the order the store tests write. */
export const btcLimitBuy = parseOrderIntent({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: '0.01',
  price: '60000',
});
