import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureConsoleLog, readmeExampleCode, readmeExpectedOutput } from '../../../test-support/readme.js';

const readme = new URL('../README.md', import.meta.url);
const example = new URL('./readme-example.ts', import.meta.url);

describe('README example', () => {
  it('is the code of test/readme-example.ts, verbatim', () => {
    expect(readmeExampleCode(readme)).toBe(readFileSync(example, 'utf8'));
  });

  it('runs against a vault in a temp directory and prints what the README says', async () => {
    const lines = await captureConsoleLog(() => import('./readme-example.js'));
    expect(lines).toEqual(readmeExpectedOutput(readme));
    expect(lines[0]).toBe('Secret<ANTHROPIC_API_KEY> [REDACTED]');
    expect(lines).toContain('POLYGON_API_KEY: ok from env (plaintext)');
    // No printed line holds a secret value, raw or base64-encoded.
    const values = ['sk-ant-example-0000000000000000', 'example-polygon-key-000000000000'];
    const forms = values.flatMap((v) => [v, Buffer.from(v).toString('base64').slice(0, 20)]);
    for (const line of lines) for (const form of forms) expect(line).not.toContain(form);
  });
});
