// Peer for bench/engine.mjs: the same SMA crossover with stop / target brackets, run in grademark
// (npm `grademark`, an event-driven backtester for JavaScript over data-forge DataFrames).
//
// What grademark simulates, per bar of one series: market entry and exit at the next bar's open, an intrabar
// stop and profit target (stop checked first, filled at its level even on a gap), one position of one unit.
// It has no fees, no slippage, no volume cap, no position sizing and no cash or portfolio, so it does less work
// per bar than our engine: the comparison is favourable to grademark.
//
// The SMAs are precomputed columns (`sma` of @rrr/indicators, the same numbers our engine's streaming SMA
// gives), built with the DataFrame before timing: grademark's README computes them with data-forge before
// `backtest` too, and leaving them out of the timed region is favourable to the peer. Only `backtest` is timed.
import { sma } from '@rrr/indicators';
import { DataFrame } from 'data-forge';
import { backtest } from 'grademark';

/**
 * One symbol's bars as the data-forge DataFrame grademark reads, with the strategy's indicator columns:
 * `fast` and `slow` (the SMAs of the closes) and `prevFast` / `prevSlow` (their values on the previous bar,
 * so the rules see a crossing on one bar, as our strategy does with its previous difference). NaN during the
 * warm-up, where every comparison is false and no rule fires.
 *
 * @param series - a `BarSeries` (columnar `time`, `open`, `high`, `low`, `close`, `volume`)
 * @param fast - fast SMA period
 * @param slow - slow SMA period
 * @returns a DataFrame of one plain object per bar
 *
 * @example
 * ```js
 * const frame = grademarkFrame(series, 10, 30);
 * const trades = runGrademarkSmaCross(frame, { stopLossPct: 0.03, takeProfitPct: 0.06 });
 * ```
 */
export function grademarkFrame(series, fast, slow) {
  const f = sma(series.close, fast);
  const s = sma(series.close, slow);
  const n = series.time.length;
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      time: series.time[i],
      open: series.open[i],
      high: series.high[i],
      low: series.low[i],
      close: series.close[i],
      volume: series.volume[i],
      fast: f[i],
      slow: s[i],
      prevFast: i > 0 ? f[i - 1] : Number.NaN,
      prevSlow: i > 0 ? s[i - 1] : Number.NaN,
    };
  }
  return new DataFrame(rows);
}

/**
 * Runs the long-only SMA crossover in grademark on one frame from {@link grademarkFrame}: enter when the fast
 * SMA crosses above the slow one (at or below on the previous bar, strictly above on this one), exit when it
 * crosses below (at or above, then strictly below); stop loss `stopLossPct` and profit target `takeProfitPct`
 * of the entry price (0 for none).
 *
 * @param frame - the DataFrame from {@link grademarkFrame}
 * @param brackets - `stopLossPct` and `takeProfitPct` as fractions (0.03 for 3 %)
 * @returns grademark's trades (the last one closed at the last close if still open, reason `finalize`)
 *
 * @example
 * ```js
 * const trades = runGrademarkSmaCross(grademarkFrame(series, 10, 30), { stopLossPct: 0.03, takeProfitPct: 0.06 });
 * console.log(trades.length);
 * ```
 */
export function runGrademarkSmaCross(frame, { stopLossPct, takeProfitPct }) {
  const strategy = {
    entryRule(enterPosition, { bar }) {
      if (bar.prevFast <= bar.prevSlow && bar.fast > bar.slow) enterPosition();
    },
    exitRule(exitPosition, { bar }) {
      if (bar.prevFast >= bar.prevSlow && bar.fast < bar.slow) exitPosition();
    },
  };
  if (stopLossPct > 0) strategy.stopLoss = ({ entryPrice }) => entryPrice * stopLossPct;
  if (takeProfitPct > 0) strategy.profitTarget = ({ entryPrice }) => entryPrice * takeProfitPct;
  return backtest(strategy, frame);
}
