import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOrderStore } from '@rrr/orders/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadData, PAPER_BOT_PRESET, runModelFiles, tradesCsv } from '../examples/backtester/src/index.js';
import {
  compareTrades,
  formatDriftReport,
  parseBacktestTradesCsv,
  tradesFromFills,
} from '../examples/paper-bot/src/drift/index.js';
import { DEFAULT_DATA_FILE, loadConfig, runPaperBot } from '../examples/paper-bot/src/index.js';

// 2025-02-01 .. 2025-04-01: 1,416 hourly bars of the model's untouched test period.
const FROM = '2025-02-01T00:00:00Z';
const TO = '2025-04-01T00:00:00Z';

describe('parity: paper bot replay vs backtest with --rules paper-bot (same period, same settings)', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'parity-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('makes the same trades (times, quantities, prices, fees) and ends with the same equity to the cent', async () => {
    const config = loadConfig({ env: {}, overrides: { stateDir, from: FROM, to: TO, status: 'off' } });
    const summary = await runPaperBot(config);
    expect(summary.complete).toBe(true);
    const store = SqliteOrderStore.open(join(stateDir, 'orders.db'));
    const fills = await store.fills();
    await store.close();

    const run = await runModelFiles(loadData(DEFAULT_DATA_FILE), {
      ...PAPER_BOT_PRESET,
      from: Date.parse(FROM),
      to: Date.parse(TO),
      initialCash: config.initialCash,
      seed: config.seed,
      takerFeeRate: config.fees.takerFeeRate,
      makerFeeRate: config.fees.makerFeeRate,
      slippageBps: config.fees.slippageBps,
      kellyFraction: config.strategy.kellyFraction,
      maxPositionFraction: config.strategy.maxEquityFraction,
      riskLimits: config.riskLimits,
      params: {
        minConfidence: config.strategy.minConfidence,
        stopLossPct: config.strategy.stopLoss,
        takeProfitPct: config.strategy.takeProfit,
        maxHoldBars: config.strategy.maxHoldHours,
      },
    });
    expect(run.result.bars, 'both replay the same window').toBe(summary.barsTotal);

    const bot = tradesFromFills(fills);
    const report = compareTrades(bot, parseBacktestTradesCsv(tradesCsv(run.result.trades)));
    expect(report.identical, formatDriftReport(report)).toBe(true);
    expect(bot.length, 'the window has trades to compare').toBeGreaterThanOrEqual(5);
    expect(report.matched).toBe(run.result.trades.length);
    // Every fill, not only the round trips: same bar, side, quantity, price and fee.
    const view = (f: (typeof fills)[number]) =>
      `${f.timestamp} ${f.side} ${f.quantity.toFixed()} @ ${f.price.toFixed()} fee ${f.fee.toFixed()}`;
    expect(run.result.fills.map(view)).toEqual(fills.map(view));
    const finalEquity = run.result.equity[run.result.equity.length - 1] ?? Number.NaN;
    expect(finalEquity.toFixed(2)).toBe(summary.equity);
  }, 120_000);
});
