import { describe, expect, it } from 'vitest';
import type { JournalBar } from '../bot/seams.js';
import { fromJournalRow, JOURNAL_COLUMN_LIST, JOURNAL_COLUMNS, toJournalRow } from './row-codec.js';

const BAR: JournalBar = {
  ts: Date.parse('2025-01-10T13:00:00Z'),
  symbol: 'BTC/USDT',
  close: 94_512.3,
  equity: 10_012.5,
  position: 0.0105,
  drawdown: 0.012,
  signal: 'up',
  pUp: 0.61,
  pFlat: 0.25,
  pDown: 0.14,
  orders: 'pb-1736514000000-entry',
};

describe('journal row codec', () => {
  it('maps a bar onto the table columns and back', () => {
    const row = toJournalRow(BAR);
    expect(Object.keys(row)).toEqual([...JOURNAL_COLUMNS]);
    expect(row.p_up).toBe(0.61);
    expect(fromJournalRow(row)).toEqual(BAR);
    expect(JOURNAL_COLUMN_LIST).toBe(
      'ts, symbol, close, equity, position, drawdown, signal, p_up, p_flat, p_down, orders',
    );
  });

  it('stores NaN probabilities as NULL and reads NULL back as NaN', () => {
    const warmingUp = { ...BAR, signal: 'none', pUp: Number.NaN, pFlat: Number.NaN, pDown: 0.2 };
    const row = toJournalRow(warmingUp);
    expect([row.p_up, row.p_flat, row.p_down]).toEqual([null, null, 0.2]);
    const back = fromJournalRow(row);
    expect(back.pUp).toBeNaN();
    expect(back.pFlat).toBeNaN();
    expect(back.pDown).toBe(0.2);
  });

  it('reads a PostgreSQL BIGINT time stamp (a string) as a number', () => {
    const back = fromJournalRow({ ...toJournalRow(BAR), ts: String(BAR.ts) });
    expect(back.ts).toBe(BAR.ts);
    expect(typeof back.ts).toBe('number');
  });
});
