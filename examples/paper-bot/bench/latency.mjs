// Latency of the paper bot's hot path, measured during a full replay of the model's test period
// (2025-01-01 -> 2026-06-20, 12,850 real BTC/USDT hourly bars) with the shipped model in the loop:
//   bar close -> prediction       (venue step + fills applied + stops + features + ONNX inference)
//   bar close -> order at venue   (the above + Kelly sizing + RiskLimits pre-trade check + order stored as
//                                  pending_new in SQLite + PaperExchange acknowledgement)
// "Bar close" is the moment the replay hands the closed bar to the bot. Run: npm run bench -w @rrr/example-paper-bot
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, runPaperBot } from '../dist/index.js';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

function report(name, samples) {
  const s = [...samples].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} n=${String(s.length).padStart(6)}  p50 ${fmt(quantile(s, 0.5)).padStart(8)}  ` +
      `p90 ${fmt(quantile(s, 0.9)).padStart(8)}  p99 ${fmt(quantile(s, 0.99)).padStart(8)}  max ${fmt(s[s.length - 1]).padStart(8)}`,
  );
  return quantile(s, 0.99);
}

const dir = mkdtempSync(join(tmpdir(), 'paper-bot-bench-'));
try {
  const started = performance.now();
  const summary = await runPaperBot(loadConfig({ overrides: { stateDir: dir, status: 'off' } }));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `replay: ${summary.barsThisRun} bars in ${seconds.toFixed(1)} s (${(summary.barsThisRun / seconds).toFixed(0)} bars/s, ` +
      `including model load, audit fsyncs and the journal), ${summary.fills} fills`,
  );
  report('bar close -> prediction', summary.predictionLatencyMs);
  const p99 = report('bar close -> order at venue', summary.orderLatencyMs);
  console.log(`target p99 < 2 ms: ${p99 < 2 ? 'met' : 'NOT met'} on this machine (p99 ${fmt(p99)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
