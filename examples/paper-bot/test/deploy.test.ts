import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { createMetrics } from '../src/server/metrics.js';

// The Docker files cannot be run here (no Docker on this machine); these checks keep them consistent with the bot.
const deploy = (path: string) => fileURLToPath(new URL(`../deploy/${path}`, import.meta.url));

describe('deploy/', () => {
  it('the container configuration is valid and serves on all interfaces', () => {
    const config = loadConfig({ file: deploy('paper-bot.json') });
    expect(config.server).toEqual({ enabled: true, host: '0.0.0.0', port: 9464 });
    expect(config.stateDir).toBe('/data');
    const compose = readFileSync(deploy('docker-compose.yml'), 'utf8');
    expect(compose).toContain('- ./paper-bot.json:/etc/paper-bot/paper-bot.json:ro');
    expect(compose).toContain('- bot-state:/data');
    expect(readFileSync(deploy('prometheus.yml'), 'utf8')).toContain('targets: ["bot:9464"]');
    const dockerfile = readFileSync(deploy('Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["--config", "/etc/paper-bot/paper-bot.json"]');
    expect(dockerfile).toContain('USER node');
  });

  it('every metric the Grafana dashboard queries is one the bot exports', async () => {
    const dashboard = JSON.parse(readFileSync(deploy('grafana/dashboards/paper-bot.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const used = new Set(exprs.flatMap((e) => e.match(/paperbot_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThanOrEqual(9);
    const exported = await createMetrics().registry.metrics();
    for (const name of used) {
      const family = name.replace(/_bucket$/, '');
      const type = name === family ? '(counter|gauge)' : 'histogram';
      expect(exported, name).toMatch(new RegExp(`^# TYPE ${family} ${type}$`, 'm'));
    }
  });
});
