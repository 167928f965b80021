import { readFileSync } from 'node:fs';
import * as indicators from '@rrr/indicators';
import { describe, expect, it, vi } from 'vitest';
import * as models from '../src/index.js';

/** The first ```ts block of the README, imports removed (they are passed in), data path made absolute. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no ts example');
  const data = new URL('../training/data/binance_BTCUSDT_1h.csv.gz', import.meta.url).pathname;
  return block
    .replace(/^import [\s\S]*?;$/gm, '')
    .replace("'training/data/binance_BTCUSDT_1h.csv.gz'", JSON.stringify(data));
}

type AsyncFn = new (...args: string[]) => (...values: unknown[]) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as AsyncFn;

describe('README example', () => {
  it('runs against the shipped model and prints what the README says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const run = new AsyncFunction(
      'computeFeatures',
      'DEFAULT_FEATURE_SPEC',
      'readOhlcvCsvFile',
      'loadBundledModel',
      readmeExample(),
    );
    await run(
      indicators.computeFeatures,
      indicators.DEFAULT_FEATURE_SPEC,
      indicators.readOhlcvCsvFile,
      models.loadBundledModel,
    );
    const printed = log.mock.calls.map((call) => call.join(' '));
    log.mockRestore();
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const comments = [
      ...(/```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '').matchAll(/console\.log\(.*\); \/\/ (.*)$/gm),
    ].map((m) => m[1]);
    expect(comments.length).toBe(2);
    expect(printed).toEqual(comments);
  });
});
