/**
 * A seeded pseudo-random generator returning floats in [0, 1).
 *
 * @example
 * ```ts
 * import { mulberry32 } from '@rrr/orders';
 *
 * const rand = mulberry32(42);
 * rand() === mulberry32(42)(); // true
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Creates a generator of unique client order ids (`<prefix>-<random>-<counter>`), deterministic for a seed.
 *
 * @param seed - PRNG seed; two generators with the same seed produce the same sequence
 * @param prefix - id prefix, default `"rrr"`
 * @example
 * ```ts
 * import { clientOrderIdGenerator } from '@rrr/orders';
 *
 * const next = clientOrderIdGenerator(7);
 * const id = next(); // e.g. "rrr-k3j9x2-1"
 * ```
 */
export function clientOrderIdGenerator(seed: number, prefix = 'rrr'): () => string {
  const rand = mulberry32(seed);
  const tag = Math.floor(rand() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  let counter = 0;
  return () => {
    counter += 1;
    return `${prefix}-${tag}-${counter.toString(36)}`;
  };
}
