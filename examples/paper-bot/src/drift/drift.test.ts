import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fill } from '@rrr/orders';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  compareTrades,
  DriftInputError,
  formatDriftReport,
  parseBacktestTradesCsv,
  tradesFromFills,
  writeDriftReport,
} from './index.js';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
const iso = (t: number) => new Date(t).toISOString();

let n = 0;
function fill(
  side: 'buy' | 'sell',
  hour: number,
  quantity: string,
  price: string,
  symbol = 'BTC/USDT',
): Fill {
  const q = new Decimal(quantity);
  const p = new Decimal(price);
  n++;
  return {
    tradeId: `t${n}`,
    clientOrderId: `o${n}`,
    symbol,
    side,
    quantity: q,
    price: p,
    fee: q.mul(p).mul('0.001'),
    feeCurrency: 'USDT',
    liquidity: 'taker',
    timestamp: T0 + hour * H,
  };
}

const HEADER =
  'symbol,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,return_pct,exit_reason,same_bar_ambiguous';

/** A trades.csv row written the way the backtester writes it (fees and pnl with 8 decimals). */
function row(
  entryHour: number,
  entry: string,
  exitHour: number,
  exit: string,
  qty: string,
  reason = 'signal',
) {
  const q = new Decimal(qty);
  const cost = q.mul(entry);
  const proceeds = reason === 'open' ? new Decimal(0) : q.mul(exit);
  const fees = cost.add(proceeds).mul('0.001');
  const pnl = reason === 'open' ? q.mul(exit).sub(cost).sub(fees) : proceeds.sub(cost).sub(fees);
  return [
    'BTC/USDT',
    iso(T0 + entryHour * H),
    entry,
    iso(T0 + exitHour * H),
    exit,
    qty,
    fees.toFixed(8),
    pnl.toFixed(8),
    pnl.div(cost).toFixed(8),
    reason,
    'false',
  ].join(',');
}

const BOT_FILLS = [
  fill('buy', 1, '0.01', '90000'),
  fill('sell', 5, '0.01', '91000'),
  fill('buy', 10, '0.02', '92000'),
  fill('sell', 12, '0.02', '91500.5'),
  fill('buy', 20, '0.015', '93000'),
];
const SAME_CSV = [
  HEADER,
  row(1, '90000', 5, '91000', '0.01'),
  row(10, '92000', 12, '91500.5', '0.02', 'stop_loss'),
  row(20, '93000', 30, '95000', '0.015', 'open'),
  '',
].join('\n');

describe('tradesFromFills', () => {
  it('groups buys and the sells that flatten the position into round trips, the last one open', () => {
    const trades = tradesFromFills([
      fill('buy', 1, '0.01', '100'),
      fill('buy', 1, '0.03', '104'),
      fill('sell', 3, '0.02', '110'),
      fill('sell', 4, '0.02', '108'),
      fill('buy', 6, '1', '50', 'ETH/USDT'),
    ]);
    expect(trades).toHaveLength(2);
    const [btc, eth] = trades;
    expect(btc?.entryPrice.toString()).toBe('103'); // (0.01*100 + 0.03*104) / 0.04
    expect(btc?.exitPrice?.toString()).toBe('109');
    expect(btc?.exitTime).toBe(T0 + 4 * H);
    expect(btc?.quantity.toString()).toBe('0.04');
    // fees 0.001 * (1 + 3.12 + 2.2 + 2.16) = 0.00848; pnl = 4.36 - 4.12 - 0.00848
    expect(btc?.fees.toString()).toBe('0.00848');
    expect(btc?.pnl?.toString()).toBe('0.23152');
    expect(eth).toMatchObject({ symbol: 'ETH/USDT', exitTime: null, exitPrice: null, pnl: null });
  });

  it('refuses a sell larger than the long position', () => {
    expect(() => tradesFromFills([fill('buy', 1, '1', '10'), fill('sell', 2, '2', '10')])).toThrow(
      /exceeds the long position/,
    );
  });
});

describe('parseBacktestTradesCsv', () => {
  it('reads the backtester format; an open trade has no exit', () => {
    const trades = parseBacktestTradesCsv(SAME_CSV);
    expect(trades).toHaveLength(3);
    expect(trades[1]).toMatchObject({
      entryTime: T0 + 10 * H,
      exitTime: T0 + 12 * H,
      exitReason: 'stop_loss',
    });
    expect(trades[1]?.exitPrice?.toString()).toBe('91500.5');
    expect(trades[2]).toMatchObject({ exitTime: null, exitPrice: null, pnl: null, exitReason: 'open' });
  });

  it('names the header, the line and the column of bad input', () => {
    expect(() => parseBacktestTradesCsv('a,b\n')).toThrow(DriftInputError);
    expect(() => parseBacktestTradesCsv('a,b\n')).toThrow(/header/);
    const bad = SAME_CSV.replace(',92000,', ',9x2000,');
    expect(() => parseBacktestTradesCsv(bad)).toThrow(
      'backtest trades CSV line 3: entry_price: not a number (got "9x2000")',
    );
    expect(() => parseBacktestTradesCsv(`${HEADER}\nBTC/USDT,yesterday`)).toThrow(
      /line 2: expected 11 columns/,
    );
  });
});

describe('compareTrades', () => {
  it('finds no drift when both sides made the same trades', () => {
    const report = compareTrades(tradesFromFills(BOT_FILLS), parseBacktestTradesCsv(SAME_CSV));
    expect(report).toMatchObject({
      identical: true,
      matched: 3,
      differing: 0,
      missingInBot: 0,
      extraInBot: 0,
    });
    expect(report.pnlDrift.abs().lte('1e-8')).toBe(true);
    expect(formatDriftReport(report)).toContain('**No drift**: 3 trades identical');
  });

  it('reports price, quantity, fee and exit-time deltas, missing and extra trades, and the pnl drift', () => {
    const csv = [
      HEADER,
      row(1, '90000', 5, '91010', '0.01'), // exit price +10 in the backtest
      row(10, '92000', 13, '91500.5', '0.021', 'stop_loss'), // one bar later, more quantity
      row(15, '92500', 16, '92600', '0.01'), // the bot never made it
      '',
    ].join('\n');
    const report = compareTrades(tradesFromFills(BOT_FILLS), parseBacktestTradesCsv(csv));
    expect(report).toMatchObject({
      identical: false,
      botTrades: 3,
      backtestTrades: 3,
      matched: 2,
      differing: 2,
      missingInBot: 1,
      extraInBot: 1,
    });
    const [first, second, missing, extra] = report.rows;
    expect(first?.differs).toEqual(['exitPrice', 'fees', 'pnl']);
    expect(first?.deltas.exitPrice?.toString()).toBe('-10');
    // pnl: bot 10 - 1.81 = 8.19, backtest 10.1 - 1.8101 = 8.2899
    expect(first?.deltas.pnl?.toString()).toBe('-0.0999');
    expect(first?.cumulativePnlDrift.toString()).toBe('-0.0999');
    expect(second?.differs).toEqual(['exitTime', 'quantity', 'fees', 'pnl']);
    expect(second?.deltas.exitTime).toBe(-H);
    expect(second?.deltas.quantity?.toString()).toBe('-0.001');
    expect(missing).toMatchObject({ status: 'missing_in_bot', entryTime: T0 + 15 * H });
    expect(extra).toMatchObject({ status: 'extra_in_bot', entryTime: T0 + 20 * H });
    expect(report.pnlDrift.toString()).toBe(report.botPnl.sub(report.backtestPnl).toString());
    const text = formatDriftReport(report);
    expect(text).toContain(
      '**Drift**: 2 of 2 matched trades differ, 1 missing in the bot, 1 extra in the bot',
    );
    expect(text).toContain(
      '| 1 | BTC/USDT | 2025-01-01T01:00:00Z | differs | 2025-01-01T05:00:00Z | 90000 | 91000 vs 91010 (-10) |',
    );
    expect(text).toContain('| 3 | BTC/USDT | 2025-01-01T15:00:00Z | missing in bot |');
    expect(text).toContain('2025-01-01T12:00:00Z vs 2025-01-01T13:00:00Z');
  });

  it('flags a trade still open on one side and closed on the other', () => {
    const csv = [HEADER, row(20, '93000', 30, '95000', '0.015', 'take_profit'), ''].join('\n');
    const report = compareTrades(tradesFromFills(BOT_FILLS.slice(4)), parseBacktestTradesCsv(csv));
    expect(report.matched).toBe(1);
    expect(report.rows[0]?.differs).toEqual(['exitTime', 'exitPrice', 'fees', 'pnl']); // the backtest also paid the exit fee
    expect(report.rows[0]?.deltas.exitTime).toBeNull();
    expect(formatDriftReport(report)).toContain('| – vs 95000 (–) |');
  });

  it('treats differences within the tolerance as equal and refuses a negative tolerance', () => {
    const csv = SAME_CSV.replace(',91000,', ',91000.000001,');
    expect(compareTrades(tradesFromFills(BOT_FILLS), parseBacktestTradesCsv(csv)).identical).toBe(false);
    const loose = compareTrades(tradesFromFills(BOT_FILLS), parseBacktestTradesCsv(csv), {
      tolerance: '0.001',
    });
    expect(loose.identical).toBe(true);
    expect(() => compareTrades([], [], { tolerance: -1 })).toThrow(/options.tolerance/);
  });
});

describe('writeDriftReport', () => {
  it('writes the Markdown report and returns the verdict', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'drift-')), 'nested', 'drift.md');
    const report = writeDriftReport({ fills: BOT_FILLS.slice(0, 2), backtestTradesCsv: SAME_CSV, out });
    expect(report.identical).toBe(false);
    expect(report.missingInBot).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(formatDriftReport(report));
  });
});
