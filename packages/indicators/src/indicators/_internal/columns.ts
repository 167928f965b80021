/**
 * @internal Where the batch functions get their output columns. Normally each is a fresh `Float64Array`.
 * During {@link withColumnArena} (an `indicatorSet` call with a large output), columns of the arena's length
 * are cut from one zeroed buffer allocated up front instead: one allocation for the whole set rather than one per column,
 * which spares the garbage collections that V8 starts when many large buffers are allocated in a row (each
 * full collection walks the whole JavaScript heap). The arena is set and restored within one synchronous
 * call, so no other caller ever sees it.
 */
class ColumnArena {
  private readonly buffer: ArrayBuffer;
  private next = 0;

  constructor(
    private readonly n: number,
    private readonly capacity: number,
  ) {
    this.buffer = new ArrayBuffer(8 * n * capacity);
  }

  /** The next unused column when `n` is the arena's length and one is left, else null. */
  take(n: number): Float64Array | null {
    if (n !== this.n || this.next === this.capacity) return null;
    const column = new Float64Array(this.buffer, 8 * n * this.next, n);
    this.next++;
    return column;
  }
}

let arena: ColumnArena | null = null;

/**
 * @internal Output bytes from which {@link withColumnArena} cuts the columns from one buffer: V8 starts a
 * garbage collection each time about 64 MiB of new buffers have been allocated since the last one, so below
 * that one buffer saves nothing, while separate columns can reuse the memory of freed ones (a fresh large
 * buffer is new memory, each page of it faulted in on first write).
 */
export const ARENA_MIN_BYTES = 64 * 1024 * 1024;

/**
 * @internal Runs `fn` with output columns of length `n` cut from one buffer of `columns` columns when they
 * amount to more than `minBytes` (any more columns, or of another length, are fresh arrays). The columns
 * stay alive as long as any of them is referenced.
 */
export function withColumnArena<T>(n: number, columns: number, fn: () => T, minBytes = ARENA_MIN_BYTES): T {
  const outer = arena;
  arena = columns > 1 && 8 * n * columns > minBytes ? newArena(n, columns) : null;
  try {
    return fn();
  } finally {
    arena = outer;
  }
}

/** An arena, or null when one buffer that large cannot be had (the columns are then allocated one by one). */
function newArena(n: number, columns: number): ColumnArena | null {
  try {
    return new ColumnArena(n, columns);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** @internal A zeroed output column of length `n`: from the arena when one is active, else fresh. */
export function outputColumn(n: number): Float64Array {
  return arena?.take(n) ?? new Float64Array(n);
}
