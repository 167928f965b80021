import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headSeries, loadFile } from '../src/data/bars.js';
import { DEFAULT_BTC_FILE } from '../src/data/default-data.js';
import { manifestOf, readManifest, runManifest } from '../src/report/manifest.js';
import { writeOutputs } from '../src/report/write.js';
import { runFiles } from '../src/run.js';

const out = mkdtempSync(join(tmpdir(), 'backtester-report-'));
const file = loadFile(DEFAULT_BTC_FILE);
const run = runFiles([{ ...file, series: headSeries(file.series, 2000) }], {
  strategy: 'donchian',
  params: { stopLossPct: 0.006, takeProfitPct: 0.006 },
});
const files = writeOutputs(run, out);

describe('output files', () => {
  it('trades CSV has one row per trade with the documented columns', () => {
    const lines = readFileSync(files.trades, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'symbol,entry_time,entry_price,exit_time,exit_price,quantity,fees,pnl,return_pct,exit_reason,same_bar_ambiguous',
    );
    expect(lines.length - 1).toBe(run.result.trades.length);
    expect(run.result.trades.length).toBeGreaterThan(10);
  });

  it('equity CSV has one row per step and ends at the final equity', () => {
    const lines = readFileSync(files.equity, 'utf8').trim().split('\n');
    expect(lines.length - 1).toBe(2000);
    const last = lines[lines.length - 1]?.split(',') ?? [];
    expect(Number(last[1])).toBeCloseTo(run.summary.strategy.finalEquity, 6);
  });

  it('manifest records hash, config and seed, and reproduces identical trades', () => {
    const manifest = readManifest(files.manifest);
    expect(manifest.data[0]?.sha256).toBe(file.sha256);
    expect(manifest.config.params).toEqual({ entry: 20, exit: 10, stopLossPct: 0.006, takeProfitPct: 0.006 });
    expect(manifest.seed).toBe(1);
    expect(manifest.data[0]?.bars).toBe(2000);
    const again = runManifest(readManifest(files.manifest));
    expect(again.result.trades).toEqual(run.result.trades);
    expect(
      again.result.fills.map((f) => [f.tradeId, f.price.toString(), f.quantity.toString(), f.fee.toString()]),
    ).toEqual(
      run.result.fills.map((f) => [f.tradeId, f.price.toString(), f.quantity.toString(), f.fee.toString()]),
    );
    expect(Array.from(again.result.equity)).toEqual(Array.from(run.result.equity));
    expect(manifestOf(again).data).toEqual(manifest.data);
  });

  it('a manifest whose data hash differs is refused', () => {
    const manifest = readManifest(files.manifest);
    const tampered = { ...manifest, data: manifest.data.map((d) => ({ ...d, sha256: '0'.repeat(64) })) };
    expect(() => runManifest(tampered)).toThrow(/sha256 .* the manifest recorded 0000/);
  });
});

describe('HTML report in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;
  beforeAll(async () => {
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'backtester-chromium-')), {
      viewport: { width: 1100, height: 900 },
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors or requests and renders the charts', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(files.report).href);
    for (const id of ['equity-chart', 'drawdown-chart', 'monthly-heatmap']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box?.width ?? 0, id).toBeGreaterThan(300);
      expect(box?.height ?? 0, id).toBeGreaterThan(50);
    }
    const pathLength = await page
      .locator('#equity-chart path.series')
      .first()
      .evaluate((p) => (p as unknown as { getTotalLength(): number }).getTotalLength());
    expect(pathLength).toBeGreaterThan(500);
    // 2000 hourly bars from 2024-01-01: January, February and part of March
    expect(await page.locator('#monthly-heatmap rect.month').count()).toBe(3);
    expect(await page.locator('table').nth(2).locator('tbody tr').count()).toBe(run.result.trades.length);
    expect(await page.locator('#same-bar').textContent()).toContain(
      `${run.sameBar.ambiguousBars} bars reached both`,
    );
    const shot = join(out, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);
});
