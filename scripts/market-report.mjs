// `npm run market-report`: a market and risk report over real, embedded data.
// It uses the packages exactly as a user's project would: by their published names, from their built output.
//
// Usage: node scripts/market-report.mjs [candles.csv[.gz]] [--equity 10000]
import { resolve } from 'node:path';
import {
  atr,
  computeFeatures,
  findGaps,
  isIndicatorError,
  parseTimeframe,
  readOhlcvCsvFile,
  rsi,
} from '@rrr/indicators';
import {
  analyzeDrawdowns,
  historicalVar,
  KellySizer,
  kellyContinuousFromReturns,
  parametricVar,
  rollingVolatility,
  VolatilityTargetSizer,
} from '@rrr/risk';
import { repoRoot } from './workspace-packages.mjs';

const args = process.argv.slice(2);
const equityFlag = args.indexOf('--equity');
const equity = equityFlag >= 0 ? args.splice(equityFlag, 2)[1] : '10000';
const file = resolve(args[0] ?? `${repoRoot}/data/binance_BTCUSDT_1d.csv`);
const lookback = 365;

const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const pct = (x) => `${(100 * x).toFixed(2)}%`;
const last = (column) => column[column.length - 1];

// Validates every row; a bad file is reported as the typed error's code and message, naming the first bad row.
let series;
try {
  series = readOhlcvCsvFile(file);
} catch (error) {
  if (!isIndicatorError(error)) throw error;
  console.error(`market-report: ${error.code}: ${error.message}`);
  process.exit(1);
}
const n = series.length;
const lastClose = last(series.close);
console.log(`RRR market report: ${file}`);
console.log(`bars: ${n} daily, ${day(series.timestamp[0])} -> ${day(last(series.timestamp))}`);
console.log(`gaps: ${findGaps(series, parseTimeframe('1d')).length}`);
console.log(`last close: ${lastClose}`);

const features = computeFeatures(series);
const row = (n - 1) * features.cols;
const complete = features.columns.filter((_, j) => Number.isFinite(features.data[row + j])).length;
console.log(`features: ${features.cols} columns x ${features.rows} rows; last row has ${complete} values`);
console.log(`RSI(14): ${last(rsi(series.close, 14)).toFixed(2)}`);
const atr14 = last(atr(series.high, series.low, series.close, 14));
console.log(`ATR(14): ${atr14.toFixed(2)} (${pct(atr14 / lastClose)} of price)`);

// Daily simple returns over the last year, the sample every risk figure below is computed from.
const returns = [];
for (let i = n - lookback; i < n; i++) returns.push(series.close[i] / series.close[i - 1] - 1);
const hvar = historicalVar(returns, 0.99);
const pvar = parametricVar(returns, 0.99);
console.log(`\nrisk over the last ${lookback} days (buy and hold, 1 day, 99%):`);
console.log(`  historical VaR ${pct(hvar.valueAtRisk)}, expected shortfall ${pct(hvar.expectedShortfall)}`);
console.log(`  parametric VaR ${pct(pvar.valueAtRisk)}, expected shortfall ${pct(pvar.expectedShortfall)}`);
const volatility = last(rollingVolatility(returns, 30, 365));
console.log(`  30-day volatility (annualised) ${pct(volatility)}`);
const drawdown = analyzeDrawdowns(series.close).max;
console.log(
  `  max drawdown since ${day(series.timestamp[0])}: ${pct(drawdown.depth)} ` +
    `(${day(series.timestamp[drawdown.peakIndex])} -> ${day(series.timestamp[drawdown.troughIndex])})`,
);

const constraints = { lotStep: '0.00001', minNotional: '5', maxEquityFraction: '1' };
const kelly = kellyContinuousFromReturns(returns);
console.log(`\nsizing for equity ${equity} USDT at ${lastClose}:`);
console.log(`  continuous Kelly f* = ${kelly.fraction.toFixed(4)} from the last ${lookback} daily returns`);
const half = new KellySizer({ kelly, fraction: '0.5', constraints }).size({ equity, price: lastClose });
console.log(
  half.ok
    ? `  half Kelly: buy ${half.quantity.toString()} BTC (notional ${half.notional.toFixed(2)} USDT)`
    : `  half Kelly: no trade (${half.code}: ${half.reason})`,
);
const target = new VolatilityTargetSizer({
  method: 'atr',
  riskFraction: '0.01',
  atrMultiple: '2',
  constraints,
});
const targeted = target.size({ equity, price: lastClose, atr: atr14 });
console.log(
  targeted.ok
    ? `  ATR target (2 ATR move = 1% of equity): buy ${targeted.quantity.toString()} BTC (notional ${targeted.notional.toFixed(2)} USDT)`
    : `  ATR target: no trade (${targeted.code}: ${targeted.reason})`,
);
