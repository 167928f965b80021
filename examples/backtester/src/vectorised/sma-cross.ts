import { sma } from '@rrr/indicators';
import type { BarSeries } from '../data/bars.js';

/** Options of {@link vectorisedSmaCross}. */
export interface VectorisedOptions {
  /** Fast SMA period. */
  readonly fast: number;
  /** Slow SMA period. */
  readonly slow: number;
  /** Starting cash. */
  readonly initialCash: number;
  /** Fee rate of every fill. */
  readonly feeRate: number;
  /** Fraction of equity put into each entry. */
  readonly fraction: number;
  /** Lot step of the quantity. */
  readonly lotStep: number;
}

/** A round trip from the vectorised run. */
export interface VectorisedTrade {
  /** Entry fill time (open of the bar after the signal). */
  readonly entryTime: number;
  /** Entry price (that bar's open). */
  readonly entryPrice: number;
  /** Exit fill time, or null while open at the end. */
  readonly exitTime: number | null;
  /** Exit price, or null while open. */
  readonly exitPrice: number | null;
  /** Quantity. */
  readonly quantity: number;
}

/**
 * The SMA crossover strategy as array arithmetic: batch SMAs, crossing masks, fills at the next bar's open, no
 * slippage and no volume cap. Used to check the event-driven engine and as a fast path for sweeps of that
 * exact configuration.
 */
export function vectorisedSmaCross(
  series: BarSeries,
  options: VectorisedOptions,
): {
  trades: VectorisedTrade[];
  finalEquity: number;
} {
  const n = series.close.length;
  const fast = sma(series.close, options.fast);
  const slow = sma(series.close, options.slow);
  const trades: VectorisedTrade[] = [];
  let cash = options.initialCash;
  let qty = 0;
  let entry: { time: number; price: number } | null = null;
  for (let i = 1; i < n - 1; i++) {
    const before = (fast[i - 1] ?? Number.NaN) - (slow[i - 1] ?? Number.NaN);
    const now = (fast[i] ?? Number.NaN) - (slow[i] ?? Number.NaN);
    if (Number.isNaN(before) || Number.isNaN(now)) continue;
    const close = series.close[i] ?? 0;
    const nextOpen = series.open[i + 1] ?? 0;
    const nextTime = series.time[i + 1] ?? 0;
    if (before <= 0 && now > 0 && qty === 0) {
      const q = Math.floor((options.fraction * cash) / close / options.lotStep + 1e-9) * options.lotStep;
      if (q <= 0) continue;
      qty = q;
      cash -= q * nextOpen * (1 + options.feeRate);
      entry = { time: nextTime, price: nextOpen };
    } else if (before >= 0 && now < 0 && qty > 0 && entry) {
      cash += qty * nextOpen * (1 - options.feeRate);
      trades.push({
        entryTime: entry.time,
        entryPrice: entry.price,
        exitTime: nextTime,
        exitPrice: nextOpen,
        quantity: qty,
      });
      qty = 0;
      entry = null;
    }
  }
  if (entry) {
    trades.push({
      entryTime: entry.time,
      entryPrice: entry.price,
      exitTime: null,
      exitPrice: null,
      quantity: qty,
    });
  }
  return { trades, finalEquity: cash + qty * (series.close[n - 1] ?? 0) };
}
