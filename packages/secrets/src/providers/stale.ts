import type { SecretMetadata } from './provider.js';

/** Why a secret is stale. */
export interface StaleSecret {
  /** The secret's metadata. */
  readonly metadata: SecretMetadata;
  /** `rotate_by_passed`: its rotate-by date is past; `too_old`: last rotation older than `maxAgeMs`. */
  readonly reason: 'rotate_by_passed' | 'too_old';
}

/**
 * Returns the secrets whose rotate-by date has passed or, when `maxAgeMs` is given, whose last rotation (or
 * creation) is older than that.
 *
 * @param secrets - metadata from `SecretProvider.list()`
 * @param now - current time, ms UTC
 * @param maxAgeMs - optional maximum age since the last rotation
 * @example
 * ```ts
 * import { findStaleSecrets } from '@rrr/secrets';
 *
 * const stale = findStaleSecrets(
 *   [{ name: 'A', source: 'vault', kind: 'vault', plaintext: false, rotateBy: 1000 }],
 *   2000,
 * );
 * stale[0]?.reason; // "rotate_by_passed"
 * ```
 */
export function findStaleSecrets(
  secrets: readonly SecretMetadata[],
  now: number,
  maxAgeMs?: number,
): StaleSecret[] {
  const out: StaleSecret[] = [];
  for (const metadata of secrets) {
    if (metadata.rotateBy !== undefined && metadata.rotateBy <= now) {
      out.push({ metadata, reason: 'rotate_by_passed' });
      continue;
    }
    const last = metadata.rotatedAt ?? metadata.createdAt;
    if (maxAgeMs !== undefined && last !== undefined && now - last > maxAgeMs) {
      out.push({ metadata, reason: 'too_old' });
    }
  }
  return out;
}
