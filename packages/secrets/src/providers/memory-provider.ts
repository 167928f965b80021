import { Secret } from '../secret/secret.js';
import { assertSecretName } from './names.js';
import type {
  Clock,
  ProviderKind,
  SecretEntry,
  SecretMetadata,
  SecretProvider,
  SetSecretOptions,
} from './provider.js';
import { systemClock } from './provider.js';

interface Stored {
  value: string;
  createdAt: number;
  rotatedAt: number;
  rotateBy?: number;
}

/**
 * A writable in-process store, for tests and for secrets injected at start-up. Nothing is persisted.
 *
 * @example
 * ```ts
 * import { MemoryProvider } from '@rrr/secrets';
 *
 * const memory = new MemoryProvider();
 * await memory.set('API_KEY', 'value-1');
 * (await memory.get('API_KEY'))?.value.reveal(); // "value-1"
 * ```
 */
export class MemoryProvider implements SecretProvider {
  /** Always `memory`. */
  readonly name: string = 'memory';
  /** Always `memory`. */
  readonly kind: ProviderKind = 'memory';
  /** Always `false`. */
  readonly plaintext = false;
  /** Always `true`. */
  readonly writable = true;
  readonly #items = new Map<string, Stored>();
  readonly #clock: Clock;

  /**
   * @param clock - time source for created/rotated dates
   */
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** {@inheritDoc SecretProvider.get} */
  async get(name: string): Promise<SecretEntry | undefined> {
    const item = this.#items.get(name);
    if (item === undefined) return undefined;
    return { value: new Secret(name, item.value), metadata: this.#meta(name, item) };
  }

  /** {@inheritDoc SecretProvider.list} */
  async list(): Promise<SecretMetadata[]> {
    return [...this.#items.entries()]
      .map(([k, v]) => this.#meta(k, v))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** {@inheritDoc SecretProvider.set} */
  async set(name: string, value: Secret | string, options: SetSecretOptions = {}): Promise<SecretMetadata> {
    assertSecretName(name);
    const plain = typeof value === 'string' ? value : value.reveal();
    const now = this.#clock.now();
    const prev = this.#items.get(name);
    const item: Stored = {
      value: plain,
      createdAt: prev?.createdAt ?? now,
      rotatedAt: prev !== undefined && prev.value === plain ? prev.rotatedAt : now,
    };
    const rotateBy = options.rotateBy ?? prev?.rotateBy;
    if (rotateBy !== undefined) item.rotateBy = rotateBy;
    this.#items.set(name, item);
    return this.#meta(name, item);
  }

  /** {@inheritDoc SecretProvider.delete} */
  async delete(name: string): Promise<boolean> {
    return this.#items.delete(name);
  }

  #meta(name: string, item: Stored): SecretMetadata {
    const base = {
      name,
      source: this.name,
      kind: this.kind,
      plaintext: false,
      createdAt: item.createdAt,
      rotatedAt: item.rotatedAt,
    };
    return item.rotateBy === undefined ? base : { ...base, rotateBy: item.rotateBy };
  }
}
