import type { ScanRule } from '../rule-types.js';
import { inspectPrivateKey, isEd25519KeyPair, isPrivateKeyDer } from '../validators.js';

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

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** @internal */
export const coinbaseKeyName: ScanRule = {
  id: 'coinbase-cdp-key-name',
  category: 'coinbase',
  severity: 'medium',
  description:
    'Coinbase CDP API key name (organizations/<uuid>/apiKeys/<uuid>); critical when its EC private key is beside it',
  needles: ['organizations/'],
  pattern: new RegExp(`(organizations/${UUID}/apiKeys/${UUID})`, 'g'),
  visiblePrefix: 14,
};

/** @internal */
export const coinbaseEd25519: ScanRule = {
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

/** @internal */
export const privateKey: ScanRule = {
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

/** @internal */
export const puttyKey: ScanRule = {
  id: 'putty-private-key',
  category: 'private-key',
  severity: 'critical',
  description: 'PuTTY private key file (PPK v2/v3)',
  needles: ['PuTTY-User-Key-File-'],
  pattern:
    /(PuTTY-User-Key-File-[23]: [^\r\n]+(?:\r?\n[^\r\n]*){0,12}?\r?\nPrivate-Lines: \d+\r?\n[A-Za-z0-9+/=\r\n]{40,})/g,
  visiblePrefix: 22,
  validate: (v) =>
    /\nEncryption: none/.test(v) ? {} : { severity: 'high', message: 'Encrypted PuTTY private key file' },
};

/** @internal */
export const derPrivateKey: ScanRule = {
  id: 'private-key-der',
  category: 'private-key',
  severity: 'critical',
  description: 'Base64 DER private key without PEM armour (PKCS#1 or PKCS#8 that parses as a key)',
  needles: [],
  prefilter: /M(?:II|C4CAQ|HcCAQ|IG)/,
  pattern: /(?<![A-Za-z0-9+/])((?:MII|MC4CAQ|MHcCAQ|MIG)[A-Za-z0-9+/]{40,6000}={0,2})(?![A-Za-z0-9+/=])/g,
  visiblePrefix: 4,
  validate: (v) => (isPrivateKeyDer(v) ? {} : false),
};
