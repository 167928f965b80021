import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { isSecretsError } from '../../src/errors.js';
import type { Clock, SecretProvider } from '../../src/providers/provider.js';

/** A provider under test plus a way to put values into its backing store directly. */
export interface ContractSubject {
  readonly provider: SecretProvider;
  /** Writes values through the backing store (read-only providers) or through the provider itself. */
  readonly seed: (values: Record<string, string>) => Promise<void>;
  readonly cleanup?: () => Promise<void>;
}

/** A settable clock for the contract suite. */
export class TestClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

const SAMPLES: Record<string, string> = {
  ALPHA_KEY: 'alpha-7Hq2-value',
  BETA_TOKEN: 'b=e t#a "quoted" \\ ünïcødé',
  GAMMA_SECRET: 'g'.repeat(300),
};

/**
 * The shared contract every SecretProvider must pass. Read-only providers are checked to refuse writes; writable
 * ones are checked for set/overwrite/delete and metadata (created/rotated/rotate-by).
 */
export function describeProviderContract(
  label: string,
  make: (clock: TestClock) => Promise<ContractSubject>,
) {
  describe(`SecretProvider contract: ${label}`, () => {
    let subject: ContractSubject | undefined;
    const setup = async (clock = new TestClock(1_700_000_000_000)) => {
      subject = await make(clock);
      return { ...subject, clock };
    };
    afterEach(async () => {
      await subject?.cleanup?.();
      subject = undefined;
    });

    it('returns undefined for a secret it does not hold', async () => {
      const { provider } = await setup();
      expect(await provider.get('NOT_THERE_AT_ALL')).toBeUndefined();
    });

    it('reads seeded values back exactly, as opaque Secrets with consistent metadata', async () => {
      const { provider, seed } = await setup();
      await seed(SAMPLES);
      for (const [name, value] of Object.entries(SAMPLES)) {
        const entry = await provider.get(name);
        expect(entry?.value.reveal(), name).toBe(value);
        expect(entry?.value.name).toBe(name);
        expect(String(entry?.value)).toBe('[REDACTED]');
        expect(inspect(entry)).not.toContain(value);
        expect(entry?.metadata).toMatchObject({
          name,
          source: provider.name,
          kind: provider.kind,
          plaintext: provider.plaintext,
        });
      }
    });

    it('lists metadata sorted by name, without values', async () => {
      const { provider, seed } = await setup();
      await seed(SAMPLES);
      const listed = await provider.list();
      const names = listed.map((m) => m.name).filter((n) => n in SAMPLES);
      expect(names).toEqual(Object.keys(SAMPLES).sort());
      const text = JSON.stringify(listed);
      for (const value of Object.values(SAMPLES)) expect(text).not.toContain(value.slice(0, 12));
    });

    it('writes, overwrites and deletes when writable, or refuses writes with a typed error', async () => {
      const { provider, clock } = await setup();
      if (!provider.writable) {
        await expect(provider.set('ALPHA_KEY', 'x-value')).rejects.toMatchObject({
          code: 'provider_read_only',
        });
        await expect(provider.delete('ALPHA_KEY')).rejects.toMatchObject({ code: 'provider_read_only' });
        return;
      }
      const created = await provider.set('ALPHA_KEY', 'first-value', { rotateBy: clock.time + 1000 });
      expect(created).toMatchObject({ name: 'ALPHA_KEY', createdAt: clock.time, rotatedAt: clock.time });
      expect(created.rotateBy).toBe(clock.time + 1000);
      const t0 = clock.time;
      clock.time += 5000;
      const rotated = await provider.set('ALPHA_KEY', 'second-value');
      expect(rotated.createdAt).toBe(t0);
      expect(rotated.rotatedAt).toBe(t0 + 5000);
      expect(rotated.rotateBy, 'rotate-by is kept when not given').toBe(t0 + 1000);
      expect((await provider.get('ALPHA_KEY'))?.value.reveal()).toBe('second-value');
      expect((await provider.get('ALPHA_KEY'))?.metadata.rotatedAt).toBe(t0 + 5000);
      expect(await provider.delete('ALPHA_KEY')).toBe(true);
      expect(await provider.delete('ALPHA_KEY')).toBe(false);
      expect(await provider.get('ALPHA_KEY')).toBeUndefined();
    });

    it('rejects invalid secret names when writable', async () => {
      const { provider } = await setup();
      if (!provider.writable) return;
      const error = await provider.set('bad name with spaces', 'v-value').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isSecretsError(error)).toBe(true);
      expect((error as { code: string }).code).toBe('invalid_argument');
    });
  });
}
