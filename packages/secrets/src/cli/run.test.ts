import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gen } from '../../test/fixtures/corpus.js';
import { createKeyFile } from '../vault/key-file.js';
import { type CliIo, runCli } from './run.js';

const g = new Gen(99);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rrr-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const gitIn = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      stdio: 'pipe',
    },
  );

describe('rrr-secrets scan', () => {
  let repo = '';
  const token = g.githubToken();
  const ignored = g.perplexity();
  const historic = g.anthropic();
  beforeAll(async () => {
    repo = join(dir, 'repo');
    await mkdir(join(repo, 'src'), { recursive: true });
    gitIn(repo, 'init', '-q');
    await writeFile(join(repo, 'src/old.ts'), `export const k = "${historic}";\n`);
    gitIn(repo, 'add', '.');
    gitIn(repo, 'commit', '-q', '-m', 'oops');
    await writeFile(join(repo, 'src/old.ts'), 'export const k = process.env.KEY;\n');
    await writeFile(join(repo, 'src/app.ts'), `const a = 1;\nconst t = "${token}";\n`);
    await writeFile(join(repo, '.gitignore'), 'secret.env\n');
    await writeFile(join(repo, 'secret.env'), `PERPLEXITY_API_KEY=${ignored}\n`);
    gitIn(repo, 'add', '.');
    gitIn(repo, 'commit', '-q', '-m', 'fix');
  });

  it('finds secrets in the working tree, skips .gitignored files and exits 1', async () => {
    const { code, stdout } = await cli(['scan', repo]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${repo}/src/app.ts:2:12`);
    expect(stdout).toContain('CRITICAL  github-token  ghp_********');
    expect(stdout).not.toContain('secret.env');
    expect(stdout).not.toContain(token.slice(4));
    expect(stdout).toContain('1 finding(s)');
  });

  it('scans git history on request and reports the commit', async () => {
    const { stdout } = await cli(['scan', repo, '--git-history', '--format', 'json']);
    const report = JSON.parse(stdout) as {
      findings: { ruleId: string; file: string; commit?: string; line: number }[];
    };
    const old = report.findings.find((f) => f.ruleId === 'anthropic-api-key');
    expect(old).toMatchObject({ file: 'src/old.ts', line: 1 });
    expect(old?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(stdout).not.toContain(historic.slice(14));
  });

  it('writes SARIF 2.1.0 with rule, level, location and fingerprint', async () => {
    const { stdout } = await cli(['scan', repo, '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const [result] = sarif.runs[0].results;
    expect(result).toMatchObject({
      ruleId: 'github-token',
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 2, startColumn: 12 } } }],
    });
    expect(sarif.runs[0].tool.driver.rules[0].id).toBe('github-token');
  });

  it('honours an allowlist file (by fingerprint, path and rule) and --fail-on', async () => {
    const { stdout } = await cli(['scan', repo, '--format', 'json']);
    const fp = JSON.parse(stdout).findings[0].fingerprint as string;
    await writeFile(join(repo, '.rrr-secrets-allowlist'), `# reviewed\nfingerprint ${fp}\n`);
    expect((await cli(['scan', repo])).code).toBe(0);
    await writeFile(join(repo, '.rrr-secrets-allowlist'), 'path src/**\n');
    expect((await cli(['scan', repo])).code).toBe(0);
    await writeFile(join(repo, '.rrr-secrets-allowlist'), 'rule github-token\n');
    expect((await cli(['scan', repo])).code).toBe(0);
    await writeFile(join(repo, '.rrr-secrets-allowlist'), 'bogus line\n');
    const bad = await cli(['scan', repo]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 1');
    await rm(join(repo, '.rrr-secrets-allowlist'));
    expect((await cli(['scan', join(repo, 'src/old.ts')])).code).toBe(0);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['scan', repo, '--format', 'xml'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['scan', repo, '--fail-on', 'urgent'])).code).toBe(2);
  });
});

describe('rrr-secrets vault commands, migrate and check', () => {
  it('set/get/list/rm through a key-file vault; list never prints values', async () => {
    const keyFile = join(dir, 'vault.key');
    const vault = join(dir, 'store', 'app.vault');
    expect((await cli(['keygen', keyFile])).code).toBe(0);
    const env = { RRR_VAULT_KEY_FILE: keyFile, RRR_VAULT_PATH: vault };
    const set = await cli(['set', 'API_TOKEN', '--rotate-by', '2000-01-01'], {
      env,
      stdin: 'tok-value-123\n',
    });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('rotate by 2000-01-01');
    expect((await stat(vault)).mode & 0o777).toBe(0o600);
    expect(await cli(['get', 'API_TOKEN'], { env })).toMatchObject({ code: 0, stdout: 'tok-value-123' });
    const list = await cli(['list'], { env });
    expect(list.code, 'stale secret makes list exit 1').toBe(1);
    expect(list.stdout).toContain('API_TOKEN');
    expect(list.stdout).toContain('STALE (rotate_by_passed)');
    expect(list.stdout).not.toContain('tok-value-123');
    expect((await cli(['rm', 'API_TOKEN'], { env })).code).toBe(0);
    expect((await cli(['get', 'API_TOKEN'], { env })).code).toBe(1);
    const noKey = await cli(['get', 'API_TOKEN'], { env: { RRR_VAULT_PATH: vault } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('no vault key');
    const wrong = await cli(['list'], {
      env: { ...env, RRR_VAULT_KEY_FILE: '', RRR_VAULT_PASSPHRASE: 'nope' },
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('vault_wrong_key');
  });

  it('migrates a .env into the vault, then check passes once values are out of plaintext', async () => {
    const work = join(dir, 'app');
    await mkdir(work, { recursive: true });
    const keyFile = join(dir, 'app.key');
    await createKeyFile(keyFile);
    const env = { RRR_VAULT_KEY_FILE: keyFile, RRR_VAULT_PATH: join(work, '.rrr', 'secrets.vault') };
    const envFile = join(work, '.env');
    const perplexity = g.perplexity();
    await writeFile(envFile, `PERPLEXITY_API_KEY=${perplexity}\nLOG_LEVEL=info\n`, { mode: 0o644 });
    const schemaFile = join(dir, 'schema.json');
    await writeFile(
      schemaFile,
      JSON.stringify({
        secrets: { PERPLEXITY_API_KEY: { pattern: '^pplx-' }, OPTIONAL_X: { required: false } },
      }),
    );
    const checkArgs = ['check', '--schema', schemaFile, '--env-file', envFile, '--scan', work];

    const before = await cli(checkArgs, { env });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('FAIL  no secret resolves from a plaintext source');
    expect(before.stdout).toMatch(/FAIL {2}no plaintext secret in/);
    expect(before.stdout).toContain('perplexity-api-key');
    expect(before.stdout).toMatch(/FAIL {2}secret files are private\n.*mode 0644/);
    expect(before.stdout).not.toContain(perplexity.slice(5));

    const moved = await cli(['migrate', envFile, '--to', 'vault', '--only', 'PERPLEXITY_API_KEY'], { env });
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('moved PERPLEXITY_API_KEY -> vault:');
    expect(await readFile(envFile, 'utf8')).not.toContain(perplexity);
    expect(await readFile(`${envFile}.rrr-backup`, 'utf8')).toContain(perplexity);
    await chmod(envFile, 0o600);
    const stillBackup = await cli(checkArgs, { env });
    expect(stillBackup.code, 'the unconfirmed backup is still a plaintext secret in the tree').toBe(1);
    expect((await cli(['migrate', envFile, '--to', 'vault', '--confirm'], { env })).code).toBe(0);

    const after = await cli(checkArgs, { env });
    expect(after.stdout).toContain('PASS  2/2 declared secrets resolve');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('ready');
    expect((await cli(['get', 'PERPLEXITY_API_KEY'], { env })).stdout).toBe(perplexity);
  });
});
