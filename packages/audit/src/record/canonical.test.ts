import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: { d: 1, c: [2, { z: null, y: 'x' }] }, a: true, u: undefined })).toBe(
      '{"a":true,"b":{"c":[2,{"y":"x","z":null}],"d":1}}',
    );
  });

  it('gives equal text for equal values regardless of key order, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(text, (_key, v) =>
          typeof v === 'object' && v !== null && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('orders keys by code unit for few and for many keys, numeric-looking and non-ASCII ones included', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 4 }), { maxLength: 60 }), (keys) => {
        const value = Object.fromEntries(keys.map((key, i) => [key, i]));
        const expected = `{${[...keys]
          .sort()
          .map((key) => `${JSON.stringify(key)}:${value[key]}`)
          .join(',')}}`;
        expect(canonicalJson(value)).toBe(expected);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('rejects values JSON cannot represent, naming the path', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(
      'field "payload.a.1" must be a finite number (got NaN)',
    );
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(
      'field "payload.when" must be a plain JSON object (got Date)',
    );
    expect(() => canonicalJson({ n: 10n })).toThrow('field "payload.n" must be a JSON value (got bigint)');
  });
});
