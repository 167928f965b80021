/**
 * @internal Building blocks of the streaming classes. Each core has `peek(x)` (value with `x` as the
 * newest input, state unchanged) and `commit()` (fold the last peeked input into the state), and counts
 * its own inputs. Not-ready values are NaN. Arithmetic mirrors the batch loops operation by operation.
 */

/** @internal TA-Lib EMA: SMA of the first `period` inputs as seed, then `x * k + prev * (1 - k)`. */
export class EmaCore {
  readonly period: number;
  readonly k: number;
  readonly k1: number;
  n = 0;
  private sum = 0;
  private prev = 0;
  private nextSum = 0;
  private nextPrev = 0;

  constructor(period: number, k = 2 / (period + 1)) {
    this.period = period;
    this.k = k;
    this.k1 = 1 - k;
  }

  peek(x: number): number {
    const n = this.n;
    const p = this.period;
    if (n < p - 1) {
      this.nextSum = this.sum + x;
      return Number.NaN;
    }
    if (n === p - 1) {
      this.nextSum = this.sum + x;
      this.nextPrev = this.nextSum / p;
      return this.nextPrev;
    }
    this.nextPrev = x * this.k + this.prev * this.k1;
    return this.nextPrev;
  }

  commit(): void {
    this.sum = this.nextSum;
    this.prev = this.nextPrev;
    this.n++;
  }
}

/** @internal TA-Lib SMA: running sum, `out = (sum + x) / p`, then the oldest input is subtracted. */
export class SmaCore {
  readonly period: number;
  n = 0;
  private readonly ring: Float64Array;
  /** Slot of the next commit (`n % period`), kept without a modulo. */
  private slot = 0;
  private sum = 0;
  private nextSum = 0;
  private lastX = 0;

  constructor(period: number) {
    this.period = period;
    this.ring = new Float64Array(period);
  }

  peek(x: number): number {
    const p = this.period;
    const tmp = this.sum + x;
    this.lastX = x;
    if (this.n < p - 1) {
      this.nextSum = tmp;
      return Number.NaN;
    }
    const out = tmp / p;
    const oldest = this.slot + 1 === p ? 0 : this.slot + 1;
    this.nextSum = tmp - (p === 1 ? x : (this.ring[oldest] as number));
    return out;
  }

  commit(): void {
    this.ring[this.slot] = this.lastX;
    this.slot = this.slot + 1 === this.period ? 0 : this.slot + 1;
    this.sum = this.nextSum;
    this.n++;
  }
}

/** @internal Ring of the last `size` committed values; `ago(k)` is the value committed k+1 inputs ago. */
export class Ring {
  private readonly buf: Float64Array;
  private readonly size: number;
  /** Slot of the last push. */
  private head = -1;
  n = 0;

  constructor(size: number) {
    this.size = size;
    this.buf = new Float64Array(size);
  }

  push(x: number): void {
    this.head = this.head + 1 === this.size ? 0 : this.head + 1;
    this.buf[this.head] = x;
    this.n++;
  }

  /** Value committed `k + 1` pushes ago (`ago(0)` is the last pushed); requires k < size and k < n. */
  ago(k: number): number {
    const at = this.head - k;
    return this.buf[at < 0 ? at + this.size : at] as number;
  }
}

/**
 * @internal Monotonic deque for the maximum of the last `window` inputs (the newest included).
 * Ties resolve to the most recent index. Use negated inputs for a minimum.
 */
export class MaxDeque {
  readonly window: number;
  n = 0;
  private readonly values: Float64Array;
  private readonly indices: Float64Array;
  private readonly cap: number;
  private head = 0;
  private size = 0;
  private lastX = 0;
  /** Index of the maximum found by the last `peek`. */
  peekIndex = 0;

  constructor(window: number) {
    this.window = window;
    this.cap = window + 1;
    this.values = new Float64Array(this.cap);
    this.indices = new Float64Array(this.cap);
  }

  /** Maximum of the window ending with `x` as input number `n`; sets `peekIndex`. */
  peek(x: number): number {
    this.lastX = x;
    if (this.size > 0) {
      const front = this.values[this.head] as number;
      if (front > x) {
        this.peekIndex = this.indices[this.head] as number;
        return front;
      }
    }
    this.peekIndex = this.n;
    return x;
  }

  commit(): void {
    const x = this.lastX;
    const cap = this.cap;
    let size = this.size;
    const head = this.head;
    while (size > 0) {
      const back = head + size - 1;
      if ((this.values[back >= cap ? back - cap : back] as number) > x) break;
      size--;
    }
    const end = head + size;
    const slot = end >= cap ? end - cap : end;
    this.values[slot] = x;
    this.indices[slot] = this.n;
    size++;
    const oldestKept = this.n - this.window + 2;
    let h = head;
    while (size > 0 && (this.indices[h] as number) < oldestKept) {
      h = h + 1 === cap ? 0 : h + 1;
      size--;
    }
    this.head = h;
    this.size = size;
    this.n++;
  }
}

/** @internal TA-Lib WMA, mirroring `wmaInto`. */
export class WmaCore {
  readonly period: number;
  n = 0;
  private readonly divider: number;
  private readonly ring: Float64Array;
  private sum = 0;
  private sub = 0;
  private nextSum = 0;
  private nextSub = 0;
  private lastX = 0;

  constructor(period: number) {
    this.period = period;
    this.divider = (period * (period + 1)) / 2;
    this.ring = new Float64Array(period);
  }

  peek(x: number): number {
    const p = this.period;
    const n = this.n;
    this.lastX = x;
    if (n < p - 1) {
      this.nextSub = this.sub + x;
      this.nextSum = this.sum + x * (n + 1);
      return Number.NaN;
    }
    let s1 = this.sub + x;
    s1 -= n === p - 1 ? 0 : (this.ring[(n - p) % p] as number);
    const s2 = this.sum + x * p;
    const out = s2 / this.divider;
    this.nextSum = s2 - s1;
    this.nextSub = s1;
    return out;
  }

  commit(): void {
    this.ring[this.n % this.period] = this.lastX;
    this.sum = this.nextSum;
    this.sub = this.nextSub;
    this.n++;
  }
}

/**
 * @internal Mean and population variance (`E[x²] - E[x]²`, unclamped) of the last `period` inputs from a
 * running sum and sum of squares, as TA-Lib's STDDEV and BBANDS compute them. `peek` returns the variance
 * (NaN until `period` inputs) and leaves the window's mean in `mean`.
 */
export class MomentsCore {
  readonly period: number;
  n = 0;
  /** Mean of the window ending with the last peeked input. */
  mean = Number.NaN;
  private readonly ring: Float64Array;
  private t1 = 0;
  private t2 = 0;
  private next1 = 0;
  private next2 = 0;
  private lastX = 0;

  constructor(period: number) {
    this.period = period;
    this.ring = new Float64Array(period);
  }

  peek(x: number): number {
    this.lastX = x;
    const p = this.period;
    const n = this.n;
    const t1 = this.t1 + x;
    const t2 = this.t2 + x * x;
    if (n < p - 1) {
      this.next1 = t1;
      this.next2 = t2;
      return Number.NaN;
    }
    const m1 = t1 / p;
    const m2 = t2 / p;
    const old = p === 1 ? x : (this.ring[(n + 1) % p] as number);
    this.next1 = t1 - old;
    this.next2 = t2 - old * old;
    this.mean = m1;
    return m2 - m1 * m1;
  }

  commit(): void {
    this.ring[this.n % this.period] = this.lastX;
    this.t1 = this.next1;
    this.t2 = this.next2;
    this.n++;
  }
}
