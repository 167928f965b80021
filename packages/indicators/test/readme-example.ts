import {
  alignToLowerTimeframe,
  barAt,
  computeFeatures,
  FeaturePipeline,
  indicatorSet,
  RSI,
  readOhlcvCsvFile,
  resample,
  rollingZScore,
  rsi,
} from '@rrr/indicators';

// 1-minute candles, CSV `timestamp,open,high,low,close,volume` (ms UTC bar open times; gzip is fine).
const minutes = readOhlcvCsvFile('btcusdt-1m.csv.gz');

// 1m -> 5m and 1m -> 1h on epoch-aligned buckets; drop the last bucket if it has not closed yet.
const fiveMinutes = resample(minutes, { from: '1m', to: '5m', partialLast: 'drop' }).series;
const hours = resample(minutes, { from: '1m', to: '1h', partialLast: 'drop' }).series;
console.log(`bars: ${minutes.length} x 1m -> ${fiveMinutes.length} x 5m, ${hours.length} x 1h`);

// Batch indicators: whole columns in, Float64Array out (NaN during the warm-up).
const rsi14 = rsi(fiveMinutes.close, 14);
// Streaming classes: one closed bar at a time, same numbers bit for bit.
const live = new RSI(14);
for (let i = 0; i < fiveMinutes.length; i++) live.update(fiveMinutes.close[i] ?? Number.NaN);
console.log(`RSI(14) of the last 5m bar: ${rsi14.at(-1)?.toFixed(2)}, streaming: ${live.value?.toFixed(2)}`);

// The hourly RSI on 5m bars, visible only once each hour has closed (no look-ahead).
const hourlyRsi = alignToLowerTimeframe({
  values: rsi(hours.close, 14),
  higherTimestamps: hours.timestamp,
  higherTimeframe: '1h',
  lowerTimestamps: fiveMinutes.timestamp,
  lowerTimeframe: '5m',
});
console.log(`hourly RSI(14) seen by the last 5m bar: ${hourlyRsi.at(-1)?.toFixed(2)}`);

// A model-ready matrix of 37 causal, scale-free features, and the same rows from a streaming pipeline.
const features = computeFeatures(fiveMinutes);
const pipeline = new FeaturePipeline();
let row: Float64Array = new Float64Array(0);
for (let i = 0; i < fiveMinutes.length; i++) row = pipeline.update(barAt(fiveMinutes, i));
const lastBatchRow = features.data.subarray((features.rows - 1) * features.cols);
console.log(
  `features: ${features.rows} x ${features.cols}, streaming row = batch row: ${row.every((x, j) => Object.is(x, lastBatchRow[j]))}`,
);

// Causal normalization of one column for a model.
const logret = features.columns.indexOf('logret_1');
const column = Float64Array.from(
  { length: features.rows },
  (_, i) => features.data[i * features.cols + logret] ?? Number.NaN,
);
console.log(
  `z-score of the last 1-bar return over 100 bars: ${rollingZScore(column, 100).at(-1)?.toFixed(3)}`,
);

// Several indicators in one call, each with its parameters: the same arrays as the functions one by one,
// faster where entries share work (here the RSI of StochRSI, the SMA and standard deviation of Bollinger).
const set = indicatorSet(fiveMinutes, {
  rsi: 14,
  stochRsi: { rsiPeriod: 14 },
  sma: 20,
  stdDev: 20,
  bollinger: { period: 20, stdDev: 2 },
});
console.log(
  `set: RSI ${set.rsi.at(-1)?.toFixed(2)}, StochRSI %K ${set.stochRsi.k.at(-1)?.toFixed(2)}, SMA ${set.sma.at(-1)?.toFixed(2)} = Bollinger middle ${set.bollinger.middle.at(-1)?.toFixed(2)}, same as rsi(): ${set.rsi.every((x, i) => Object.is(x, rsi14[i]))}`,
);
