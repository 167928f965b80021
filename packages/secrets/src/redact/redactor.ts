import { InvalidArgumentError } from '../errors.js';
import { Secret } from '../secret/secret.js';
import { encodedForms } from './encodings.js';

/** Options of a {@link Redactor}. */
export interface RedactorOptions {
  /** Text that replaces every occurrence of a secret. Default `[REDACTED]`. */
  readonly replacement?: string;
  /** Shortest value accepted by {@link Redactor.add}; shorter values would wreck unrelated text. Default 4. */
  readonly minLength?: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes every known secret value, and its base64, base64url and URL-encoded forms, from strings, nested
 * objects, arrays, Maps, Sets and errors (message, stack, cause, own properties). Plug it into a logger or an
 * audit log as the last step before anything is written.
 *
 * @example
 * ```ts
 * import { Redactor, Secret } from '@rrr/secrets';
 *
 * const redactor = new Redactor();
 * redactor.add(new Secret('TOKEN', 'tok-123456'));
 * redactor.redact('Authorization: Bearer tok-123456'); // "Authorization: Bearer [REDACTED]"
 * redactor.redactValue({ headers: { auth: 'tok-123456' } }); // { headers: { auth: '[REDACTED]' } }
 * ```
 */
export class Redactor {
  readonly #replacement: string;
  readonly #minLength: number;
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /**
   * @param options - replacement text and minimum secret length
   */
  constructor(options: RedactorOptions = {}) {
    this.#replacement = options.replacement ?? '[REDACTED]';
    this.#minLength = options.minLength ?? 4;
    if (!Number.isInteger(this.#minLength) || this.#minLength < 1) {
      throw new InvalidArgumentError(`minLength must be an integer >= 1 (got ${String(options.minLength)})`);
    }
  }

  /** Number of distinct secret values registered. */
  get size(): number {
    return this.#values.size;
  }

  /**
   * Registers secret values to remove from now on.
   *
   * @param secrets - `Secret`s or plain strings
   * @example
   * ```ts
   * import { Redactor } from '@rrr/secrets';
   *
   * new Redactor().add('hunter2-long', 'another-value');
   * ```
   */
  add(...secrets: ReadonlyArray<Secret | string>): this {
    for (const secret of secrets) {
      const value = secret instanceof Secret ? secret.reveal() : secret;
      if (value.length < this.#minLength) {
        const label = secret instanceof Secret ? `secret "${secret.name}"` : 'a secret value';
        throw new InvalidArgumentError(
          `${label} is ${value.length} characters, shorter than minLength ${this.#minLength}; it cannot be redacted safely`,
        );
      }
      this.#values.add(value);
    }
    this.#pattern = undefined;
    return this;
  }

  /**
   * Returns `text` with every known secret (and encoded form) replaced.
   *
   * @param text - any string
   * @example
   * ```ts
   * import { Redactor } from '@rrr/secrets';
   *
   * new Redactor().add('s3cr3t-value').redact('url?key=s3cr3t-value'); // "url?key=[REDACTED]"
   * ```
   */
  redact(text: string): string {
    const pattern = this.#compile();
    if (pattern === undefined) return text;
    pattern.lastIndex = 0;
    return text.replace(pattern, this.#replacement);
  }

  /**
   * Returns a redacted deep copy of `value`: strings are redacted, `Secret`s become the replacement, errors
   * become new errors of the same name with redacted message, stack, cause and own properties. Cycles are kept.
   *
   * @param value - anything
   * @example
   * ```ts
   * import { Redactor } from '@rrr/secrets';
   *
   * const r = new Redactor().add('s3cr3t-value');
   * const safe = r.redactValue(new Error('login failed for s3cr3t-value')) as Error;
   * safe.message; // "login failed for [REDACTED]"
   * ```
   */
  redactValue(value: unknown): unknown {
    return this.#walk(value, new WeakMap());
  }

  /**
   * Redacts an error (see {@link Redactor.redactValue}); non-errors are wrapped in an `Error` first.
   *
   * @param error - a caught value
   * @example
   * ```ts
   * import { Redactor } from '@rrr/secrets';
   *
   * const safe = new Redactor().add('s3cr3t-value').redactError(new Error('bad s3cr3t-value'));
   * ```
   */
  redactError(error: unknown): Error {
    const source = error instanceof Error ? error : new Error(String(error));
    return this.#walk(source, new WeakMap()) as Error;
  }

  #compile(): RegExp | undefined {
    if (this.#pattern !== undefined) return this.#pattern;
    if (this.#values.size === 0) return undefined;
    const forms = new Set<string>();
    for (const value of this.#values) {
      for (const form of encodedForms(value, Math.max(this.#minLength, 8))) forms.add(form);
    }
    const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.#pattern = new RegExp(sorted.join('|'), 'g');
    return this.#pattern;
  }

  #walk(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value instanceof Secret) return this.#replacement;
    if (typeof value !== 'object' || value === null) return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    if (value instanceof Error) return this.#walkError(value, seen);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(this.#walk(item, seen));
      return out;
    }
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      seen.set(value, out);
      for (const [k, v] of value) out.set(this.#walk(k, seen), this.#walk(v, seen));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set<unknown>();
      seen.set(value, out);
      for (const v of value) out.add(this.#walk(v, seen));
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) out[this.redact(k)] = this.#walk(v, seen);
    return out;
  }

  #walkError(error: Error, seen: WeakMap<object, unknown>): Error {
    const copy = new Error(this.redact(error.message));
    seen.set(error, copy);
    copy.name = error.name;
    if (error.stack !== undefined) copy.stack = this.redact(error.stack);
    if ('cause' in error) copy.cause = this.#walk(error.cause, seen);
    const target = copy as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(error)) {
      if (k !== 'message' && k !== 'stack' && k !== 'cause') target[k] = this.#walk(v, seen);
    }
    if (error instanceof AggregateError) {
      target['errors'] = error.errors.map((e: unknown) => this.#walk(e, seen));
    }
    return copy;
  }
}
