import { describe, expect, it } from 'vitest';
import { isFindingAllowed, isPathAllowed, parseAllowlist } from './allowlist.js';
import { globToRegExp } from './glob.js';
import type { Finding } from './types.js';

describe('globToRegExp', () => {
  it('matches ** across directories, * and ? within a segment, bare names at any depth', () => {
    const cases: Array<[string, string, boolean]> = [
      ['test/fixtures/**', 'test/fixtures/a/b.txt', true],
      ['test/fixtures/**', 'src/test/fixtures/a.txt', false],
      ['**/fixtures/**', 'src/test/fixtures/a.txt', true],
      ['src/*.ts', 'src/a.ts', true],
      ['src/*.ts', 'src/deep/a.ts', false],
      ['*.pem', 'keys/deep/server.pem', true],
      ['file?.env', 'file1.env', true],
      ['file?.env', 'file12.env', false],
      ['docs', 'docs/guide.md', true],
      ['a.b', 'axb', false],
    ];
    for (const [glob, path, expected] of cases)
      expect(globToRegExp(glob).test(path), `${glob} vs ${path}`).toBe(expected);
  });
});

describe('parseAllowlist', () => {
  const finding: Finding = {
    ruleId: 'generic-high-entropy',
    category: 'generic',
    severity: 'low',
    file: 'docs/example.md',
    line: 1,
    column: 1,
    preview: 'ab******** (30 chars)',
    fingerprint: '0123456789abcdef',
    message: 'm',
  };

  it('parses path, fingerprint and rule entries with comments, and applies them', () => {
    const allow = parseAllowlist(
      [
        '# reviewed 2026-01-02',
        'path vendor/**',
        'fingerprint 0123456789abcdef  # rotated',
        'rule jwt tests/**',
        '',
      ].join('\n'),
    );
    expect(isPathAllowed(allow, 'vendor/lib/x.js')).toBe(true);
    expect(isPathAllowed(allow, 'src/x.js')).toBe(false);
    expect(isFindingAllowed(allow, finding)).toBe(true);
    expect(isFindingAllowed(allow, { ...finding, fingerprint: 'ffffffffffffffff' })).toBe(false);
    expect(
      isFindingAllowed(allow, { ...finding, fingerprint: 'f'.repeat(16), ruleId: 'jwt', file: 'tests/a.ts' }),
    ).toBe(true);
    expect(
      isFindingAllowed(allow, { ...finding, fingerprint: 'f'.repeat(16), ruleId: 'jwt', file: 'src/a.ts' }),
    ).toBe(false);
  });

  it('rejects malformed lines naming the file and line', () => {
    expect(() => parseAllowlist('path a/**\nfingerprint XYZ\n', 'allow.txt')).toThrow(/allow\.txt line 2/);
  });
});
