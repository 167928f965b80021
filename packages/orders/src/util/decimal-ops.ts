import type { Decimal } from 'decimal.js';

/**
 * Sums, differences and products of `Decimal`s equal to what decimal.js returns, down to the representation
 * (sign, exponent, digit words), and cheaper on the short values prices, quantities and fees usually are.
 *
 * decimal.js keeps a finite non-zero value as a sign `s`, the exponent `e` of its leading digit and its digits in
 * base-10^7 words `d`, aligned so that word boundaries fall on exponents that are multiples of 7, without trailing
 * zero words. When both operands' digits fit an integer below 2^53 and so does the result, the result is computed
 * exactly as an integer times a power of ten and written in that form. Everything else (zero operands or
 * results, more digits, results longer than the constructor's precision, exponents outside its range, operands
 * of different constructors) is handed to decimal.js itself.
 */

/** 10^k for k = 0…22, each exact. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);
const EXACT = 2 ** 53;

// The operand read last: [digits as an integer without trailing zeros, the power of ten they are scaled by, the
// zeros `wordsInteger` dropped from the last word]. A typed array rather than module variables (storing a double
// that is not a small integer into a variable allocates a box for it) or a returned object: these run on every
// fill of a backtest.
const slot = new Float64Array(3);
const DIGITS = 0;
const SCALE = 1;
const ZEROS = 2;

/**
 * @internal The digits of up to three base-10^7 words as one integer, without the zeros that end the last word,
 * written to the read slot (digits, and the zeros dropped); the digits are at least 2^53 when that integer does
 * not fit below it (the float sum is then inexact, but still at least 2^53).
 */
function wordsInteger(d: readonly number[]): void {
  const n = d.length;
  let last = d[n - 1] as number;
  let zeros = 0;
  // words are small integers: these are integer operations
  while (last !== 0 && last % 10 === 0) {
    last /= 10;
    zeros++;
  }
  slot[ZEROS] = zeros;
  if (n === 1) {
    slot[DIGITS] = last;
    return;
  }
  let m = d[0] as number;
  if (n === 3) m = m * 1e7 + (d[1] as number);
  slot[DIGITS] = m * (POW10[7 - zeros] as number) + last;
}

/**
 * @internal `value` as an integer of its digits and a power of ten, `[digits, scale]` in the read slot, when it is
 * finite and its digits fit below 2^53 (zero included: digits 0); false for anything else.
 */
export function readDigits(x: Decimal): boolean {
  const d = x.d;
  if (d === null || d.length > 3) return false;
  wordsInteger(d);
  if ((slot[DIGITS] as number) >= EXACT) return false;
  // the first word holds the digits from exponent e down to the multiple of 7 at or below it
  slot[SCALE] = 7 * Math.floor(x.e / 7) - 7 * (d.length - 1) + (slot[ZEROS] as number);
  return true;
}

/** The digits and scale {@link readDigits} read last. */
export function readSlot(): Float64Array {
  return slot;
}

/** Reads a finite non-zero value whose digits fit below 2^53 into the read slot; false for anything else. */
function read(x: Decimal): boolean {
  return x.d !== null && x.d[0] !== 0 && readDigits(x);
}

/**
 * `m / 10` when m (an integer below 2^53) is a multiple of 10, else NaN. The quotient of a non-multiple is at least
 * 0.1 away from an integer and below 2^50, where doubles are at most 0.125 apart, so it never rounds to one.
 */
function tenth(m: number): number {
  const q = m / 10;
  return q === Math.floor(q) ? q : Number.NaN;
}

/** Number of decimal digits of a positive integer below 2^53. */
function digitCount(m: number): number {
  let n = 1;
  while (n < 16 && m >= (POW10[n] as number)) n++;
  return n;
}

/**
 * @internal The Decimal `sign × m × 10^k` (m a positive integer below 2^53) in decimal.js's form, or undefined
 * when decimal.js would round it (more digits than the precision) or its exponent is out of range.
 */
export function decimalOf(
  Ctor: typeof Decimal,
  sign: number,
  mantissa: number,
  exponent: number,
): Decimal | undefined {
  let m = mantissa;
  let k = exponent;
  for (let q = tenth(m); !Number.isNaN(q); q = tenth(m)) {
    m = q;
    k++;
  }
  const n = digitCount(m);
  const e = n - 1 + k;
  if (n > Ctor.precision || e > Ctor.maxE || e < Ctor.minE) return undefined;
  // the lowest word ends at the multiple of 7 at or below k: the digits of m, then `pad` zeros
  const pad = k - 7 * Math.floor(k / 7);
  const width = POW10[7 - pad] as number;
  const rest = Math.floor(m / width);
  // words are small integers, as decimal.js keeps them (`| 0`: stored untagged, like decimal.js's own words)
  const low = ((m - rest * width) * (POW10[pad] as number)) | 0;
  let words: number[];
  if (rest === 0) words = [low];
  else if (rest < 1e7) words = [rest | 0, low];
  else if (rest < 1e14) {
    const top = Math.floor(rest / 1e7);
    words = [top | 0, (rest - top * 1e7) | 0, low];
  } else {
    // up to 16 digits and 6 zeros of padding: a fourth word (rest < 2^53 / 10, so `top` is one digit)
    const top = Math.floor(rest / 1e14);
    const below = rest - top * 1e14;
    const mid = Math.floor(below / 1e7);
    words = [top | 0, mid | 0, (below - mid * 1e7) | 0, low];
  }
  // `new Ctor(0)` gives an instance of the constructor's own shape; its fields are then set to the result
  const x = new Ctor(0);
  const fields = x as unknown as { s: number; e: number; d: number[] };
  fields.s = sign;
  fields.e = e;
  fields.d = words;
  return x;
}

/**
 * `a.mul(b)` (exported as `decimalMul`), the same Decimal, computed without decimal.js when both have at most 15–16 digits and so does the
 * product.
 *
 * @param a - multiplicand
 * @param b - multiplier
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { decimalMul } from '@rrr/orders';
 *
 * decimalMul(new Decimal('0.01234'), new Decimal('60000.12')).toString(); // "740.4014808"
 * ```
 */
export function mul(a: Decimal, b: Decimal): Decimal {
  const Ctor = a.constructor as typeof Decimal;
  if (b.constructor !== Ctor || !read(a)) return a.mul(b);
  const ma = slot[DIGITS] as number;
  const ka = slot[SCALE] as number;
  if (!read(b)) return a.mul(b);
  const p = ma * (slot[DIGITS] as number);
  if (p >= EXACT) return a.mul(b);
  return decimalOf(Ctor, a.s * b.s, p, ka + (slot[SCALE] as number)) ?? a.mul(b);
}

/** True when `x` is a finite zero. */
function isZero(x: Decimal): boolean {
  return x.d !== null && x.d[0] === 0;
}

/** `x` itself when it is short enough to be its own copy at the precision (decimal.js returns a rounded copy). */
function asIs(x: Decimal, Ctor: typeof Decimal): Decimal | undefined {
  return read(x) && digitCount(slot[DIGITS] as number) <= Ctor.precision ? x : undefined;
}

/** `a + sign × b` for {@link add} and {@link sub}; undefined when decimal.js must compute it. */
function signedSum(a: Decimal, b: Decimal, bSign: number): Decimal | undefined {
  const Ctor = a.constructor as typeof Decimal;
  if (b.constructor !== Ctor) return undefined;
  // a zero operand leaves the other one (both zero: the sign of the result depends on the rounding mode)
  if (isZero(a) !== isZero(b)) {
    if (isZero(b)) return asIs(a, Ctor);
    return bSign === b.s ? asIs(b, Ctor) : undefined;
  }
  if (!read(a)) return undefined;
  const ma = slot[DIGITS] as number;
  const ka = slot[SCALE] as number;
  if (!read(b)) return undefined;
  const kb = slot[SCALE] as number;
  const k = Math.min(ka, kb);
  const shiftA = ka - k;
  const shiftB = kb - k;
  if (shiftA > 15 || shiftB > 15) return undefined;
  const ia = ma * (POW10[shiftA] as number);
  const ib = (slot[DIGITS] as number) * (POW10[shiftB] as number);
  if (ia >= EXACT || ib >= EXACT) return undefined;
  const r = a.s * ia + bSign * ib;
  // a zero result takes its sign from the rounding mode in decimal.js
  if (r === 0 || r >= EXACT || r <= -EXACT) return undefined;
  return decimalOf(Ctor, r < 0 ? -1 : 1, Math.abs(r), k);
}

/**
 * `a.add(b)` (exported as `decimalAdd`), the same Decimal, computed without decimal.js when both, aligned to the smaller scale, fit an
 * integer below 2^53 and so does the sum.
 *
 * @param a - augend
 * @param b - addend
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { decimalAdd } from '@rrr/orders';
 *
 * decimalAdd(new Decimal('9876.5'), new Decimal('0.7404014808')).toString(); // "9877.2404014808"
 * ```
 */
export function add(a: Decimal, b: Decimal): Decimal {
  return signedSum(a, b, b.s) ?? a.add(b);
}

/**
 * `a.sub(b)` (exported as `decimalSub`), the same Decimal, computed like {@link add}.
 *
 * @param a - minuend
 * @param b - subtrahend
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { decimalSub } from '@rrr/orders';
 *
 * decimalSub(new Decimal('10000'), new Decimal('740.4014808')).toString(); // "9259.5985192"
 * ```
 */
export function sub(a: Decimal, b: Decimal): Decimal {
  return signedSum(a, b, -b.s) ?? a.sub(b);
}

/**
 * `a.cmp(b)` (exported as `decimalCompare`) without the copy of `b` decimal.js makes on every comparison: 1, 0 or -1 (NaN operands, infinities
 * and operands of different constructors go to `cmp`). Zeros compare equal whatever their sign, as in decimal.js.
 *
 * @param a - left operand
 * @param b - right operand
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { decimalCompare } from '@rrr/orders';
 *
 * decimalCompare(new Decimal('0.01'), new Decimal('0.00001')); // 1
 * ```
 */
export function compare(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  if (ad === null || bd === null || a.constructor !== b.constructor) return a.cmp(b);
  const aZero = ad[0] === 0;
  const bZero = bd[0] === 0;
  if (aZero || bZero) return aZero ? (bZero ? 0 : -b.s) : a.s;
  if (a.s !== b.s) return a.s;
  // same sign: the larger exponent, then the larger word at the first difference, is the larger magnitude (equal
  // exponents align the words alike; without trailing zero words, a longer list holds more non-zero digits)
  if (a.e !== b.e) return a.e > b.e ? a.s : -a.s;
  const n = Math.min(ad.length, bd.length);
  for (let i = 0; i < n; i++) {
    const x = ad[i] as number;
    const y = bd[i] as number;
    if (x !== y) return x > y ? a.s : -a.s;
  }
  if (ad.length === bd.length) return 0;
  return ad.length > bd.length ? a.s : -a.s;
}
