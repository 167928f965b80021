import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { describe, expect, it, vi } from 'vitest';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const examplePath = fileURLToPath(new URL('./readme-example.ts', import.meta.url));

/** The first ```ts block of the README. */
function firstTsBlock(markdown: string): string {
  const match = /```ts\n([\s\S]*?)```/.exec(markdown);
  if (match?.[1] === undefined) throw new Error('README.md has no ```ts block');
  return match[1];
}

/** The lines of the README's ```text block that shows the example's output. */
function readmeOutput(): string[] {
  const match = /```text\n([\s\S]*?)```/.exec(readFileSync(readmePath, 'utf8'));
  if (match?.[1] === undefined) throw new Error('README.md has no ```text output block');
  return match[1].trimEnd().split('\n');
}

describe('README example', () => {
  it('is the code of test/readme-example.ts, verbatim', () => {
    expect(firstTsBlock(readFileSync(readmePath, 'utf8'))).toBe(readFileSync(examplePath, 'utf8'));
  });

  it('runs against a vault in a temp directory and prints what the README says', async () => {
    const lines: string[] = [];
    // `format` is what console.log uses, so the captured lines are what a user sees.
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(...format(...args).split('\n'));
    });
    try {
      await import('./readme-example.js');
    } finally {
      log.mockRestore();
    }
    expect(lines).toEqual(readmeOutput());
    expect(lines[0]).toBe('Secret<ANTHROPIC_API_KEY> [REDACTED]');
    expect(lines).toContain('POLYGON_API_KEY: ok from env (plaintext)');
    // No printed line holds a secret value, raw or base64-encoded.
    const values = ['sk-ant-example-0000000000000000', 'example-polygon-key-000000000000'];
    const forms = values.flatMap((v) => [v, Buffer.from(v).toString('base64').slice(0, 20)]);
    for (const line of lines) for (const form of forms) expect(line).not.toContain(form);
  });
});
