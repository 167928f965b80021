import { AuditValidationError } from '../errors.js';

/** Thrown by the fast writer at the first value JSON cannot represent; the checked writer then names it. */
const INVALID = Symbol('invalid JSON value');

/**
 * Serializes a JSON value canonically: object keys sorted by code unit, no whitespace, so equal values
 * always give equal bytes (and equal hashes). Rejects values JSON cannot represent exactly.
 *
 * @param value - a JSON value (null, boolean, finite number, string, array, plain object)
 * @returns the canonical JSON text
 *
 * @example
 * ```ts
 * import { canonicalJson } from '@rrr/audit';
 *
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value);
  } catch (error) {
    if (error !== INVALID) throw error;
    // Slow path, only for bad input: walk again keeping the path, so the error names the field.
    return checked(value, 'payload');
  }
}

/** `"key":` per object key seen recently; keys repeat from record to record. Bounded. */
const keyPrefixes = new Map<string, string>();

function keyPrefix(key: string): string {
  let text = keyPrefixes.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyPrefixes.size >= 4096) keyPrefixes.clear();
    keyPrefixes.set(key, text);
  }
  return text;
}

/** Sorts object keys by code unit, like `Array.prototype.sort()`; insertion sort beats it on a few keys. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** The writer every hash goes through: no path bookkeeping, throws {@link INVALID} on bad input. */
function fast(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw INVALID;
      return `${value}`;
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += fast(value[i]);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw INVALID;
      const record = value as Record<string, unknown>;
      const keys = sortKeys(Object.keys(record));
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const item = record[key];
        if (item === undefined) continue;
        if (out.length > 1) out += ',';
        out += keyPrefix(key) + fast(item);
      }
      return `${out}}`;
    }
    default:
      throw INVALID;
  }
}

/** The same serialization with the path of every value, to name the field a bad value sits in. */
function checked(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new AuditValidationError(`field "${path}" must be a finite number (got ${value})`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => checked(item, `${path}.${i}`)).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new AuditValidationError(
          `field "${path}" must be a plain JSON object (got ${proto?.constructor?.name})`,
        );
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${checked(record[key], `${path}.${key}`)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new AuditValidationError(`field "${path}" must be a JSON value (got ${typeof value})`);
  }
}
