import { type Bar, parseTimeframe } from '@rrr/indicators';
import { type DirectionModel, DirectionStream, loadBundledModel, TrainingPeriodError } from '@rrr/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BarSeries, barAt, type DataFile, loadFile, sliceSeries } from '../src/data/bars.js';
import { DEFAULT_BTC_FILE, DEFAULT_MODEL_FILE } from '../src/data/default-data.js';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import { runBacktest } from '../src/engine/engine.js';
import { runModelFiles } from '../src/model/run-model.js';
import { type ModelSignals, modelSignals } from '../src/model/signals.js';
import { manifestOf, replayManifest } from '../src/report/manifest.js';
import type { Run } from '../src/run.js';
import { directionAt } from '../src/strategies/model.js';

const HOUR = 3_600_000;
const TRAINING_END = Date.UTC(2024, 11, 31, 23, 59, 59, 999);
const FIRST_RUN_BAR = Date.UTC(2025, 0, 1);
// Slice: December 2024 (warm-up only) + 2025-01-01 .. 2025-01-25 23:00 (traded).
const FROM = Date.UTC(2024, 11, 1);
const TO = Date.UTC(2025, 0, 25, 23);
const source = loadFile(DEFAULT_MODEL_FILE);
const slice: DataFile = { ...source, series: sliceSeries(source.series, FROM, TO) };
const WARM_UP_BARS = 31 * 24;
const RUN_BARS = 25 * 24;

const bars = (s: BarSeries, from: number, to: number): Bar[] =>
  Array.from({ length: to - from }, (_, k) => barAt(s, from + k));

let model: DirectionModel;
let signals: ModelSignals;
let run: Run;

beforeAll(async () => {
  model = await loadBundledModel({ session: { intraOpThreads: 1 } });
  signals = await modelSignals(model, slice.series);
  run = await runModelFiles([slice]);
});
afterAll(async () => {
  await model.release();
});

describe('model signals (batch inference over computeFeatures)', () => {
  it('predicts only at bars after the training/validation period; earlier bars are warm-up', () => {
    expect(slice.series.time.length).toBe(WARM_UP_BARS + RUN_BARS);
    expect(signals.trainingEnd).toBe(TRAINING_END);
    expect(signals.warmUpBars).toBe(WARM_UP_BARS);
    expect(signals.time.length).toBe(RUN_BARS);
    expect(signals.time[0]).toBe(FIRST_RUN_BAR);
    for (const t of signals.time) expect(t).toBeGreaterThan(TRAINING_END);
    expect(signals.predicted + signals.skipped.warmUp + signals.skipped.gap).toBe(RUN_BARS);
    expect(signals.predicted).toBe(RUN_BARS); // 744 warm-up bars fill every feature; no gap in this slice
    for (let i = 0; i < RUN_BARS; i++) {
      const sum = (signals.up[i] ?? 0) + (signals.flat[i] ?? 0) + (signals.down[i] ?? 0);
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it('equals @rrr/models DirectionStream fed bar by bar (which refuses training-period bars)', async () => {
    const stream = new DirectionStream(model);
    const history = bars(slice.series, 0, WARM_UP_BARS);
    const lastTrainingBar = history[history.length - 1];
    if (!lastTrainingBar) throw new Error('no history');
    await expect(stream.update(lastTrainingBar)).rejects.toBeInstanceOf(TrainingPeriodError);
    stream.warmUp(history);
    const live = bars(slice.series, WARM_UP_BARS, WARM_UP_BARS + 48);
    for (const [k, bar] of live.entries()) {
      const p = await stream.update(bar);
      expect(p?.timestamp).toBe(signals.time[k]);
      expect(p?.inTrainingPeriod).toBe(false);
      expect(p?.probabilities.up).toBeCloseTo(signals.up[k] ?? Number.NaN, 6);
      expect(p?.probabilities.down).toBeCloseTo(signals.down[k] ?? Number.NaN, 6);
    }
  });

  it('is causal: cutting the future off does not change earlier predictions', async () => {
    const cut = sliceSeries(slice.series, FROM, Date.UTC(2025, 0, 10, 11));
    const early = await modelSignals(model, cut);
    expect(early.time.length).toBe(9 * 24 + 12);
    for (let i = 0; i < early.time.length; i++) {
      expect(early.up[i]).toBeCloseTo(signals.up[i] ?? Number.NaN, 9);
      expect(early.down[i]).toBeCloseTo(signals.down[i] ?? Number.NaN, 9);
    }
  });

  it('refuses data with no bar after the training period, and another symbol', async () => {
    const old = sliceSeries(slice.series, FROM, Date.UTC(2024, 11, 31, 23));
    await expect(modelSignals(model, old)).rejects.toThrow(
      /no bar after the model's training\/validation period/,
    );
    const eth: BarSeries = { ...slice.series, symbol: 'ETH/USDT' };
    await expect(modelSignals(model, eth)).rejects.toThrow(/trained on BTC\/USDT, not ETH\/USDT/);
  });
});

describe('model strategy run (slice 2025-01-01 .. 2025-01-25, warm-up from 2024-12-01)', () => {
  it('trades only after the training period, entering on the bar after a closed-bar `up` call', () => {
    const trades = run.result.trades;
    expect(trades.length).toBeGreaterThanOrEqual(5);
    expect(run.result.bars).toBe(RUN_BARS);
    expect(run.result.equityTime[0]).toBe(FIRST_RUN_BAR);
    expect(run.model?.warmUpBars).toBe(WARM_UP_BARS);
    for (const f of run.result.fills) expect(f.timestamp).toBeGreaterThan(FIRST_RUN_BAR);
    for (const t of trades) {
      const i = signals.time.indexOf(t.entryTime);
      expect(i).toBeGreaterThan(0);
      // the signal bar is the one before the fill bar; it had closed when the call was made
      expect(directionAt(signals, i - 1, 0.45)).toBe('up');
      const open = slice.series.open[WARM_UP_BARS + i] ?? 0;
      // market order at the open + 2 bps slippage, rounded to the 0.01 tick
      expect(Math.abs(t.entryPrice - open * 1.0002)).toBeLessThanOrEqual(0.01);
    }
  });

  it('sizes each entry by half Kelly from P(up), P(down) and the bracket payoff (+3% / -2%)', () => {
    const lot = 0.00001;
    let checked = 0;
    for (const t of run.result.trades) {
      const i = signals.time.indexOf(t.entryTime) - 1;
      const pUp = signals.up[i] ?? 0;
      const pDown = signals.down[i] ?? 0;
      const f = pUp - (pDown * 0.02) / 0.03; // kellyFromWinLoss: p - q * avgLoss / avgWin
      expect(f).toBeGreaterThan(0);
      const equity = run.result.equity[i] ?? 0; // marked at the signal bar's close
      const close = slice.series.close[WARM_UP_BARS + i] ?? 0;
      const expected = Math.floor((equity * f * 0.5) / close / lot + 1e-9) * lot;
      expect(Math.abs(t.quantity - expected)).toBeLessThanOrEqual(lot * 1.0001);
      checked++;
    }
    expect(checked).toBe(run.result.trades.length);
  });

  it('exits on the bracket, on a `down` call or after 24 bars, and is deterministic', async () => {
    const barMs = parseTimeframe('1h');
    expect(barMs).toBe(HOUR);
    for (const t of run.result.trades) {
      expect(['stop_loss', 'take_profit', 'signal', 'open']).toContain(t.exitReason);
      if (t.exitReason !== 'open') expect((t.exitTime - t.entryTime) / HOUR).toBeLessThanOrEqual(25);
    }
    const again = await runModelFiles([slice]);
    expect(again.result.trades).toEqual(run.result.trades);
    expect(again.result.fills).toEqual(run.result.fills);
    expect(Array.from(again.result.equity)).toEqual(Array.from(run.result.equity));
  });

  it('records the model in the manifest, and replaying the manifest gives identical trades', async () => {
    const manifest = manifestOf(run);
    expect(manifest.config.strategy).toBe('model');
    expect(manifest.model?.sha256).toBe(model.card.model.sha256);
    expect(manifest.data[0]?.from).toBe(FROM);
    expect(manifest.data[0]?.to).toBe(TO);
    const replayed = await replayManifest(manifest);
    expect(replayed.result.trades).toEqual(run.result.trades);
    await expect(
      replayManifest({
        ...manifest,
        model: { ...(manifest.model ?? { name: '', version: '', trainingEnd: 0 }), sha256: '0'.repeat(64) },
      }),
    ).rejects.toThrow(/installed model has sha256/);
  });

  it('cannot run without precomputed predictions, and refuses a 2024-only file', async () => {
    const btc2024 = loadFile(DEFAULT_BTC_FILE);
    expect(() => runBacktest([btc2024.series], { ...DEFAULT_CONFIG, strategy: 'model' })).toThrow(
      /needs the model's predictions/,
    );
    await expect(runModelFiles([btc2024])).rejects.toThrow(/no bar after the model's training/);
  });
});
