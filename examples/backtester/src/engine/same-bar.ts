import { Decimal } from 'decimal.js';
import type { BarSeries } from '../data/bars.js';
import type { SameBarRule } from './config.js';

const NO_RAW = ['0', '0', '0', '0', '0'] as const;

/**
 * The bar's price `field` (0 open, 1 high, 2 low) against a level: -1, 0 or 1. Floats first; the bar's price string
 * is read and parsed only on a float tie (the raw rows are touched on almost no bar).
 */
function versus(
  series: BarSeries,
  i: number,
  field: 0 | 1 | 2,
  priceF: number,
  level: Decimal,
  levelF: number,
): number {
  if (priceF !== levelF) return priceF < levelF ? -1 : 1;
  return new Decimal((series.raw[i] ?? NO_RAW)[field]).cmp(level);
}

/** A working bracket: the stop leg's trigger and the target leg's limit, exact and as floats. */
export interface BracketLevels {
  readonly stop: Decimal;
  readonly stopF: number;
  readonly target: Decimal;
  readonly targetF: number;
}

/**
 * Which bracket leg must not fill on bar `i` when the bar reaches both the stop (low at or below it) and the
 * target (high beyond it, or at it with `touch`): a gap through one leg at the open decides; otherwise the
 * same-bar rule does and the bar is ambiguous. Prices are compared as floats first (exact for decimal strings
 * of up to 15 significant digits) and exactly only on a float tie, so the outcome equals a Decimal comparison.
 *
 * @returns `null` when the bar does not reach both legs; else the leg to cancel and whether the rule decided
 */
export function sameBarLoser(
  series: BarSeries,
  i: number,
  levels: BracketLevels,
  limitFill: 'touch' | 'through',
  rule: SameBarRule,
): { readonly cancel: 'stop' | 'target'; readonly ambiguous: boolean } | null {
  const { stop, stopF, target, targetF } = levels;
  // the stop is reached when the low is at or below it; most bars reach neither leg
  if (versus(series, i, 2, series.low[i] ?? 0, stop, stopF) > 0) return null;
  const touch = limitFill === 'touch';
  const high = versus(series, i, 1, series.high[i] ?? 0, target, targetF);
  if (touch ? high < 0 : high <= 0) return null;
  const openF = series.open[i] ?? 0;
  if (versus(series, i, 0, openF, stop, stopF) <= 0) return { cancel: 'target', ambiguous: false };
  const open = versus(series, i, 0, openF, target, targetF);
  if (touch ? open >= 0 : open > 0) return { cancel: 'stop', ambiguous: false };
  return { cancel: rule === 'stop_first' ? 'target' : 'stop', ambiguous: true };
}
