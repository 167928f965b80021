import { barAt, computeFeatures, type FeatureSpec, readOhlcvCsvFile } from '@rrr/indicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isModelError } from '../src/errors.js';
import { DirectionModel } from '../src/model/direction-model.js';
import { DirectionStream } from '../src/stream/direction-stream.js';
import { tinyCard } from './helpers/tiny-card.js';
import { buildTinyTransformer, type TinySpec } from './helpers/tiny-transformer.js';

const featureSpec: FeatureSpec = [
  { kind: 'logReturn', horizon: 1 },
  { kind: 'rsi', period: 3 },
  { kind: 'volumeRatio', period: 3 },
];
const names = ['logret_1', 'rsi_3', 'volume_ratio_3'];
const spec: TinySpec = { seed: 5, features: 3, window: 6, dModel: 8 };
const bytes = buildTinyTransformer(spec);
const full = readOhlcvCsvFile(
  new URL('../training/data/binance_BTCUSDT_1h.csv.gz', import.meta.url).pathname,
);
const bars = Array.from({ length: 60 }, (_, i) => barAt(full, i));
const at = (i: number) => bars[i] ?? barAt(full, i);
/** Training period: the first 40 bars. */
const trainEnd = at(39).timestamp;

let model: DirectionModel;
beforeAll(async () => {
  const card = tinyCard(spec, bytes, {
    features: { source: '@rrr/indicators', spec: featureSpec, names },
    normalization: { method: 'zscore', mean: [0, 50, 1], std: [0.01, 20, 0.5], clip: 5 },
    training: {
      symbol: 'BTC/USDT',
      timeframe: '1h',
      dataFile: 'training/data/binance_BTCUSDT_1h.csv.gz',
      dataSha256: '7d3a8ee49a222689a28b5cf98a5e44e3875c142fe68e6c441c743f616b9b33f4',
      seed: 5,
      trainPeriod: { start: at(0).timestamp, end: at(29).timestamp },
      validationPeriod: { start: at(30).timestamp, end: trainEnd },
    },
  });
  model = await DirectionModel.load(bytes, card);
});
afterAll(async () => {
  await model.release();
});

describe('DirectionStream', () => {
  it('refuses bars inside the training/validation period before changing state', async () => {
    const stream = new DirectionStream(model);
    try {
      await stream.update(at(35));
      expect.unreachable();
    } catch (error) {
      expect(isModelError(error) && error.code).toBe('training_period');
      expect((error as Error).message).toContain(new Date(at(35).timestamp).toISOString());
    }
    // nothing was consumed: the same bar can still be fed as warm-up
    stream.warmUp(bars.slice(0, 40));
    expect(stream.ready).toBe(true);
  });

  it('predicts per bar after warm-up, equal to batch inference over computeFeatures', async () => {
    const stream = new DirectionStream(model, { minConfidence: 0.5 });
    stream.warmUp(bars.slice(0, 40));
    const matrix = computeFeatures(full, featureSpec);
    expect(matrix.columns).toEqual(names);
    for (let i = 40; i < 60; i++) {
      const streamed = await stream.update(at(i));
      const expected = await model.predict(model.windowAt(matrix, i), { minConfidence: 0.5 });
      expect(streamed).toEqual({
        ...expected,
        timestamp: at(i).timestamp,
        inTrainingPeriod: false,
        spansGap: false,
      });
    }
  });

  it('returns null during indicator warm-up and flags training bars when asked to', async () => {
    const stream = new DirectionStream(model, { trainingPeriod: 'flag' });
    const out = [];
    for (let i = 0; i < 12; i++) out.push(await stream.update(at(i)));
    // rsi_3 is NaN for bars 0..2, so the first full 6-row window ends at bar 8
    expect(out.map((p) => p === null)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(out[8]?.inTrainingPeriod).toBe(true);
  });

  it('flags windows that span a gap in the bars until the gap leaves the window', async () => {
    const stream = new DirectionStream(model);
    stream.warmUp(bars.slice(0, 40));
    const hour = 3_600_000;
    const shifted = (i: number) => ({ ...at(i), timestamp: at(i).timestamp + hour }); // one bar missing before bar 41
    const flags = [(await stream.update(at(40)))?.spansGap];
    for (let i = 41; i < 48; i++) flags.push((await stream.update(shifted(i)))?.spansGap);
    // window of 6 bars: bars 41..46 are contiguous again, so the flag clears at bar 46
    expect(flags).toEqual([false, true, true, true, true, true, false, false]);
  });

  it('requires a feature spec in the card', async () => {
    const { spec: _omitted, ...features } = model.card.features;
    const other = await DirectionModel.load(bytes, { ...model.card, features });
    expect(() => new DirectionStream(other)).toThrow(
      'card.features.spec: required by DirectionStream to compute features',
    );
    await other.release();
  });

  it('rejects a card whose spec does not produce its feature names', async () => {
    const card = { ...model.card, features: { ...model.card.features, names: ['a', 'b', 'c'] } };
    const other = await DirectionModel.load(bytes, card);
    expect(() => new DirectionStream(other)).toThrow(
      'card.features.spec: produces [logret_1, rsi_3, volume_ratio_3] but card.features.names is [a, b, c]',
    );
    await other.release();
  });
});
