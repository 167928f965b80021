import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { isSecretsError, SecretsResolutionError } from '../errors.js';
import { EnvProvider } from '../providers/env-provider.js';
import { MemoryProvider } from '../providers/memory-provider.js';
import type { Secret } from '../secret/secret.js';
import { SecretsManager } from './manager.js';

const schema = z.object({
  API_TOKEN: z.string().regex(/^tok_[a-z0-9]{8}$/),
  DB_URL: z.string().startsWith('postgres://'),
  OPTIONAL_KEY: z.string().min(4).optional(),
});

describe('SecretsManager', () => {
  it('resolves a typed object of Secrets, first provider in the chain wins', async () => {
    const memory = new MemoryProvider();
    await memory.set('API_TOKEN', 'tok_abcd1234');
    const env = new EnvProvider({ env: { API_TOKEN: 'tok_zzzz9999', DB_URL: 'postgres://u@h/db' } });
    const manager = new SecretsManager({ schema, providers: [memory, env] });
    const secrets = await manager.resolve();
    expectTypeOf(secrets.API_TOKEN).toEqualTypeOf<Secret>();
    expectTypeOf(secrets.OPTIONAL_KEY).toEqualTypeOf<Secret | undefined>();
    expect(secrets.API_TOKEN.reveal()).toBe('tok_abcd1234');
    expect(secrets.DB_URL.reveal()).toBe('postgres://u@h/db');
    expect(secrets.OPTIONAL_KEY).toBeUndefined();
    const report = await manager.report();
    expect(report.map((r) => [r.name, r.status, r.metadata?.kind, r.metadata?.plaintext])).toEqual([
      ['API_TOKEN', 'ok', 'memory', false],
      ['DB_URL', 'ok', 'env', true],
      ['OPTIONAL_KEY', 'missing', undefined, undefined],
    ]);
  });

  it('throws one error listing every missing and malformed secret by name, never by value', async () => {
    const badToken = 'tok_NOT-VALID-VALUE-77'; // rrr-secrets-ignore (deliberately malformed test value)
    const badOptional = 'xy';
    const env = new EnvProvider({ env: { API_TOKEN: badToken, OPTIONAL_KEY: badOptional } });
    const manager = new SecretsManager({ schema, providers: [env] });
    const error = await manager.resolve().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSecretsError(error)).toBe(true);
    expect(error).toBeInstanceOf(SecretsResolutionError);
    const problems = (error as SecretsResolutionError).problems;
    expect(problems.map((p) => [p.name, p.reason])).toEqual([
      ['API_TOKEN', 'malformed'],
      ['DB_URL', 'missing'],
      ['OPTIONAL_KEY', 'malformed'],
    ]);
    const message = (error as Error).message;
    expect(message).toContain('API_TOKEN');
    expect(message).toContain('DB_URL');
    expect(message).not.toContain(badToken);
    expect(message).not.toContain(badOptional);
    expect(message).toContain('invalid_format');
  });

  it('refuses an empty provider chain', () => {
    expect(() => new SecretsManager({ schema, providers: [] })).toThrow(/providers/);
  });
});
