import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSecret, Secret } from './secret.js';

const VALUE = 'tok-7f3a9c1e5b2d4860';

describe('Secret', () => {
  const secret = new Secret('API_TOKEN', VALUE);

  it('prints a redacted form through toString, template literals, String() and concatenation', () => {
    expect(secret.toString()).toBe('[REDACTED]');
    expect(`${secret}`).toBe('[REDACTED]');
    expect(String(secret)).toBe('[REDACTED]');
    expect(`x${secret}`).not.toContain(VALUE);
  });

  it('serialises redacted with JSON.stringify, also nested', () => {
    expect(JSON.stringify({ auth: { token: secret } })).toBe('{"auth":{"token":"[REDACTED]"}}');
  });

  it('is redacted by util.inspect and in nested objects, but shows its name', () => {
    expect(inspect(secret)).toBe('Secret<API_TOKEN> [REDACTED]');
    const nested = inspect({ deep: { list: [secret] } }, { depth: 10, showHidden: true });
    expect(nested).not.toContain(VALUE);
    expect(nested).toContain('API_TOKEN');
  });

  it('does not expose the value through enumeration', () => {
    expect(Object.values(secret)).toEqual(['API_TOKEN']);
    expect(JSON.stringify(Object.entries(secret))).not.toContain(VALUE);
  });

  it('returns the value only through reveal()', () => {
    expect(secret.reveal()).toBe(VALUE);
  });

  it('compares in constant time with strings and secrets', () => {
    expect(secret.equals(VALUE)).toBe(true);
    expect(secret.equals(new Secret('OTHER', VALUE))).toBe(true);
    expect(secret.equals(`${VALUE}x`)).toBe(false);
    expect(secret.equals('tok-7f3a9c1e5b2d4861')).toBe(false);
  });

  it('is recognised by isSecret', () => {
    expect(isSecret(secret)).toBe(true);
    expect(isSecret(VALUE)).toBe(false);
  });
});
