import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureConsoleLog, readmeExampleCode, readmeExpectedOutput } from '../../../test-support/readme.js';

const readme = new URL('../README.md', import.meta.url);
const example = new URL('./readme-example.ts', import.meta.url);

describe('README example', () => {
  it('is the code of test/readme-example.ts, verbatim', () => {
    expect(readmeExampleCode(readme)).toBe(readFileSync(example, 'utf8'));
  });

  it('runs against a JSONL log in a temp directory and prints what the README says', async () => {
    const lines = await captureConsoleLog(() => import('./readme-example.js'));
    expect(lines).toEqual(readmeExpectedOutput(readme));
    expect(lines[0]).toBe('retried fill-o1: duplicate=true, seq 3');
    expect(lines[1]).toMatch(/^invalid_event: field "payload\.quantity" /);
    expect(lines.at(-1)).toMatch(/^chain intact: 4 records, head #4 [0-9a-f]{8}$/);
  });
});
