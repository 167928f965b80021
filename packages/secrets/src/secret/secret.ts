import { timingSafeEqual } from 'node:crypto';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '[REDACTED]';

/**
 * An opaque secret value. Printing it in any ordinary way (`String(s)`, template literals, `JSON.stringify`,
 * `console.log`, `util.inspect`) yields a redacted form; only {@link Secret.reveal} returns the value.
 *
 * @example
 * ```ts
 * import { Secret } from '@rrr/secrets';
 *
 * const key = new Secret('ANTHROPIC_API_KEY', 'value-from-the-vault');
 * console.log(`${key}`); // "[REDACTED]"
 * JSON.stringify({ key }); // '{"key":"[REDACTED]"}'
 * key.reveal(); // "value-from-the-vault"
 * ```
 */
export class Secret {
  /** Name of the secret (e.g. `ANTHROPIC_API_KEY`); never the value. */
  readonly name: string;
  readonly #value: string;

  /**
   * @param name - the secret's name, shown in redacted output
   * @param value - the secret value
   */
  constructor(name: string, value: string) {
    this.name = name;
    this.#value = value;
    Object.freeze(this);
  }

  /**
   * Returns the plaintext value. Call it at the last moment, where the value is used (an HTTP header, a signer).
   *
   * @example
   * ```ts
   * import { Secret } from '@rrr/secrets';
   *
   * const header = `Bearer ${new Secret('TOKEN', 'abc123').reveal()}`;
   * ```
   */
  reveal(): string {
    return this.#value;
  }

  /**
   * Constant-time comparison with another secret or string.
   *
   * @param other - the value to compare with
   * @example
   * ```ts
   * import { Secret } from '@rrr/secrets';
   *
   * new Secret('A', 'x1').equals('x1'); // true
   * ```
   */
  equals(other: Secret | string): boolean {
    const a = Buffer.from(this.#value, 'utf8');
    const b = Buffer.from(typeof other === 'string' ? other : other.reveal(), 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Redacted form, `[REDACTED]`. */
  toString(): string {
    return REDACTED;
  }

  /** Redacted form for `JSON.stringify`, `[REDACTED]`. */
  toJSON(): string {
    return REDACTED;
  }

  /** @internal Redacted form for `util.inspect` / `console.log`. */
  [inspectSymbol](): string {
    return `Secret<${this.name}> ${REDACTED}`;
  }

  /** @internal Redacted form for implicit primitive conversion. */
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

/**
 * True when `value` is a {@link Secret}.
 *
 * @param value - anything
 * @example
 * ```ts
 * import { Secret, isSecret } from '@rrr/secrets';
 *
 * isSecret(new Secret('A', 'x')); // true
 * isSecret('x'); // false
 * ```
 */
export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
