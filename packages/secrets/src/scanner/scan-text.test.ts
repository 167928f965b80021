import { describe, expect, it } from 'vitest';
import { ecPem, Gen } from '../../test/fixtures/corpus.js';
import { maskSecret, scanText } from './scan-text.js';
import { decodeJwt, isEd25519KeyPair, isValidGithubToken, supabaseRole } from './validators.js';

describe('validators', () => {
  const g = new Gen(7);
  it('accepts GitHub tokens whose CRC-32 checksum matches and rejects a one-character change', () => {
    const token = g.githubToken();
    expect(isValidGithubToken(token)).toBe(true);
    const flipped = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    expect(isValidGithubToken(flipped)).toBe(false);
    expect(isValidGithubToken(g.githubTokenBadChecksum())).toBe(false);
  });

  it('decodes JWTs only when the header has an alg, and classifies Supabase roles', () => {
    const svc = decodeJwt(g.supabaseJwt('service_role'));
    expect(svc && supabaseRole(svc)).toBe('service_role');
    const anon = decodeJwt(g.supabaseJwt('anon'));
    expect(anon && supabaseRole(anon)).toBe('anon');
    const plain = decodeJwt(g.jwt({ sub: 'u1' }));
    expect(plain?.header.alg).toBe('HS256');
    expect(plain && supabaseRole(plain)).toBeUndefined();
    expect(decodeJwt(g.jwt({ sub: 'u1' }, { typ: 'JWT' }))).toBeUndefined();
  });

  it('checks that an Ed25519 secret is seed followed by its own public key', async () => {
    const { ed25519Pair } = await import('../../test/fixtures/corpus.js');
    const pair = ed25519Pair();
    expect(isEd25519KeyPair(pair)).toBe(true);
    const raw = Buffer.from(pair, 'base64');
    raw[40] = (raw[40] ?? 0) ^ 1;
    expect(isEd25519KeyPair(raw.toString('base64'))).toBe(false);
  });
});

describe('scanText', () => {
  const g = new Gen(11);
  it('reports file, 1-based line and column, rule, severity and a masked preview without the value', () => {
    const token = g.githubToken();
    const text = `line one\n  const t = "${token}";\n`;
    const [finding, ...rest] = scanText(text, 'src/a.ts');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'github-token',
      category: 'github',
      severity: 'critical',
      file: 'src/a.ts',
      line: 2,
      column: 14,
    });
    expect(finding?.preview).toBe(maskSecret(token, 4));
    expect(finding?.preview.startsWith('ghp_****')).toBe(true);
    expect(JSON.stringify(finding)).not.toContain(token.slice(4));
  });

  it('honours inline ignore comments on the same line and the line before', () => {
    const a = g.perplexity();
    const b = g.perplexity();
    const c = g.perplexity();
    const text = `x = "${a}" // rrr-secrets-ignore\n# rrr-secrets-ignore-next-line\ny = "${b}"\nz = "${c}"\n`;
    expect(scanText(text, 'f').map((f) => f.line)).toEqual([4]);
  });

  it('pairs a Coinbase CDP key name with its EC private key as one critical finding', () => {
    const text = JSON.stringify({ name: g.coinbaseKeyName(), privateKey: ecPem() }, null, 2);
    const findings = scanText(text, 'cdp_api_key.json');
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['coinbase-cdp-key-pair', 'critical'],
      ['private-key', 'critical'],
    ]);
    const nameOnly = scanText(JSON.stringify({ name: g.coinbaseKeyName() }), 'a.json');
    expect(nameOnly.map((f) => [f.ruleId, f.severity])).toEqual([['coinbase-cdp-key-name', 'medium']]);
  });

  it('classifies Supabase JWTs by role: service_role critical, anon low', () => {
    const text = `A=${g.supabaseJwt('service_role')}\nB=${g.supabaseJwt('anon')}\n`;
    expect(scanText(text, '.env').map((f) => [f.ruleId, f.severity])).toEqual([
      ['supabase-service-role-jwt', 'critical'],
      ['supabase-anon-jwt', 'low'],
    ]);
  });

  it('prefers a specific rule over the generic pass for the same value, and can skip the generic pass', () => {
    const text = `api_token = "${g.anthropic()}"\nclient_secret = "${g.str('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 40)}"\n`;
    const findings = scanText(text, 'f');
    expect(findings.map((f) => f.ruleId)).toEqual(['anthropic-api-key', 'generic-high-entropy']);
    expect(findings[1]?.severity).toBe('low');
    expect(scanText(text, 'f', { noGeneric: true }).map((f) => f.ruleId)).toEqual(['anthropic-api-key']);
  });
});

describe('scanText: cases the labelled corpus drove', () => {
  const g = new Gen(23);
  const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('leaves a GitHub-shaped value with a bad checksum to its own rule, not the generic pass', () => {
    const bad = g.githubTokenBadChecksum();
    expect(scanText(`api_token = "${bad}"`, 'f')).toEqual([]);
    expect(scanText(`api_token = "${g.githubToken()}"`, 'f').map((f) => f.ruleId)).toEqual(['github-token']);
  });

  it('finds JWTs with a whitespace-formatted header or without a signature, and says when unsigned', () => {
    const claims = b64url({ sub: g.uuid() });
    const verbose = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' }, null, 2)).toString('base64url');
    expect(verbose.startsWith('ewog')).toBe(true);
    const signed = `${verbose}.${claims}.${g.bytes(32).toString('base64url')}`;
    const unsigned = `${b64url({ alg: 'HS256' })}.${claims}`;
    const findings = scanText(`a: ${signed}\nb: ${unsigned}\nc: ${b64url({ typ: 'JWT' })}.${claims}\n`, 'f');
    expect(findings.map((f) => [f.line, f.ruleId, f.message])).toEqual([
      [1, 'jwt', 'JSON Web Token (alg HS256)'],
      [2, 'jwt', 'JSON Web Token (alg HS256, unsigned)'],
    ]);
  });

  it('does not report identifiers, hashes and public values under secret-like names', () => {
    const text = [
      `credentialsId: '${g.uuid()}'`,
      `csrf_token=${g.bytes(64).toString('base64')}`,
      `public_key = "${g.str('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 43)}"`,
      `token_hash: ${g.bytes(32).toString('hex')}`,
      `  apiKey: process.env.API_KEY_${g.str('ABCDEFGH', 6)},`,
    ].join('\n');
    expect(scanText(text, 'f')).toEqual([]);
    expect(scanText(`api_token: '${g.uuid()}'`, 'f').map((f) => f.ruleId)).toEqual(['generic-high-entropy']);
  });

  it('finds a bare base64 DER private key but not the matching public key', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const pub = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(scanText(`KEY=${der}\nPUB=${pub}\n`, 'f').map((f) => [f.line, f.ruleId])).toEqual([
      [1, 'private-key-der'],
    ]);
  });

  it('reports a quoted password with symbols at low severity, but not a format template or a call', () => {
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    const password = `${g.str(letters, 6)}#${g.str('23456789', 2)}!${g.str(letters, 6)}`;
    expect(scanText(`db_password = "${password}"`, 'f').map((f) => [f.ruleId, f.severity])).toEqual([
      ['generic-password', 'low'],
    ]);
    expect(scanText(`password = "%(db_password)s-suffix1"\npassword = "getPass(opts, 42)"`, 'f')).toEqual([]);
  });
});
