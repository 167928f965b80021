// Benchmarks for @rrr/risk (run: npm run bench -w @rrr/risk). Imports the BUILT package.
// 1. Pre-trade check latency on a 50-position portfolio (every rule enabled), median and p99:
//    - warm: the same snapshot object is checked repeatedly (aggregates cached per snapshot),
//    - cold: a new snapshot object per check (gross/net exposure recomputed over all 50 positions).
// 2. Monte Carlo Kelly optimiser throughput (bootstrap paths per second) on real BTC day-trading returns.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { FixedFractionalSizer, optimizeKellyMonteCarlo, RiskLimits } from '../dist/index.js';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function preTradeBench() {
  const symbols = Array.from({ length: 50 }, (_, i) => `SYM${i}/USDT`);
  const lastPrices = Object.fromEntries(symbols.map((s, i) => [s, String(10 + i * 3.25)]));
  const snapshot = {
    equity: '1000000',
    dayPnl: '-1200.5',
    positions: symbols.map((symbol, i) => ({ symbol, quantity: String((i % 2 === 0 ? 1 : -1) * (100 + i)) })),
    openOrders: symbols
      .slice(0, 10)
      .map((symbol, i) => ({ symbol, side: i % 2 ? 'buy' : 'sell', quantity: '5' })),
    lastPrices,
  };
  let now = 1_700_000_000_000;
  const clock = { now: () => now };
  const limits = new RiskLimits(
    {
      defaults: {
        maxOrderQuantity: 1000,
        maxOrderNotional: 100000,
        maxPositionQuantity: 5000,
        maxPositionNotional: 500000,
        maxGrossExposure: 5000000,
        maxNetExposure: 2000000,
        maxLeverage: 5,
        maxOpenOrders: 100,
        maxOpenOrdersPerSymbol: 10,
        priceCollar: 0.1,
        orderRate: { maxOrders: 1_000_000, windowMs: 1000 },
        maxDailyLoss: 50000,
      },
      accountOrderRate: { maxOrders: 1_000_000, windowMs: 1000 },
      killSwitch: { maxDrawdown: 0.3, action: 'reduce' },
    },
    { clock },
  );
  const intents = symbols.map((symbol, i) => ({
    symbol,
    side: i % 3 === 0 ? 'sell' : 'buy',
    quantity: '1.5',
    price: String(10 + i * 3.25 + 0.01),
  }));
  const run = (label, nextSnapshot) => {
    const n = 200_000;
    const samples = new Float64Array(n);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) limits.check(intents[i % 50], nextSnapshot()); // warm-up / JIT
    for (let i = 0; i < n; i++) {
      const s = nextSnapshot();
      const intent = intents[i % 50];
      now += 1;
      const t0 = process.hrtime.bigint();
      const d = limits.check(intent, s);
      samples[i] = Number(process.hrtime.bigint() - t0);
      if (d.ok) accepted++;
    }
    samples.sort();
    console.log(
      `pre-trade check (${label}, 50 positions): median ${(quantile(samples, 0.5) / 1000).toFixed(2)} µs, ` +
        `p99 ${(quantile(samples, 0.99) / 1000).toFixed(2)} µs, accepted ${accepted}/${n}`,
    );
    return quantile(samples, 0.5);
  };
  const warm = run('warm: same snapshot', () => snapshot);
  const cold = run('cold: new snapshot per check', () => ({ ...snapshot }));
  console.log(`cold / warm median ratio: ${(cold / warm).toFixed(1)}x (target: median well under 10 µs)`);
}

function monteCarloBench() {
  const text = readFileSync(
    new URL('../test/fixtures/binance_BTCUSDT_1d_2017-2022.csv', import.meta.url),
    'utf8',
  );
  const returns = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, open, , , close] = line.split(',').map(Number);
      return close / open - 1;
    });
  const settings = { returns, seed: 1, paths: 2000, tradesPerPath: 250, maxDrawdown: 0.3 };
  optimizeKellyMonteCarlo({ ...settings, paths: 200 }); // warm-up
  const rounds = 3;
  let best = Number.POSITIVE_INFINITY;
  let result;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    result = optimizeKellyMonteCarlo(settings);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const fractions = result.curve.length;
  console.log(
    `monte carlo: ${settings.paths} paths x ${settings.tradesPerPath} trades x ${fractions} fractions in ${best.toFixed(1)} ms ` +
      `(best of ${rounds}) = ${Math.round((settings.paths / best) * 1000).toLocaleString('en-US')} paths/s, ` +
      `${((settings.paths * settings.tradesPerPath * fractions) / best / 1000).toFixed(1)} M trade-steps/s; ` +
      `best fraction ${result.best?.fraction ?? 'none'} (${result.reason ?? 'ok'})`,
  );
}

/**
 * Fixed fractional sizing of one entry, as a backtest calls it (plain numbers, a per-call cap as a decimal
 * string): the float-decided path against the same inputs as Decimals (the exact path only). Both give the same
 * decision; the closes are the real BTC/USDT 1-minute closes of 2024-07-26 (test fixture).
 */
function sizerBench() {
  const closes = readFileSync(
    new URL('../test/fixtures/binance_BTCUSDT_1m_2024-07-26_first1440.csv', import.meta.url),
    'utf8',
  )
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[4]));
  const sizer = new FixedFractionalSizer({
    riskFraction: '0.01',
    constraints: { lotStep: '0.00001', minNotional: 5, maxEquityFraction: '0.10555555555555556' },
  });
  const contexts = closes.map((close, i) => ({
    equity: 10_000 + i * 0.37,
    price: close,
    stopPrice: close * 0.97,
    maxQuantity: ((10_000 / close) * 0.98).toFixed(12),
  }));
  const exactContexts = contexts.map((c) => ({
    equity: new Decimal(c.equity),
    price: new Decimal(c.price),
    stopPrice: new Decimal(c.stopPrice),
    maxQuantity: new Decimal(c.maxQuantity),
  }));
  const time = (list) => {
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const t0 = process.hrtime.bigint();
      for (const c of list) sizer.size(c);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / list.length);
    }
    return best;
  };
  for (let i = 0; i < contexts.length; i++) {
    const a = sizer.size(contexts[i]);
    const b = sizer.size(exactContexts[i]);
    if (a.ok !== b.ok || (a.ok && (!a.quantity.eq(b.quantity) || !a.notional.eq(b.notional))))
      throw new Error(`float and exact sizing differ at bar ${i}`);
  }
  const fast = time(contexts);
  const exact = time(exactContexts);
  console.log(
    `fixed fractional size(): ${(fast / 1000).toFixed(2)} µs with plain numbers vs ${(exact / 1000).toFixed(2)} µs ` +
      `with Decimal inputs (exact path only), ${(exact / fast).toFixed(1)}x; same decisions on ${contexts.length} real closes`,
  );
}

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
preTradeBench();
monteCarloBench();
sizerBench();
