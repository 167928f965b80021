import { expect } from 'vitest';
import type { OhlcvSeries } from '../../src/series/index.js';
import { type BatchOutput, type ContractEntry, inputAt, perturbedInputAt } from './registry.js';

type Streaming = ReturnType<ContractEntry['make']>;

function columns(out: BatchOutput): Record<string, Float64Array> | Float64Array {
  return out as Record<string, Float64Array> | Float64Array;
}

/** Batch value at row i in the shape of the streaming value, or null when any column is NaN there. */
function batchRow(out: BatchOutput, i: number): unknown {
  const c = columns(out);
  if (c instanceof Float64Array) {
    const v = c[i] as number;
    return Number.isNaN(v) ? null : v;
  }
  const row: Record<string, number> = {};
  for (const [key, column] of Object.entries(c)) {
    const v = column[i] as number;
    if (Number.isNaN(v)) return null;
    row[key] = v;
  }
  return row;
}

/** Bit-for-bit equality of a streaming value with a batch row (Object.is on every number). */
function sameBits(stream: unknown, batch: unknown): boolean {
  if (stream === null || batch === null) return stream === batch;
  if (typeof stream === 'number') return Object.is(stream, batch);
  const s = stream as Record<string, number>;
  const b = batch as Record<string, number>;
  const keys = Object.keys(b);
  if (Object.keys(s).length !== keys.length) return false;
  return keys.every((k) => Object.is(s[k], b[k]));
}

function feed(ind: Streaming, input: unknown, replace: boolean): unknown {
  const target = ind as unknown as { update(x: unknown): unknown; replace(x: unknown): unknown };
  return replace ? target.replace(input) : target.update(input);
}

/**
 * The streaming contract, on one series:
 * - `update` returns null exactly for the first `warmup` inputs, and `warmup` is the batch's first fully
 *   valid row;
 * - every streaming value equals the batch row bit for bit, and `value` / `isStable` / `count` agree;
 * - `replace` after an `update` with a different input gives exactly the values of a clean run, also when
 *   called several times in a row.
 */
export function checkContract(entry: ContractEntry, series: OhlcvSeries): void {
  const batch = entry.batch(series);
  const clean = entry.make();
  const replaced = entry.make();
  const n = series.length;
  let firstBatch = -1;
  for (let i = 0; i < n; i++) {
    const real = inputAt(entry, series, i);
    const expected = batchRow(batch, i);
    if (expected !== null && firstBatch < 0) firstBatch = i;
    if (firstBatch >= 0 && expected === null) expect.fail(`${entry.name} row ${i}: NaN after the warm-up`);
    const got = feed(clean, real, false);
    if (!sameBits(got, expected)) {
      expect.fail(
        `${entry.name} row ${i}: streaming ${JSON.stringify(got)} != batch ${JSON.stringify(expected)}`,
      );
    }
    expect(clean.value).toBe(got);
    expect(clean.isStable).toBe(got !== null);
    expect(clean.count).toBe(i + 1);
    feed(replaced, perturbedInputAt(entry, series, i), false);
    if (i % 3 === 0) feed(replaced, perturbedInputAt(entry, series, Math.max(0, i - 1)), true);
    const again = feed(replaced, real, true);
    if (!sameBits(again, expected)) {
      expect.fail(
        `${entry.name} row ${i}: after replace ${JSON.stringify(again)} != ${JSON.stringify(expected)}`,
      );
    }
    expect(replaced.count).toBe(i + 1);
  }
  expect(clean.warmup, `${entry.name} warmup`).toBe(firstBatch);
}
