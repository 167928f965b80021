import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../src/config/load.js';
import { createMetrics } from '../src/server/metrics.js';
import { runCli } from './cli-support.js';

// The Docker files cannot be run here (no Docker on this machine); these checks keep them consistent with the bot.
const deployDir = fileURLToPath(new URL('../deploy/', import.meta.url));
const deploy = (path: string) => join(deployDir, path);

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
}

/** Docker Compose variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?error}`) with a given environment. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (op === '?') throw new Error(`compose would refuse to start: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

const compose = parseYaml(readFileSync(deploy('docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const bot = compose.services['bot'] as Service;
const PASSWORD = 'compose-pw-5e8d1a';

/** The bot service's command with container paths of bind mounts replaced by the files in deploy/. */
function hostCommand(): string[] {
  const mounts = (bot.volumes ?? [])
    .filter((v) => v.startsWith('./'))
    .map((v) => {
      const [source = '', target = ''] = v.split(':');
      return { source: deploy(source), target };
    });
  return (bot.command ?? []).map((arg) => mounts.find((m) => m.target === arg)?.source ?? arg);
}

describe('deploy/', () => {
  it('the container configuration is valid and serves on all interfaces', () => {
    const config = loadConfig({ file: deploy('paper-bot.json') });
    expect(config.server).toEqual({ enabled: true, host: '0.0.0.0', port: 9464 });
    expect(config.stateDir).toBe('/data');
    const text = readFileSync(deploy('docker-compose.yml'), 'utf8');
    expect(text).toContain('- ./paper-bot.json:/etc/paper-bot/paper-bot.json:ro');
    expect(text).toContain('- bot-state:/data');
    expect(readFileSync(deploy('prometheus.yml'), 'utf8')).toContain('targets: ["bot:9464"]');
    const dockerfile = readFileSync(deploy('Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["--config", "/etc/paper-bot/paper-bot.json"]');
    expect(dockerfile).toContain('USER node');
  });

  it('the compose file parses and runs bot, PostgreSQL, Prometheus and Grafana from files that exist', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'grafana', 'postgres', 'prometheus']);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('./')) expect(existsSync(deploy(source)), `${name}: ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name}: named volume ${source}`).toContain(source);
      }
    }
    const context = resolve(deployDir, bot.build?.context ?? '');
    expect(existsSync(join(context, 'package-lock.json')), 'build context is the workspace root').toBe(true);
    const dockerfile = join(context, bot.build?.dockerfile ?? '');
    expect(dockerfile).toBe(deploy('Dockerfile'));
    expect(existsSync(`${dockerfile}.dockerignore`), 'BuildKit reads <Dockerfile>.dockerignore').toBe(true);
    const copies = readFileSync(dockerfile, 'utf8')
      .split('\n')
      .filter((line) => /^COPY /.test(line) && !line.includes('--from='))
      .map((line) => line.split(/\s+/).slice(1, -1));
    expect(copies.length).toBeGreaterThan(0);
    for (const sources of copies)
      for (const source of sources) expect(existsSync(join(context, source)), source).toBe(true);
    const manifest = JSON.parse(
      readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    ) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts['build'], 'the image runs dist/cli.js').toContain('--entry.cli src/cli.ts');
    const datasource = readFileSync(deploy('grafana/provisioning/datasources/prometheus.yml'), 'utf8');
    expect(datasource).toContain('url: http://prometheus:9090');
    expect(compose.services['prometheus']?.ports).toEqual(['127.0.0.1:9090:9090']);
  });

  it('the bot connects to the compose PostgreSQL service as its owner, once it is healthy', () => {
    const postgres = compose.services['postgres'] as Service;
    const env = { POSTGRES_PASSWORD: PASSWORD };
    const url = new URL(interpolate(bot.environment?.['PAPER_BOT_DATABASE_URL'] ?? '', env));
    expect(url.protocol).toBe('postgresql:');
    expect(url.hostname, 'the service name').toBe('postgres');
    expect(url.username).toBe(postgres.environment?.['POSTGRES_USER']);
    expect(url.pathname).toBe(`/${postgres.environment?.['POSTGRES_DB']}`);
    expect(url.password).toBe(interpolate(postgres.environment?.['POSTGRES_PASSWORD'] ?? '', env));
    expect(() => interpolate(postgres.environment?.['POSTGRES_PASSWORD'] ?? '', {})).toThrow(
      /set POSTGRES_PASSWORD/,
    );
    expect(bot.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready -U paperbot -d paperbot');
  });

  it("the bot's compose command and environment are accepted by the CLI (PostgreSQL mode, URL redacted)", async () => {
    const environment = Object.fromEntries(
      Object.entries(bot.environment ?? {}).map(([k, v]) => [
        k,
        interpolate(v, { POSTGRES_PASSWORD: PASSWORD }),
      ]),
    );
    const { code, output } = await runCli([...hostCommand(), '--print-config'], environment);
    expect(output).not.toContain(PASSWORD);
    expect(code, output).toBe(0);
    const printed = JSON.parse(output) as { store: unknown; server: unknown; stateDir: string };
    expect(printed.store).toEqual({ kind: 'postgres', url: '[REDACTED]' });
    expect(printed.server).toEqual({ enabled: true, host: '0.0.0.0', port: 9464 });
    expect(printed.stateDir).toBe('/data');
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
