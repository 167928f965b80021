import type { BarSeries } from '../data/bars.js';

/** Most significant digits a decimal string may have and still be the exact value of its float (`DBL_DIG`). */
const FLOAT_DIGITS = 15;

/**
 * True when `text` is a plain decimal (`-`, digits, one optional `.`; no exponent, no spaces) of at most 15
 * significant digits: then `Number(text)` is the nearest float, and `new Decimal(Number(text))` (which reads the
 * float's shortest string) has exactly the value of `new Decimal(text)`.
 */
export function floatExactText(text: string): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let digits = 0;
  let leading = true;
  let dot = false;
  let trailingZeros = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && !dot) {
      dot = true;
      continue;
    }
    if (c < 48 || c > 57) return false;
    if (leading && c === 48) continue;
    leading = false;
    digits += 1;
    trailingZeros = c === 48 ? trailingZeros + 1 : 0;
  }
  const length = text.length - start;
  if (length === 0 || (dot && length === 1)) return false;
  // trailing zeros of a fraction are not significant; those of an integer part are, but add no digits a float loses
  return digits - trailingZeros <= FLOAT_DIGITS;
}

const exact = new WeakMap<BarSeries, boolean>();

/**
 * True when every price string of the series (`raw`) is {@link floatExactText} and its float column holds
 * `Number` of it: then the venue can be fed the float columns instead of the strings with the same Decimal
 * values (and no string parsing per bar). Checked once per series object (the engine's first run over it pays
 * the check; later runs, as in a sweep, read the answer).
 *
 * @param series - bars with their price strings
 * @example
 * ```ts
 * import { floatExactSeries, loadData } from '@rrr/example-backtester';
 *
 * const [file] = loadData('data/');
 * if (file) floatExactSeries(file.series); // true for the embedded Binance data
 * ```
 */
export function floatExactSeries(series: BarSeries): boolean {
  let known = exact.get(series);
  if (known === undefined) {
    known = checkSeries(series);
    exact.set(series, known);
  }
  return known;
}

function checkSeries(series: BarSeries): boolean {
  const columns = [series.open, series.high, series.low, series.close, series.volume];
  const n = series.time.length;
  if (series.raw.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const raw = series.raw[i];
    if (raw === undefined) return false;
    for (let k = 0; k < 5; k++) {
      const text = raw[k];
      if (text === undefined || !floatExactText(text) || Number(text) !== columns[k]?.[i]) return false;
    }
  }
  return true;
}
