import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureConsoleLog, readmeExampleCode, readmeExpectedOutput } from '../../../test-support/readme.js';
import { pipelineFixturePath } from './pipeline-fixtures.js';

const readme = new URL('../README.md', import.meta.url);
const example = new URL('./readme-example.ts', import.meta.url);

describe('README example', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'rrr-indicators-readme-'));
  const startDir = process.cwd();
  afterAll(() => {
    process.chdir(startDir);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('is the code of test/readme-example.ts, verbatim', () => {
    expect(readmeExampleCode(readme)).toBe(readFileSync(example, 'utf8'));
  });

  it('runs on real BTC/USDT 1m candles and prints what the README says', async () => {
    copyFileSync(
      pipelineFixturePath('binance_BTCUSDT_1m_2024-08-04T22_2024-08-06T02.csv.gz'),
      join(workDir, 'btcusdt-1m.csv.gz'),
    );
    process.chdir(workDir);
    const lines = await captureConsoleLog(() => import('./readme-example.js')).finally(() =>
      process.chdir(startDir),
    );
    expect(lines).toEqual(readmeExpectedOutput(readme));
    expect(lines[3]).toBe('features: 336 x 37, streaming row = batch row: true');
  });
});
