import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSecretsError } from '../errors.js';
import { Secret } from '../secret/secret.js';
import { Redactor } from './redactor.js';

const VALUE = 'pw:Zq8#x/y+k?=9&tail';

describe('Redactor', () => {
  const redactor = new Redactor().add(new Secret('DB_PASSWORD', VALUE), 'second-value-42');

  it('removes raw values from strings, every occurrence', () => {
    expect(redactor.redact(`a ${VALUE} b ${VALUE} c second-value-42`)).toBe(
      'a [REDACTED] b [REDACTED] c [REDACTED]',
    );
  });

  it('removes the URL-encoded and form-encoded forms', () => {
    const url = `https://x.test/?p=${encodeURIComponent(VALUE)}&q=1`;
    expect(encodeURIComponent(VALUE)).not.toBe(VALUE);
    expect(redactor.redact(url)).toBe('https://x.test/?p=[REDACTED]&q=1');
  });

  it('removes base64 and base64url forms', () => {
    const b64 = Buffer.from(VALUE).toString('base64');
    const b64url = Buffer.from(VALUE).toString('base64url');
    expect(redactor.redact(`token=${b64}`)).toBe('token=[REDACTED]');
    expect(redactor.redact(`token=${b64url}`)).toBe('token=[REDACTED]');
  });

  it('removes the value when base64-encoded inside a longer payload at any byte offset', () => {
    for (const prefix of ['u:', 'us:', 'use:']) {
      const header = `Basic ${Buffer.from(`${prefix}${VALUE}`).toString('base64')}`;
      const out = redactor.redact(header);
      expect(out, `prefix ${prefix}`).toContain('[REDACTED]');
      const rest = out.replace('[REDACTED]', '');
      expect(rest.length, 'only boundary characters may remain').toBeLessThan(`Basic `.length + 10);
    }
  });

  it('redacts nested objects, arrays, maps, sets and Secret instances, keeping other values', () => {
    const input = {
      user: 'alice',
      n: 3,
      list: ['ok', `x${VALUE}`, new Secret('S', 'whatever-9')],
      nested: { deeper: { token: 'second-value-42' } },
      map: new Map([['k', VALUE]]),
      set: new Set([VALUE]),
      when: new Date(0),
    };
    const out = redactor.redactValue(input) as typeof input;
    expect(out.user).toBe('alice');
    expect(out.n).toBe(3);
    expect(out.list).toEqual(['ok', 'x[REDACTED]', '[REDACTED]']);
    expect(out.nested.deeper.token).toBe('[REDACTED]');
    expect(out.map.get('k')).toBe('[REDACTED]');
    expect([...out.set]).toEqual(['[REDACTED]']);
    expect(out.when).toBe(input.when);
    expect(input.nested.deeper.token, 'input is not mutated').toBe('second-value-42');
  });

  it('keeps cycles without looping', () => {
    const a: Record<string, unknown> = { v: VALUE };
    a['self'] = a;
    const out = redactor.redactValue(a) as Record<string, unknown>;
    expect(out['v']).toBe('[REDACTED]');
    expect(out['self']).toBe(out);
  });

  it('redacts error messages, stacks, causes and own properties', () => {
    const cause = new Error(`inner ${VALUE}`);
    const error = Object.assign(new TypeError(`outer second-value-42`, { cause }), { config: { pw: VALUE } });
    const out = redactor.redactError(error);
    expect(out.name).toBe('TypeError');
    expect(out.message).toBe('outer [REDACTED]');
    expect(out.stack).not.toContain('second-value-42');
    expect((out.cause as Error).message).toBe('inner [REDACTED]');
    expect((out.cause as Error).stack).not.toContain(VALUE);
    expect(inspect(out, { depth: 5 })).not.toContain(VALUE);
    expect(JSON.stringify((out as unknown as { config: unknown }).config)).toBe('{"pw":"[REDACTED]"}');
  });

  it('redacts the members of an AggregateError', () => {
    const out = redactor.redactError(new AggregateError([new Error(VALUE)], 'many'));
    expect(((out as unknown as { errors: Error[] }).errors[0] as Error).message).toBe('[REDACTED]');
  });

  it('returns text unchanged when it knows no secret', () => {
    expect(new Redactor().redact(VALUE)).toBe(VALUE);
  });

  it('refuses values shorter than minLength with a typed error that does not echo the value', () => {
    try {
      new Redactor({ minLength: 6 }).add('abc');
      expect.unreachable();
    } catch (error) {
      expect(isSecretsError(error)).toBe(true);
      expect((error as Error).message).not.toContain('abc');
    }
    expect(() => new Redactor({ minLength: 0 })).toThrow(/minLength/);
  });

  it('uses a custom replacement', () => {
    expect(new Redactor({ replacement: '***' }).add('abcdef').redact('xabcdefx')).toBe('x***x');
  });
});
