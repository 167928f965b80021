import { Decimal } from 'decimal.js';
import type { BarSeries } from '../data/bars.js';
import type { SameBarRule } from './config.js';

/** `a <= b` for two prices given as float and exact value: float first, exact on a float tie. */
function lte(af: number, a: Decimal.Value, bf: number, b: Decimal.Value): boolean {
  return af === bf ? new Decimal(a).lte(b) : af < bf;
}

/** `a < b`, float first, exact on a float tie. */
function lt(af: number, a: Decimal.Value, bf: number, b: Decimal.Value): boolean {
  return af === bf ? new Decimal(a).lt(b) : af < bf;
}

const NO_RAW = ['0', '0', '0', '0', '0'] as const;

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
  // indexed, not destructured: array destructuring runs the iterator protocol on every bar
  const raw = series.raw[i] ?? NO_RAW;
  const o = raw[0];
  const h = raw[1];
  const l = raw[2];
  const { stop, stopF, target, targetF } = levels;
  const touch = limitFill === 'touch';
  const highF = series.high[i] ?? 0;
  const stopHit = lte(series.low[i] ?? 0, l, stopF, stop);
  const targetHit = touch ? lte(targetF, target, highF, h) : lt(targetF, target, highF, h);
  if (!stopHit || !targetHit) return null;
  const openF = series.open[i] ?? 0;
  if (lte(openF, o, stopF, stop)) return { cancel: 'target', ambiguous: false };
  if (touch ? lte(targetF, target, openF, o) : lt(targetF, target, openF, o))
    return { cancel: 'stop', ambiguous: false };
  return { cancel: rule === 'stop_first' ? 'target' : 'stop', ambiguous: true };
}
