import type { ScanRule } from './rule-types.js';
import { coinbaseEd25519, coinbaseKeyName, derPrivateKey, privateKey, puttyKey } from './rules/keys.js';
import { coinbaseSecret, encryptionKey, generic, genericPassword, polygon } from './rules/keyword.js';
import {
  anthropic,
  githubClassic,
  githubFineGrained,
  jwt,
  perplexity,
  supabaseAccessToken,
  supabaseSecretKey,
} from './rules/tokens.js';

export type { MatchContext, RuleVerdict, ScanRule } from './rule-types.js';

/**
 * The built-in rules: the seven credential families (Coinbase, Anthropic, GitHub, Supabase, Polygon.io,
 * Perplexity, JWT/encryption keys), private keys (PEM, PuTTY, bare base64 DER), and the generic high-entropy
 * pass (last, `low` severity).
 *
 * @example
 * ```ts
 * import { defaultRules } from '@rrr/secrets';
 *
 * console.log(defaultRules.map((r) => r.id));
 * ```
 */
export const defaultRules: readonly ScanRule[] = Object.freeze([
  githubClassic,
  githubFineGrained,
  anthropic,
  perplexity,
  supabaseAccessToken,
  supabaseSecretKey,
  jwt,
  polygon,
  coinbaseKeyName,
  coinbaseEd25519,
  coinbaseSecret,
  privateKey,
  puttyKey,
  derPrivateKey,
  encryptionKey,
  generic,
  genericPassword,
]);
