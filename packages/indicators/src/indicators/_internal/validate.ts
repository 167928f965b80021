import { InvalidInputError, InvalidParameterError } from '../../errors.js';
import { outputColumn } from './columns.js';

/** @internal Throws `invalid_period` unless `value` is an integer >= `min`. */
export function checkPeriod(fn: string, name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidParameterError(
      'invalid_period',
      name,
      `${fn}: ${name} must be an integer >= ${min} (got ${String(value)})`,
    );
  }
  return value;
}

/** @internal Throws `invalid_option` unless `value` is a finite number strictly above `exclusiveMin`. */
export function checkPositive(fn: string, name: string, value: number, exclusiveMin = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= exclusiveMin) {
    throw new InvalidParameterError(
      'invalid_option',
      name,
      `${fn}: ${name} must be a finite number > ${exclusiveMin} (got ${String(value)})`,
    );
  }
  return value;
}

/** @internal Throws `non_finite_input` at the first NaN or infinite value of `column`. */
export function checkFiniteColumn(fn: string, name: string, column: ArrayLike<number>): void {
  const n = column.length;
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    // v - v is NaN for NaN and +-Infinity, 0 otherwise
    if (v - v !== 0) {
      throw new InvalidInputError('non_finite_input', name, `${fn}: ${name}[${i}] is ${String(v)}`, i);
    }
  }
}

/** @internal Validates one input column and returns its length. */
export function checkInput(fn: string, name: string, column: ArrayLike<number>): number {
  if (column === null || typeof column !== 'object' || typeof column.length !== 'number') {
    throw new InvalidInputError('non_finite_input', name, `${fn}: ${name} must be an array of numbers`);
  }
  checkFiniteColumn(fn, name, column);
  return column.length;
}

/** @internal Validates several columns of equal length and returns that length. */
export function checkInputs(
  fn: string,
  names: readonly string[],
  columns: readonly ArrayLike<number>[],
): number {
  const n = checkInput(fn, names[0] ?? 'input', columns[0] ?? []);
  for (let c = 1; c < columns.length; c++) {
    const name = names[c] ?? `input${c}`;
    const column = columns[c] ?? [];
    const m = checkInput(fn, name, column);
    if (m !== n) {
      throw new InvalidInputError(
        'length_mismatch',
        name,
        `${fn}: ${name} has ${m} values but ${names[0] ?? 'input'} has ${n}`,
      );
    }
  }
  return n;
}

/**
 * @internal The O(1) part of `checkInputs` + `checkEnough`: every column array-like, equal lengths, more
 * than `warmup` values. When one of these fails it runs the full checks in their usual order, so the error
 * is exactly the one they throw (a non-finite value before a later shape error included). Returns the
 * length. The caller then checks finiteness inside its main loop, without a branch: it sums `v - v` (0 for
 * a finite v, NaN for NaN and +-Infinity, and NaN sticks) and, when the sum is not 0 after the loop, calls
 * {@link nonFinite}, which throws the same error as `checkInputs` would have before the loop. Every value
 * of every column must enter such a sum (or {@link checkFiniteHead}) before the caller returns.
 */
export function checkShapes(
  fn: string,
  names: readonly string[],
  columns: readonly ArrayLike<number>[],
  enoughName: string,
  warmup: number,
): number {
  const c0 = columns[0];
  let ok = isArrayLike(c0);
  const n = ok ? (c0 as ArrayLike<number>).length : 0;
  for (let c = 1; ok && c < columns.length; c++) {
    const column = columns[c];
    ok = isArrayLike(column) && (column as ArrayLike<number>).length === n;
  }
  if (!ok || n <= warmup) {
    // single-input functions validate with checkInput (a null input is not an array), others with checkInputs
    if (columns.length === 1) checkInput(fn, names[0] ?? 'input', c0 as ArrayLike<number>);
    else checkInputs(fn, names, columns);
    checkEnough(fn, enoughName, n, warmup);
  }
  return n;
}

function isArrayLike(column: unknown): boolean {
  return (
    column !== null &&
    typeof column === 'object' &&
    typeof (column as { length?: unknown }).length === 'number'
  );
}

/**
 * @internal Called by a batch loop that met a non-finite input after {@link checkShapes}: throws the
 * `non_finite_input` error of `checkInputs` (first bad value in column order).
 */
export function nonFinite(fn: string, names: readonly string[], columns: readonly ArrayLike<number>[]): void {
  checkInputs(fn, names, columns);
}

/**
 * @internal Finiteness of `column[from..to)` for the values a batch loop does not read itself; on a hit
 * throws through {@link nonFinite}.
 */
export function checkFiniteRange(
  fn: string,
  names: readonly string[],
  columns: readonly ArrayLike<number>[],
  column: ArrayLike<number>,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const v = column[i] as number;
    if (v - v !== 0) nonFinite(fn, names, columns);
  }
}

/**
 * @internal Finiteness of every column over `[0, to)` (the head a batch loop does not read itself); on a hit
 * throws through {@link nonFinite}.
 */
export function checkFiniteHead(
  fn: string,
  names: readonly string[],
  columns: readonly ArrayLike<number>[],
  to: number,
): void {
  for (const column of columns) checkFiniteRange(fn, names, columns, column, 0, Math.min(to, column.length));
}

/** @internal Column name of the single-input indicators. */
export const VALUES_NAMES: readonly string[] = ['values'];
/** @internal Column names of the high/low indicators. */
export const HL_NAMES: readonly string[] = ['high', 'low'];
/** @internal Column names of the high/low/close indicators. */
export const HLC_NAMES: readonly string[] = ['high', 'low', 'close'];

/** @internal Throws `insufficient_data` when `n` inputs cannot produce one value after `warmup` inputs. */
export function checkEnough(fn: string, name: string, n: number, warmup: number): void {
  if (n <= warmup) {
    throw new InvalidInputError(
      'insufficient_data',
      name,
      `${fn}: needs at least ${warmup + 1} values to produce one output (got ${n})`,
    );
  }
}

/** @internal Throws `non_finite_input` for a NaN or infinite streaming input field. */
export function checkFiniteValue(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || value - value !== 0) {
    throw new InvalidInputError('non_finite_input', name, `${fn}: ${name} is ${String(value)}`);
  }
}

/**
 * @internal An output column (`outputColumn`) of length `n` whose entries before `validFrom` are NaN (the
 * rest are 0 until the caller writes them; pass `validFrom` only when every later entry gets written).
 */
export function nanArray(n: number, validFrom = n): Float64Array {
  const out = outputColumn(n);
  out.fill(Number.NaN, 0, Math.min(validFrom, n));
  return out;
}

/** @internal TA-Lib's `TA_IS_ZERO`: |v| < 1e-8. */
export function isZero(v: number): boolean {
  return -0.00000001 < v && v < 0.00000001;
}
