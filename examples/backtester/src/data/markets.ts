import type { MarketInfoInput } from '@rrr/orders';

/** Binance spot tick sizes and lot steps (2024) of the embedded symbols; min notional 5 USDT. */
const KNOWN: Readonly<Record<string, { tickSize: string; lotStep: string }>> = {
  'BTC/USDT': { tickSize: '0.01', lotStep: '0.00001' },
  'ETH/USDT': { tickSize: '0.01', lotStep: '0.0001' },
  'LTC/USDT': { tickSize: '0.01', lotStep: '0.001' },
  'SOL/USDT': { tickSize: '0.01', lotStep: '0.001' },
  'AVAX/USDT': { tickSize: '0.01', lotStep: '0.01' },
  'LINK/USDT': { tickSize: '0.001', lotStep: '0.01' },
  'XRP/USDT': { tickSize: '0.0001', lotStep: '1' },
  'DOGE/USDT': { tickSize: '0.00001', lotStep: '1' },
  'TRX/USDT': { tickSize: '0.00001', lotStep: '0.1' },
};

/** Market rules for a symbol: the known Binance values, else tick 0.00000001 and lot 0.00000001. */
export function marketFor(symbol: string): MarketInfoInput {
  const [base = symbol, quote = 'USDT'] = symbol.split('/');
  const known = KNOWN[symbol] ?? { tickSize: '0.00000001', lotStep: '0.00000001' };
  return { symbol, base, quote, ...known, minNotional: 5 };
}
