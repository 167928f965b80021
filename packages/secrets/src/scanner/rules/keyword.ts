import { shannonEntropy } from '../encoding.js';
import type { MatchContext, ScanRule } from '../rule-types.js';
import {
  hasMixedCase,
  isNonSecretSettingName,
  looksLikePlaceholder,
  looksRandom,
  looksRandomLetters,
} from '../validators.js';

/**
 * What may sit between a setting's name and its value: an optional (escaped) closing quote, an assignment
 * operator (`=`, `:`, `:=`, `::=`, `?=`, `+=`, `.=`, `=>`, or `>` closing an XML tag) or the comma after a
 * quoted name in a call (`getenv("api_token", "...")`), an optional YAML block indicator, and an optional
 * (escaped) opening quote.
 */
const ASSIGN = String.raw`(?:(?:\\?["'\x60])?\]?[ \t]*(?:[?+.:]{0,3}=>?|:|>)|["'][ \t]*,)\s*(?:[|>][-+]?\s*)?(?:\\?["'\x60]|@")?`;

/** The identifier around the match (the part cut off before it, then the name up to the value). */
function settingName(value: string, context: MatchContext): string {
  const head = /[A-Za-z0-9_.-]*$/.exec(context.before)?.[0] ?? '';
  const name = context.match.slice(0, context.match.lastIndexOf(value));
  return head + (/^[A-Za-z0-9_.-]*/.exec(name)?.[0] ?? '');
}

/** An Ethereum-style address (`0x` and 40 hex digits): public by design, common under `*_TOKEN` names. */
const CHAIN_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** `process.env.NAME`, `this.config.apiKey`, `settings.auth.token`: a reference in code, not a value. */
const CODE_REFERENCE = /^[a-z_$][a-z0-9_$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;

/** @internal */
export const polygon: ScanRule = {
  id: 'polygon-api-key',
  category: 'polygon',
  severity: 'high',
  description:
    'Polygon.io (Massive) API key: 32 characters assigned to a polygon-named setting, in an apiKey= URL, or just after the word polygon',
  needles: [],
  prefilter: /polygon|massive/i,
  pattern: new RegExp(
    `(?:polygon|massive)[A-Za-z0-9_.-]{0,30}${ASSIGN}([A-Za-z0-9_]{32})(?![A-Za-z0-9_])` +
      String.raw`|api\.(?:polygon\.io|massive\.com)\/[^\s"'?]*\?(?:[^\s"'#]*&)?apiKey=([A-Za-z0-9_]{32})(?![A-Za-z0-9_])` +
      String.raw`|\bpolygon(?:\.io)?\b[^\n"'=:]{1,40}?(?<![A-Za-z0-9_])([A-Za-z0-9]{32})(?![A-Za-z0-9_])`,
    'gi',
  ),
  visiblePrefix: 4,
  validate: (v, context) =>
    hasMixedCase(v) && looksRandom(v, 3.5, false) && !isNonSecretSettingName(settingName(v, context))
      ? {}
      : false,
};

/** @internal */
export const encryptionKey: ScanRule = {
  id: 'encryption-key',
  category: 'encryption-key',
  severity: 'high',
  description: 'Encryption, JWT-signing, HMAC or session key assigned to a named setting',
  needles: [],
  pattern: new RegExp(
    `(?:encrypt(?:ion)?|cipher|aes|jwt|signing|hmac|master|session|cookie)[_.-]?(?:secret|key)[A-Za-z0-9_]*${ASSIGN}([A-Za-z0-9+/=_.-]{16,256})`,
    'gi',
  ),
  visiblePrefix: 2,
  validate: (v, context) =>
    (looksRandom(v, 3.0) || looksRandomLetters(v, 4)) && !isNonSecretSettingName(settingName(v, context))
      ? {}
      : false,
};

/** Formats owned by a specific rule: when that rule rejected a value, the generic pass must not report it. */
const VENDOR_PREFIX =
  /^(?:gh[pousr]_|github_pat_|sk-ant-|pplx-|sbp_|sb_secret_|sb_publishable_|organizations\/)/;

/** @internal */
export const coinbaseSecret: ScanRule = {
  id: 'coinbase-api-secret',
  category: 'coinbase',
  severity: 'high',
  description:
    'Coinbase API key or secret: a random value of 32+ characters assigned to a coinbase-named setting',
  needles: [],
  pattern: new RegExp(
    `coinbase[A-Za-z0-9_.-]{0,30}${ASSIGN}([A-Za-z0-9+/=_-]{32,128})(?![A-Za-z0-9+/=_-])`,
    'gi',
  ),
  visiblePrefix: 2,
  validate: (v, context) =>
    looksRandom(v, 4) && !isNonSecretSettingName(settingName(v, context)) ? {} : false,
};

/** Entropy a generic value needs: hex (4 bits per character at most) and UUIDs are judged on their own scale. */
function genericValueIsRandom(v: string): boolean {
  if (looksLikePlaceholder(v) || VENDOR_PREFIX.test(v) || CODE_REFERENCE.test(v) || CHAIN_ADDRESS.test(v)) {
    return false;
  }
  if (UUID.test(v)) return new Set(v.replaceAll('-', '')).size >= 8; // random by format, unless all-zero-like
  if (HEX.test(v)) return v.length >= 32 && /[a-f]/i.test(v) && /[0-9]/.test(v) && shannonEntropy(v) >= 3.3;
  return looksRandom(v, v.length >= 32 ? 3.9 : 3.6) || looksRandomLetters(v, 4.2);
}

/** @internal */
export const generic: ScanRule = {
  id: 'generic-high-entropy',
  category: 'generic',
  severity: 'low',
  description: 'High-entropy value assigned to a key/secret/token/password-like name',
  needles: [],
  generic: true,
  pattern: new RegExp(
    String.raw`(?:api[_.-]?key|secret|token|passw(?:or)?d|pwd|credential|creds|auth|access[_.-]?key|private[_.-]?key)[A-Za-z0-9_.-]{0,20}${ASSIGN}([A-Za-z0-9+/=_\-.~]{20,200})`,
    'gi',
  ),
  visiblePrefix: 2,
  validate: (v, context) =>
    genericValueIsRandom(v) && !isNonSecretSettingName(settingName(v, context)) ? {} : false,
};

/** Printable password characters other than quotes, backslash, `$` and whitespace. */
const SYMBOLS = /[!#%&()*,:;<>?@[\]^{|}~+=./_-]/;

/** @internal */
export const genericPassword: ScanRule = {
  id: 'generic-password',
  category: 'generic',
  severity: 'low',
  description: 'Quoted password-like value (letters, digits and symbols) assigned to a password/secret name',
  needles: [],
  generic: true,
  pattern:
    /(?:passw(?:or)?d|pwd|passphrase|secret|api[_-]?key)[A-Za-z0-9_.-]{0,20}(?:\\?["'\x60])?\]?[ \t]*(?:[?+.:]{0,3}=>?|:)[ \t]*@?["'\x60]([^"'\x60\s\\$]{12,128})["'\x60]/gi,
  visiblePrefix: 2,
  validate: (v, context) => {
    if (!SYMBOLS.test(v) || /^[A-Za-z0-9+/=_\-.~]+$/.test(v)) return false; // plain values: the generic pass
    if (/:\/\/|\{\{|%\([a-z_]+\)[sd]|^[\w.$]+\(.*\)$/.test(v)) return false; // URLs, templates, calls
    if (/^(?:~|\.{1,2})?(?:\/[\w.-]+){2,}\/?$/.test(v)) return false; // file paths
    if (!/[A-Za-z]/.test(v) || !/[0-9]/.test(v)) return false;
    if (looksLikePlaceholder(v) || shannonEntropy(v) < 3.5) return false;
    return isNonSecretSettingName(settingName(v, context)) ? false : {};
  },
};
