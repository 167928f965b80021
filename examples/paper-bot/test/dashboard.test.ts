import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runPaperBot } from '../src/bot/run.js';
import { BotServer } from '../src/server/server.js';
import { removeTempDirs, tempDir, testConfig } from './support.js';

/** The part of the browser's DOM the page functions below use (this project compiles without the DOM lib). */
declare const document: { getElementById(id: string): { textContent: string | null } | null };

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

afterAll(removeTempDirs);

describe('dashboard and metrics', () => {
  it('serves /metrics and a dashboard that loads without console errors and updates as bars arrive', async () => {
    const server = await BotServer.listen('127.0.0.1', 0);
    const controller = new AbortController();
    const userDataDir = mkdtempSync(join(tmpdir(), 'paper-bot-chromium-'));
    const browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      args: LAUNCH_ARGS,
    });
    const run = runPaperBot(testConfig(tempDir(), { speed: 150 }), {
      signal: controller.signal,
      onStart: ({ metrics, state }) => server.attach(metrics, state),
      onBar: (state) => server.publish(state),
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => document.getElementById('conn')?.textContent === 'live');
      const barsText = async () => (await page.textContent('#bars')) ?? '';
      await page.waitForFunction(() =>
        /^\d+ \/ 1416$/.test(document.getElementById('bars')?.textContent ?? ''),
      );
      const first = Number((await barsText()).split(' ')[0]);
      await page.waitForFunction(
        (n) => Number((document.getElementById('bars')?.textContent ?? '0').split(' ')[0]) >= n + 30,
        first,
      );
      const second = Number((await barsText()).split(' ')[0]);
      expect(second).toBeGreaterThanOrEqual(first + 30);
      const position = page.locator('#positions tr').first().locator('td');
      expect(await position.nth(0).textContent()).toBe('BTC/USDT');
      expect(await position.nth(1).textContent()).toMatch(/^\d+\.\d{2}$/);
      expect(await page.textContent('#cash')).toMatch(/^\d+\.\d{2}$/);
      expect(await page.locator('#predictions tr').count()).toBeGreaterThan(0);
      const points = (await page.getAttribute('#equityLine', 'points')) ?? '';
      expect(points.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(problems).toEqual([]);

      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const bars = Number(/^paperbot_bars_processed_total (\d+)$/m.exec(metrics)?.[1]);
      expect(bars).toBeGreaterThanOrEqual(second);
      expect(metrics).toMatch(/^paperbot_equity \d+(\.\d+)?$/m);
      expect(metrics).toMatch(/^paperbot_bar_to_prediction_seconds_count \d+$/m);
      expect(metrics).toMatch(
        /^paperbot_signals_total\{symbol="BTC\/USDT",direction="(up|down|flat|hold)"\} \d+$/m,
      );
      expect(metrics).toMatch(/^paperbot_price\{symbol="BTC\/USDT"\} \d+(\.\d+)?$/m);
      const state = (await (await fetch(`${server.url}/state`)).json()) as {
        symbols: string[];
        positions: { symbol: string; price: number }[];
        barsProcessed: number;
      };
      expect(state.symbols).toEqual(['BTC/USDT']);
      expect(state.positions.map((p) => p.symbol)).toEqual(['BTC/USDT']);
      expect(state.barsProcessed).toBeGreaterThanOrEqual(second);
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    } finally {
      controller.abort();
      await run;
      await browser.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
