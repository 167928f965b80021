import { describe, expect, it } from 'vitest';
import { buildCorpus, ecPem, Gen, layOut } from '../../test/fixtures/corpus.js';
import { maskSecret, scanText } from './scan-text.js';
import type { Finding } from './types.js';
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

describe('precision and recall on the labelled corpus', () => {
  it('reaches precision and recall >= 0.95 for every category', () => {
    const cases = buildCorpus(20_260_101, 12);
    const files = layOut(cases, 25);
    const stats = new Map<string, { tp: number; fp: number; fn: number }>();
    const stat = (k: string) => {
      const s = stats.get(k) ?? { tp: 0, fp: 0, fn: 0 };
      stats.set(k, s);
      return s;
    };
    const misses: string[] = [];
    for (const file of files) {
      const findings: Finding[] = scanText(file.text, file.path);
      const used = new Set<Finding>();
      for (const { c, line, lines } of file.cases) {
        const inCase = findings.filter((f) => f.line >= line && f.line < line + lines);
        for (const f of inCase) used.add(f);
        if (c.expect === null) {
          for (const f of inCase) {
            stat(f.category).fp += 1;
            misses.push(`FP ${c.label}: ${f.ruleId}`);
          }
          continue;
        }
        const hit = inCase.find((f) => f.category === c.expect);
        if (hit) stat(c.expect).tp += 1;
        else {
          stat(c.expect).fn += 1;
          misses.push(`FN ${c.label}`);
        }
        for (const f of inCase) {
          if (f.category !== c.expect && f !== hit && !(c.also ?? []).includes(f.category)) {
            stat(f.category).fp += 1;
            misses.push(`FP(extra) ${c.label}: ${f.ruleId}`);
          }
        }
      }
      for (const f of findings) if (!used.has(f)) stat(f.category).fp += 1;
    }
    const rows = [...stats.entries()].sort().map(([k, s]) => ({
      category: k,
      precision: s.tp / Math.max(1, s.tp + s.fp),
      recall: s.tp / Math.max(1, s.tp + s.fn),
      ...s,
    }));
    const total = rows.reduce((a, r) => ({ tp: a.tp + r.tp, fp: a.fp + r.fp, fn: a.fn + r.fn }), {
      tp: 0,
      fp: 0,
      fn: 0,
    });
    console.log(`scanner corpus: ${cases.length} cases`);
    console.table(
      rows.map((r) => ({ ...r, precision: r.precision.toFixed(3), recall: r.recall.toFixed(3) })),
    );
    console.log(
      `overall precision ${(total.tp / (total.tp + total.fp)).toFixed(3)} recall ${(total.tp / (total.tp + total.fn)).toFixed(3)}`,
    );
    expect(misses.slice(0, 10)).toEqual([]);
    for (const r of rows) {
      expect(r.precision, `${r.category} precision`).toBeGreaterThanOrEqual(0.95);
      expect(r.recall, `${r.category} recall`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
