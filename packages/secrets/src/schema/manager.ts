import type { z } from 'zod';
import { InvalidArgumentError, type SecretProblem, SecretsResolutionError } from '../errors.js';
import type { Clock, SecretEntry, SecretMetadata, SecretProvider } from '../providers/provider.js';
import { systemClock } from '../providers/provider.js';
import type { Secret } from '../secret/secret.js';

/** A zod object whose fields each validate one secret's string value (`.optional()` for optional secrets). */
export type SecretSchema = z.ZodObject<Record<string, z.ZodType<string | undefined, string | undefined>>>;

/** The typed result of resolving a {@link SecretSchema}: a `Secret` per field, `undefined` for absent optionals. */
export type ResolvedSecrets<S extends SecretSchema> = {
  readonly [K in keyof z.output<S>]-?: undefined extends z.output<S>[K] ? Secret | undefined : Secret;
};

/** Outcome for one declared secret. */
export interface SecretStatus {
  /** Declared name. */
  readonly name: string;
  /** False when the schema marks it optional. */
  readonly required: boolean;
  /** `ok`, `missing` or `malformed` (fails the declared format). */
  readonly status: 'ok' | 'missing' | 'malformed';
  /** Metadata from the provider that supplied it (absent when missing). */
  readonly metadata?: SecretMetadata;
  /** Zod issue codes for `malformed` values (never the value itself). */
  readonly issues?: readonly string[];
}

/** Options of {@link SecretsManager}. */
export interface SecretsManagerOptions<S extends SecretSchema> {
  /** Declared secrets. */
  readonly schema: S;
  /** Providers, asked in order; the first that has a secret wins. */
  readonly providers: readonly SecretProvider[];
  /** Time source for staleness checks; default the wall clock. */
  readonly clock?: Clock;
}

/**
 * Resolves the secrets an application declares (a zod object schema) through an ordered provider chain, into
 * a typed object of opaque `Secret`s, or one `SecretsResolutionError` naming every missing or malformed secret.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { EnvProvider, MemoryProvider, SecretsManager } from '@rrr/secrets';
 *
 * const schema = z.object({
 *   ANTHROPIC_API_KEY: z.string().startsWith('sk-ant-'),
 *   POLYGON_API_KEY: z.string().length(32).optional(),
 * });
 * const manager = new SecretsManager({ schema, providers: [new MemoryProvider(), new EnvProvider()] });
 * const secrets = await manager.resolve();
 * secrets.ANTHROPIC_API_KEY.reveal();
 * ```
 */
export class SecretsManager<S extends SecretSchema> {
  readonly #schema: S;
  readonly #providers: readonly SecretProvider[];
  /** Time source used by callers for staleness checks. */
  readonly clock: Clock;

  /**
   * @param options - schema, providers and clock
   */
  constructor(options: SecretsManagerOptions<S>) {
    if (options.providers.length === 0) {
      throw new InvalidArgumentError('providers must list at least one provider (got 0)');
    }
    this.#schema = options.schema;
    this.#providers = options.providers;
    this.clock = options.clock ?? systemClock;
  }

  /** The provider chain, in lookup order. */
  get providers(): readonly SecretProvider[] {
    return this.#providers;
  }

  /**
   * Resolves every declared secret, or throws `SecretsResolutionError` listing all problems at once.
   *
   * @example
   * ```ts
   * import { z } from 'zod';
   * import { MemoryProvider, SecretsManager } from '@rrr/secrets';
   *
   * const memory = new MemoryProvider();
   * await memory.set('TOKEN', 'abcd-1234');
   * const { TOKEN } = await new SecretsManager({ schema: z.object({ TOKEN: z.string() }), providers: [memory] }).resolve();
   * ```
   */
  async resolve(): Promise<ResolvedSecrets<S>> {
    const { statuses, values } = await this.#resolveAll();
    const problems: SecretProblem[] = [];
    for (const s of statuses) {
      if (s.status === 'missing' && s.required) {
        problems.push({ name: s.name, reason: 'missing', detail: `not found in ${this.#chainLabel()}` });
      } else if (s.status === 'malformed') {
        problems.push({
          name: s.name,
          reason: 'malformed',
          detail: `from ${s.metadata?.source ?? 'unknown'}: ${(s.issues ?? []).join(', ')}`,
        });
      }
    }
    if (problems.length > 0) throw new SecretsResolutionError(problems);
    const out: Record<string, Secret | undefined> = {};
    for (const s of statuses) out[s.name] = values.get(s.name)?.value;
    return out as ResolvedSecrets<S>;
  }

  /**
   * Reports the status and source of every declared secret without throwing.
   *
   * @example
   * ```ts
   * import { z } from 'zod';
   * import { MemoryProvider, SecretsManager } from '@rrr/secrets';
   *
   * const report = await new SecretsManager({ schema: z.object({ A: z.string() }), providers: [new MemoryProvider()] }).report();
   * report[0]?.status; // "missing"
   * ```
   */
  async report(): Promise<SecretStatus[]> {
    return (await this.#resolveAll()).statuses;
  }

  async #resolveAll(): Promise<{ statuses: SecretStatus[]; values: Map<string, SecretEntry> }> {
    const statuses: SecretStatus[] = [];
    const values = new Map<string, SecretEntry>();
    for (const [name, field] of Object.entries(this.#schema.shape)) {
      const required = !field.safeParse(undefined).success;
      const entry = await this.#lookup(name);
      if (entry === undefined) {
        statuses.push({ name, required, status: 'missing' });
        continue;
      }
      const parsed = field.safeParse(entry.value.reveal());
      if (!parsed.success) {
        const issues = [...new Set(parsed.error.issues.map((i) => i.code))];
        statuses.push({ name, required, status: 'malformed', metadata: entry.metadata, issues });
        continue;
      }
      values.set(name, entry);
      statuses.push({ name, required, status: 'ok', metadata: entry.metadata });
    }
    return { statuses, values };
  }

  async #lookup(name: string): Promise<SecretEntry | undefined> {
    for (const provider of this.#providers) {
      const entry = await provider.get(name);
      if (entry !== undefined) return entry;
    }
    return undefined;
  }

  #chainLabel(): string {
    return this.#providers.map((p) => p.name).join(', ');
  }
}
