import { createPrivateKey, createPublicKey } from 'node:crypto';
import { base62, crc32, decodeJsonSegment, shannonEntropy } from './encoding.js';

/**
 * True when a classic GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 base62 characters today, longer
 * reserved) carries a valid checksum: its last 6 characters are the base62 CRC-32 of the characters before them.
 *
 * @param token - the full token
 * @example
 * ```ts
 * import { isValidGithubToken } from '@rrr/secrets';
 *
 * isValidGithubToken('ghp_' + 'a'.repeat(36)); // false: wrong checksum
 * ```
 */
export function isValidGithubToken(token: string): boolean {
  const match = /^gh[pousr]_([A-Za-z0-9]{30,245})([A-Za-z0-9]{6})$/.exec(token);
  if (match === null) return false;
  return base62(crc32(match[1] ?? ''), 6) === match[2];
}

/** Decoded header and payload of a JWT whose header names an `alg`. */
export interface DecodedJwt {
  /** The JOSE header. */
  readonly header: Record<string, unknown> & { readonly alg: string };
  /** The claims. */
  readonly payload: Record<string, unknown>;
}

/**
 * Decodes a compact JWT without verifying it; `undefined` unless the header is JSON with a string `alg` and
 * the payload is a JSON object. The signature segment may be absent (an unsigned `header.payload`); base64
 * padding is tolerated.
 *
 * @param token - `header.payload.signature` or `header.payload`
 * @example
 * ```ts
 * import { decodeJwt } from '@rrr/secrets';
 *
 * decodeJwt('not.a.jwt'); // undefined
 * ```
 */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  const [h, p] = parts;
  if (h === undefined || p === undefined || parts.length > 3) return undefined;
  const header = decodeJsonSegment(h);
  const payload = decodeJsonSegment(p);
  if (header === undefined || payload === undefined || typeof header['alg'] !== 'string') return undefined;
  return { header: header as DecodedJwt['header'], payload };
}

/**
 * Classifies a JWT as a Supabase key by its claims: `service_role` (bypasses row-level security), `anon`
 * (public by design), or `undefined` when it is not a Supabase key.
 *
 * @param jwt - a decoded JWT
 * @example
 * ```ts
 * import { supabaseRole } from '@rrr/secrets';
 *
 * supabaseRole({ header: { alg: 'HS256' }, payload: { iss: 'supabase', role: 'anon' } }); // "anon"
 * ```
 */
export function supabaseRole(jwt: DecodedJwt): 'service_role' | 'anon' | undefined {
  const { iss, role, ref } = jwt.payload;
  const isSupabase = (typeof iss === 'string' && iss.includes('supabase')) || typeof ref === 'string';
  if (!isSupabase) return undefined;
  if (role === 'service_role' || role === 'anon') return role;
  return undefined;
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * True when `base64` decodes to 64 bytes that form an Ed25519 key pair (32-byte seed followed by the public key
 * derived from it), the format of Coinbase CDP Ed25519 API secrets.
 *
 * @param base64 - the key as base64
 * @example
 * ```ts
 * import { isEd25519KeyPair } from '@rrr/secrets';
 *
 * isEd25519KeyPair(Buffer.alloc(64).toString('base64')); // false: public half does not match
 * ```
 */
export function isEd25519KeyPair(base64: string): boolean {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 64) return false;
  try {
    const key = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, raw.subarray(0, 32)]),
      format: 'der',
      type: 'pkcs8',
    });
    const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
    return spki.subarray(spki.length - 32).equals(raw.subarray(32));
  } catch {
    return false;
  }
}

/** @internal True when base64 `value` is a DER private key (PKCS#8, or PKCS#1 RSA / SEC1 EC) that parses. */
export function isPrivateKeyDer(value: string): boolean {
  const der = Buffer.from(value, 'base64');
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // try the next encoding
    }
  }
  return false;
}

/** What a PEM private key block parses to. @internal */
export interface PemInfo {
  readonly parsed: boolean;
  readonly type?: string;
  readonly curve?: string;
}

/** @internal Parses a PEM private key (with real or `\n`-escaped newlines). */
export function inspectPrivateKey(pem: string): PemInfo {
  const text = pem.replace(/\\r\\n|\\n/g, '\n');
  try {
    const key = createPrivateKey({ key: text, format: 'pem' });
    const details = key.asymmetricKeyDetails;
    const base = { parsed: true } as const;
    const withType = key.asymmetricKeyType === undefined ? base : { ...base, type: key.asymmetricKeyType };
    return details?.namedCurve === undefined ? withType : { ...withType, curve: details.namedCurve };
  } catch {
    return { parsed: false };
  }
}

const PLACEHOLDER =
  /(?:x{4,}|\*{4,}|example|placeholder|your[_-]|changeme|change[_-]me|dummy|redacted|^<.+>$|<[a-z]+(?:[-_ ][a-z0-9]+)+>|\$\{)/i;

/** @internal True when `value` has a run of `length` consecutive ascending characters (`abcdef`, `345678`). */
export function hasSequentialRun(value: string, length: number): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i += 1) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** @internal True when a candidate value looks like a documentation placeholder or an alphabet. */
export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1+$/.test(value) || hasSequentialRun(value, 6);
}

/** @internal True when `value` has both upper- and lower-case letters. */
export function hasMixedCase(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value);
}

/** Last words of setting names that hold identifiers, locations or metadata rather than a secret. */
const NON_SECRET_LAST_WORDS = new Set(
  'id ids name names url uri urls endpoint host file path dir length len size count type version prefix header field hash digest checksum sha sha1 sha256 sha512 md5 fingerprint format mode ttl expiry expires timeout index label ref alias env location region algorithm alg scope scopes address addresses mint'.split(
    ' ',
  ),
);

/** Words that make a setting public or non-secret wherever they appear in its name. */
const NON_SECRET_WORDS = new Set(
  'csrf xsrf public pub publishable author authors page pagination continuation cursor next spl'.split(' '),
);

/** @internal True when a setting name (`csrf_token`, `credentialsId`, `SECRET_NAME`) does not hold a secret. */
export function isNonSecretSettingName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const last = words.at(-1);
  return (
    (last !== undefined && NON_SECRET_LAST_WORDS.has(last)) || words.some((w) => NON_SECRET_WORDS.has(w))
  );
}

/**
 * @internal True when a long value reads as random letters even without a digit (mixed case, high entropy), as
 * base64 of random bytes sometimes does.
 */
export function looksRandomLetters(value: string, minEntropy: number): boolean {
  return (
    value.length >= 32 &&
    hasMixedCase(value) &&
    !looksLikePlaceholder(value) &&
    shannonEntropy(value) >= minEntropy
  );
}

/** @internal True when a value mixes character classes and is random-looking enough to be a key. */
export function looksRandom(value: string, minEntropy: number, requireDigit = true): boolean {
  if (looksLikePlaceholder(value)) return false;
  if ((requireDigit && !/[0-9]/.test(value)) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= minEntropy;
}
