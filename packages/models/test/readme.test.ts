import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as models from '../src/index.js';

/** The first ```ts block of the README, with its package import rewritten to the source under test. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no ts example');
  return block.replace(/^import .*$/gm, '');
}

describe('README example', () => {
  it('runs and prints what the README says', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    new Function('ModelError', 'isModelError', readmeExample())(models.ModelError, models.isModelError);
    expect(log).toHaveBeenCalledWith(true, 'invalid_argument');
    log.mockRestore();
  });
});
