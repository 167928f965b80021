import { createPrivateKey, createPublicKey } from 'node:crypto';
import { base62, crc32, decodeJsonSegment, shannonEntropy } from './encoding.js';

/**
 * True when a classic GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 base62 characters) carries a
 * valid checksum: its last 6 characters are the base62 CRC-32 of the 30 characters before them.
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
  const match = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(token);
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
 * the payload is a JSON object.
 *
 * @param token - `header.payload.signature`
 * @example
 * ```ts
 * import { decodeJwt } from '@rrr/secrets';
 *
 * decodeJwt('not.a.jwt'); // undefined
 * ```
 */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const [h, p, s] = token.split('.');
  if (h === undefined || p === undefined || s === undefined) return undefined;
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
  /(?:x{4,}|\*{4,}|example|placeholder|your[_-]|changeme|change[_-]me|dummy|redacted|<[^>]*>|\$\{)/i;

/** @internal True when a candidate value looks like a documentation placeholder. */
export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1+$/.test(value) || /^(?:0123456789|abcdef|abcdefgh)/i.test(value);
}

/** @internal True when a value mixes character classes and is random-looking enough to be a key. */
export function looksRandom(value: string, minEntropy: number, requireDigit = true): boolean {
  if (looksLikePlaceholder(value)) return false;
  if ((requireDigit && !/[0-9]/.test(value)) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= minEntropy;
}
