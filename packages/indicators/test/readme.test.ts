import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { pipelineFixturePath } from './pipeline-fixtures.js';

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
  const workDir = mkdtempSync(join(tmpdir(), 'rrr-indicators-readme-'));
  const startDir = process.cwd();
  afterAll(() => {
    process.chdir(startDir);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('is the code of test/readme-example.ts, verbatim', () => {
    expect(firstTsBlock(readFileSync(readmePath, 'utf8'))).toBe(readFileSync(examplePath, 'utf8'));
  });

  it('runs on real BTC/USDT 1m candles and prints what the README says', async () => {
    copyFileSync(
      pipelineFixturePath('binance_BTCUSDT_1m_2024-08-04T22_2024-08-06T02.csv.gz'),
      join(workDir, 'btcusdt-1m.csv.gz'),
    );
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    process.chdir(workDir);
    try {
      await import('./readme-example.js');
    } finally {
      process.chdir(startDir);
      log.mockRestore();
    }
    expect(lines).toEqual(readmeOutput());
    expect(lines[3]).toBe('features: 336 x 37, streaming row = batch row: true');
  });
});
