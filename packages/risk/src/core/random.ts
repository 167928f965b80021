import { InvalidParameterError } from '../errors.js';

/**
 * A seeded pseudo-random number generator: the same seed always yields the same sequence.
 *
 * @example
 * ```ts
 * import { createRandom } from '@rrr/risk';
 *
 * const rng = createRandom(42);
 * rng.next(); // a float in [0, 1)
 * rng.nextInt(10); // an integer in [0, 10)
 * ```
 */
export interface Random {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Next float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Next integer in [0, n) (unbiased, by rejection). */
  nextInt(n: number): number;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * Creates a xoshiro128** generator (Blackman & Vigna) seeded from a 32-bit integer through splitmix32.
 * Not cryptographic; meant for reproducible Monte Carlo simulation.
 *
 * @param seed - any integer; only its low 32 bits are used
 * @example
 * ```ts
 * import { createRandom } from '@rrr/risk';
 *
 * const a = createRandom(7).next();
 * const b = createRandom(7).next();
 * console.log(a === b); // true
 * ```
 */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed))
    throw new InvalidParameterError('seed', `seed must be an integer (got ${seed})`);
  let sm = seed >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) >>> 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    nextInt(n: number): number {
      if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
        throw new InvalidParameterError('n', `n must be an integer in [1, 2^32] (got ${n})`);
      }
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    },
  };
}
