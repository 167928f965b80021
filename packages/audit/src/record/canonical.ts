import { AuditValidationError } from '../errors.js';

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
  return write(value, 'payload');
}

function write(value: unknown, path: string): string {
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
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += write(value[i], `${path}.${i}`);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new AuditValidationError(
          `field "${path}" must be a plain JSON object (got ${proto?.constructor?.name})`,
        );
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += `${JSON.stringify(key)}:${write(item, `${path}.${key}`)}`;
      }
      return `${out}}`;
    }
    default:
      throw new AuditValidationError(`field "${path}" must be a JSON value (got ${typeof value})`);
  }
}

const memo = new WeakMap<object, string>();

/**
 * @internal `canonicalJson` memoized per object: the log validates a payload once and the sink reuses the
 * text when it hashes and stores the record. Payloads are treated as immutable once appended.
 */
export function canonicalPayload(payload: object): string {
  let text = memo.get(payload);
  if (text === undefined) {
    text = canonicalJson(payload);
    memo.set(payload, text);
  }
  return text;
}
