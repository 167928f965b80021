import type { SecretCategory, Severity } from './types.js';
import {
  decodeJwt,
  inspectPrivateKey,
  isEd25519KeyPair,
  isValidGithubToken,
  looksLikePlaceholder,
  looksRandom,
  supabaseRole,
} from './validators.js';

/** A rule's verdict on one candidate: `false` rejects it; an object accepts it, optionally re-labelled. */
export type RuleVerdict =
  | false
  | {
      readonly ruleId?: string;
      readonly category?: SecretCategory;
      readonly severity?: Severity;
      readonly message?: string;
    };

/** A detection rule. */
export interface ScanRule {
  /** Stable rule id, e.g. `anthropic-api-key`. */
  readonly id: string;
  /** Credential family. */
  readonly category: SecretCategory;
  /** Severity when the rule fires (a validator may change it). */
  readonly severity: Severity;
  /** One line for reports. */
  readonly description: string;
  /** Literal substrings; the pattern only runs on text containing at least one (empty: always runs). */
  readonly needles: readonly string[];
  /** Global regex; capture group 1 (when present) is the secret, else the whole match. */
  readonly pattern: RegExp;
  /** How many leading characters of the secret the preview may show. */
  readonly visiblePrefix: number;
  /** True for the separate lower-severity high-entropy pass. */
  readonly generic?: boolean;
  /** Cuts false positives; receives the secret. */
  readonly validate?: (value: string) => RuleVerdict;
  /** Faster hand-written search used instead of `pattern` (which then documents the shape). */
  readonly locate?: (text: string) => Array<{ readonly value: string; readonly index: number }>;
}

const isB64Char = (c: string | undefined) => c !== undefined && /[A-Za-z0-9+/]/.test(c);
const ED25519_B64 = /^[A-Za-z0-9+/]{86}==$/;

/** Finds 88-character base64 strings ending in `==` by jumping between `==` occurrences. */
function locateBase64Of64Bytes(text: string): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  for (let i = text.indexOf('=='); i >= 0; i = text.indexOf('==', i + 2)) {
    const start = i - 86;
    if (start < 0 || isB64Char(text[start - 1]) || text[i + 2] === '=' || isB64Char(text[i + 2])) continue;
    const value = text.slice(start, i + 2);
    if (ED25519_B64.test(value)) out.push({ value, index: start });
  }
  return out;
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

const githubClassic: ScanRule = {
  id: 'github-token',
  category: 'github',
  severity: 'critical',
  description:
    'GitHub token (classic PAT, OAuth, user-to-server, server-to-server or refresh) with a valid CRC-32 checksum',
  needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  pattern: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36})${E}`, 'g'),
  visiblePrefix: 4,
  validate: (v) => (isValidGithubToken(v) ? {} : false),
};

const githubFineGrained: ScanRule = {
  id: 'github-fine-grained-pat',
  category: 'github',
  severity: 'critical',
  description: 'GitHub fine-grained personal access token',
  needles: ['github_pat_'],
  pattern: new RegExp(`${B}(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`, 'g'),
  visiblePrefix: 11,
  validate: (v) => (looksRandom(v.slice(11), 4) ? {} : false),
};

const anthropic: ScanRule = {
  id: 'anthropic-api-key',
  category: 'anthropic',
  severity: 'critical',
  description: 'Anthropic API or admin key (sk-ant-api03- / sk-ant-admin01-, 93 characters, AA suffix)',
  needles: ['sk-ant-'],
  pattern: new RegExp(`${B}(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)${E}`, 'g'),
  visiblePrefix: 13,
  validate: (v) => (looksRandom(v.slice(v.indexOf('-', 7) + 1, -2), 4) ? {} : false),
};

const perplexity: ScanRule = {
  id: 'perplexity-api-key',
  category: 'perplexity',
  severity: 'critical',
  description: 'Perplexity AI API key (pplx- and 48 alphanumerics)',
  needles: ['pplx-'],
  pattern: new RegExp(`${B}(pplx-[A-Za-z0-9]{48})${E}`, 'g'),
  visiblePrefix: 5,
  validate: (v) => (looksRandom(v.slice(5), 3.8) ? {} : false),
};

const supabaseAccessToken: ScanRule = {
  id: 'supabase-access-token',
  category: 'supabase',
  severity: 'critical',
  description: 'Supabase personal access token (sbp_ and 40 hex digits)',
  needles: ['sbp_'],
  pattern: new RegExp(`${B}(sbp_[a-f0-9]{40})${E}`, 'g'),
  visiblePrefix: 4,
  validate: (v) => (looksRandom(v.slice(4), 3.2) ? {} : false),
};

const supabaseSecretKey: ScanRule = {
  id: 'supabase-secret-key',
  category: 'supabase',
  severity: 'critical',
  description: 'Supabase secret API key (sb_secret_...), bypasses row-level security',
  needles: ['sb_secret_'],
  pattern: new RegExp(`${B}(sb_secret_[A-Za-z0-9_-]{20,80})${E}`, 'g'),
  visiblePrefix: 10,
  validate: (v) => (looksRandom(v.slice(10), 3.5) ? {} : false),
};

const jwt: ScanRule = {
  id: 'jwt',
  category: 'jwt',
  severity: 'medium',
  description: 'JSON Web Token (header decodes with an alg); Supabase keys classified by their role claim',
  needles: ['eyJ'],
  pattern: new RegExp(`${B}(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})${E}`, 'g'),
  visiblePrefix: 6,
  validate: (v) => {
    const decoded = decodeJwt(v);
    if (decoded === undefined) return false;
    const role = supabaseRole(decoded);
    if (role === 'service_role') {
      return {
        ruleId: 'supabase-service-role-jwt',
        category: 'supabase',
        severity: 'critical',
        message: 'Supabase service_role key (JWT): full database access, bypasses row-level security',
      };
    }
    if (role === 'anon') {
      return {
        ruleId: 'supabase-anon-jwt',
        category: 'supabase',
        severity: 'low',
        message: 'Supabase anon key (JWT): public by design, but should come from configuration',
      };
    }
    return { message: `JSON Web Token (alg ${decoded.header.alg})` };
  },
};

const polygon: ScanRule = {
  id: 'polygon-api-key',
  category: 'polygon',
  severity: 'high',
  description:
    'Polygon.io (Massive) API key: 32 characters assigned to a polygon-named setting or in an apiKey= URL',
  needles: [],
  pattern:
    /(?:polygon|massive)[A-Za-z0-9_.-]{0,30}["']?\s*[:=]\s*["']?([A-Za-z0-9_]{32})(?![A-Za-z0-9_])|api\.(?:polygon\.io|massive\.com)\/[^\s"'?]*\?(?:[^\s"'#]*&)?apiKey=([A-Za-z0-9_]{32})(?![A-Za-z0-9_])/gi,
  visiblePrefix: 4,
  validate: (v) => (looksRandom(v, 3.5, false) ? {} : false),
};

const coinbaseKeyName: ScanRule = {
  id: 'coinbase-cdp-key-name',
  category: 'coinbase',
  severity: 'medium',
  description:
    'Coinbase CDP API key name (organizations/<uuid>/apiKeys/<uuid>); critical when its EC private key is beside it',
  needles: ['organizations/'],
  pattern:
    /(organizations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/apiKeys\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g,
  visiblePrefix: 14,
};

const coinbaseEd25519: ScanRule = {
  id: 'coinbase-ed25519-key',
  category: 'coinbase',
  severity: 'critical',
  description:
    'Coinbase CDP Ed25519 API secret: 64 bytes base64 whose second half is the public key of the first',
  needles: [],
  pattern: /(?<![A-Za-z0-9+/])([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/g,
  locate: locateBase64Of64Bytes,
  visiblePrefix: 2,
  validate: (v) => (isEd25519KeyPair(v) ? {} : false),
};

const privateKey: ScanRule = {
  id: 'private-key',
  category: 'private-key',
  severity: 'critical',
  description: 'PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, PGP)',
  needles: ['-----BEGIN'],
  pattern:
    /(-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----(?:\\r|\\n|\s)+[A-Za-z0-9+/=:\-,\s\\]{64,}?-----END \2PRIVATE KEY(?: BLOCK)?-----)/g,
  visiblePrefix: 64,
  validate: (v) => {
    if (/BEGIN (?:ENCRYPTED|PGP)/.test(v))
      return { severity: 'high', message: 'Encrypted or PGP private key block' };
    const info = inspectPrivateKey(v);
    if (!info.parsed) return { severity: 'high', message: 'Private key block (does not parse as a key)' };
    const curve = info.curve === undefined ? '' : ` ${info.curve}`;
    return { message: `Private key (${info.type ?? 'unknown'}${curve})` };
  },
};

const encryptionKey: ScanRule = {
  id: 'encryption-key',
  category: 'encryption-key',
  severity: 'high',
  description: 'Encryption, JWT-signing, HMAC or session key assigned to a named setting',
  needles: [],
  pattern:
    /(?:encrypt(?:ion)?|cipher|aes|jwt|signing|hmac|master|session|cookie)[_.-]?(?:secret|key)[A-Za-z0-9_]*["']?\s*[:=]\s*["']?([A-Za-z0-9+/=_.-]{16,256})/gi,
  visiblePrefix: 2,
  validate: (v) => (looksRandom(v, 3.0) ? {} : false),
};

const generic: ScanRule = {
  id: 'generic-high-entropy',
  category: 'generic',
  severity: 'low',
  description: 'High-entropy value assigned to a key/secret/token/password-like name',
  needles: [],
  generic: true,
  pattern:
    /(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|credential|auth|access[_-]?key)[A-Za-z0-9_.-]{0,20}["']?\s*[:=]\s*["']?([A-Za-z0-9+/=_\-.~]{20,200})/gi,
  visiblePrefix: 2,
  validate: (v) => (!looksLikePlaceholder(v) && looksRandom(v, v.length >= 32 ? 3.9 : 3.6) ? {} : false),
};

/**
 * The built-in rules: the seven credential families (Coinbase, Anthropic, GitHub, Supabase, Polygon.io,
 * Perplexity, JWT/encryption keys), PEM private keys, and the generic high-entropy pass (last, `low` severity).
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
  privateKey,
  encryptionKey,
  generic,
]);
