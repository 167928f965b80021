import { type ParseArgsConfig, parseArgs } from 'node:util';
import { checkReadiness } from '../check/readiness.js';
import { loadSchemaFile } from '../check/schema-file.js';
import { isSecretsError } from '../errors.js';
import { confirmMigration, migrateDotenv } from '../migrate/migrate.js';
import { DotenvProvider, EnvProvider } from '../providers/env-provider.js';
import type { SecretMetadata, SecretProvider } from '../providers/provider.js';
import { systemClock } from '../providers/provider.js';
import { findStaleSecrets } from '../providers/stale.js';
import { formatScanReport, type ReportFormat } from '../scanner/format.js';
import { scanPaths } from '../scanner/scan-paths.js';
import { type Severity, severityRank } from '../scanner/types.js';
import { FileVault } from '../vault/file-vault.js';
import { createKeyFile } from '../vault/key-file.js';
import { openStore, type StoreFlags, vaultKey, vaultPath } from './store.js';

/** What the CLI talks to; injectable for tests. @internal */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes of `rrr-secrets`. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

const USAGE = `rrr-secrets <command>

  scan [paths...] [--git-history] [--format text|json|sarif] [--fail-on low|medium|high|critical]
                  [--allowlist <file>] [--no-generic]
  check --schema <file> [--env-file .env] [--scan <path>]... [--no-scan] [--keychain] [--fail-on <severity>]
  migrate <file.env> --to vault|keychain [--only A,B] [--confirm]
  get <NAME>            print the value (explicit reveal)
  set <NAME> [--rotate-by YYYY-MM-DD]   value read from stdin, never from argv
  rm <NAME>
  list [--format text|json] [--max-age-days N]   names and metadata, never values
  keygen <path>         create a random 32-byte vault key file (0600)

Store flags: --store vault|keychain, --vault <path> (or RRR_VAULT_PATH, default .rrr/secrets.vault),
--key-file <path> (or RRR_VAULT_KEY_FILE), or RRR_VAULT_PASSPHRASE; --service <name> for the keychain.
Exit codes: 0 ok, 1 findings / check failed / not found, 2 usage or error.
`;

const storeOptions = {
  store: { type: 'string' },
  vault: { type: 'string' },
  'key-file': { type: 'string' },
  service: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

const severity = (value: string | undefined, fallback: Severity): Severity => {
  if (value === undefined) return fallback;
  const found = SEVERITIES.find((s) => s === value);
  if (found === undefined)
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${value}")`);
  return found;
};

class UsageError extends Error {}

const date = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString().slice(0, 10));

/**
 * Runs the `rrr-secrets` command line and returns its exit code.
 *
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'migrate':
        return await migrateCommand(rest, io);
      case 'get':
      case 'set':
      case 'rm':
      case 'list':
        return await storeCommand(command, rest, io);
      case 'keygen': {
        const [path] = parseArgs({ args: rest, allowPositionals: true, options: {} }).positionals;
        if (path === undefined) throw new UsageError('keygen needs a path');
        await createKeyFile(path);
        io.stdout(`created key file ${path} (mode 0600); keep it out of the repository\n`);
        return ExitCode.ok;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? ExitCode.usage : ExitCode.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      io.stderr(`rrr-secrets: ${(error as Error).message}\n\n${USAGE}`);
      return ExitCode.usage;
    }
    if (isSecretsError(error)) {
      io.stderr(`rrr-secrets: ${error.message} [${error.code}]\n`);
      return ExitCode.usage;
    }
    io.stderr(`rrr-secrets: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.usage;
  }
}

async function scanCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'git-history': { type: 'boolean' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      allowlist: { type: 'string' },
      'no-generic': { type: 'boolean' },
    },
  });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  }
  const failOn = severity(values['fail-on'], 'medium');
  const result = await scanPaths(positionals.length > 0 ? positionals : ['.'], {
    gitHistory: values['git-history'] === true,
    noGeneric: values['no-generic'] === true,
    ...(values.allowlist === undefined ? {} : { allowlistPath: values.allowlist }),
  });
  io.stdout(formatScanReport(result, format as ReportFormat));
  const failing = result.findings.some((f) => severityRank[f.severity] >= severityRank[failOn]);
  return failing ? ExitCode.findings : ExitCode.ok;
}

async function checkCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...storeOptions,
      schema: { type: 'string' },
      'env-file': { type: 'string' },
      scan: { type: 'string', multiple: true },
      'no-scan': { type: 'boolean' },
      keychain: { type: 'boolean' },
      'fail-on': { type: 'string' },
    },
  });
  if (values.schema === undefined) throw new UsageError('check needs --schema <file>');
  const { schema, maxAgeMs } = await loadSchemaFile(values.schema);
  const providers: SecretProvider[] = [];
  const privateFiles: string[] = [];
  if (values.keychain === true) providers.push(await openStore({ ...values, store: 'keychain' }, io.env));
  const key = vaultKey(values, io.env);
  const vault = vaultPath(values, io.env);
  if (key !== undefined) {
    providers.push(new FileVault({ path: vault, key }));
    if ('keyFile' in key) privateFiles.push(key.keyFile);
  }
  privateFiles.push(vault);
  const envFile = values['env-file'] ?? '.env';
  providers.push(new EnvProvider({ env: io.env }), new DotenvProvider(envFile));
  privateFiles.push(envFile);
  const report = await checkReadiness({
    schema,
    providers,
    scanPaths: values['no-scan'] === true ? [] : (values.scan ?? ['.']),
    failOn: severity(values['fail-on'], 'medium'),
    privateFiles,
    clock: systemClock,
    ...(maxAgeMs === undefined ? {} : { maxAgeMs }),
  });
  for (const check of report.checks) {
    io.stdout(`${check.ok ? 'PASS' : 'FAIL'}  ${check.title}\n`);
    for (const d of check.details) io.stdout(`      ${d}\n`);
  }
  io.stdout(report.ok ? 'ready\n' : 'not ready\n');
  return report.ok ? ExitCode.ok : ExitCode.findings;
}

async function migrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...storeOptions,
      to: { type: 'string' },
      only: { type: 'string' },
      confirm: { type: 'boolean' },
    },
  });
  const [file] = positionals;
  if (file === undefined) throw new UsageError('migrate needs the .env file to migrate');
  if (values.to !== 'vault' && values.to !== 'keychain')
    throw new UsageError('migrate needs --to vault|keychain');
  const target = await openStore({ ...values, store: values.to }, io.env);
  if (values.confirm === true) {
    const verified = await confirmMigration(file, target);
    io.stdout(`verified ${verified.length} secret(s) in ${target.name}; backup ${file}.rrr-backup deleted\n`);
    return ExitCode.ok;
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const result = await migrateDotenv({ file, target, ...(only === undefined ? {} : { only }) });
  if (result.moved.length === 0) {
    io.stdout(`nothing to migrate in ${file}\n`);
    return ExitCode.ok;
  }
  for (const name of result.moved) io.stdout(`moved ${name} -> ${target.name}\n`);
  if (result.kept.length > 0) io.stdout(`kept in ${file}: ${result.kept.join(', ')}\n`);
  io.stdout(
    `backup of the original file: ${result.backupPath} (mode 0600). Check your app, then run:\n  rrr-secrets migrate ${file} --to ${values.to} --confirm\n`,
  );
  return ExitCode.ok;
}

async function storeCommand(
  command: 'get' | 'set' | 'rm' | 'list',
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...storeOptions,
      'rotate-by': { type: 'string' },
      format: { type: 'string' },
      'max-age-days': { type: 'string' },
    },
  });
  const store = await openStore(values as StoreFlags, io.env);
  const [name] = positionals;
  if (command === 'list') return listCommand(store, values, io);
  if (name === undefined) throw new UsageError(`${command} needs a secret name`);
  if (command === 'get') {
    const entry = await store.get(name);
    if (entry === undefined) {
      io.stderr(`rrr-secrets: ${name} not found in ${store.name}\n`);
      return ExitCode.findings;
    }
    io.stdout(entry.value.reveal());
    return ExitCode.ok;
  }
  if (command === 'rm') {
    const existed = await store.delete(name);
    io.stdout(existed ? `removed ${name} from ${store.name}\n` : `${name} was not in ${store.name}\n`);
    return existed ? ExitCode.ok : ExitCode.findings;
  }
  const value = (await io.readStdin()).replace(/\r?\n$/, '');
  if (value === '') throw new UsageError('set reads the value from stdin, and stdin was empty');
  let rotateBy: number | undefined;
  if (values['rotate-by'] !== undefined) {
    rotateBy = Date.parse(values['rotate-by']);
    if (Number.isNaN(rotateBy))
      throw new UsageError(`--rotate-by must be a date like 2026-06-30 (got "${values['rotate-by']}")`);
  }
  const meta = await store.set(name, value, rotateBy === undefined ? {} : { rotateBy });
  io.stdout(
    `stored ${name} in ${store.name} (rotated ${date(meta.rotatedAt)}, rotate by ${date(meta.rotateBy)})\n`,
  );
  return ExitCode.ok;
}

async function listCommand(
  store: SecretProvider,
  values: { format?: string | undefined; 'max-age-days'?: string | undefined },
  io: CliIo,
): Promise<number> {
  const metas = await store.list();
  const maxAge =
    values['max-age-days'] === undefined ? undefined : Number(values['max-age-days']) * 86_400_000;
  if (maxAge !== undefined && !(maxAge > 0)) throw new UsageError('--max-age-days must be a positive number');
  const stale = new Map(
    findStaleSecrets(metas, systemClock.now(), maxAge).map((s) => [s.metadata.name, s.reason]),
  );
  if (values.format === 'json') {
    io.stdout(
      `${JSON.stringify(
        metas.map((m: SecretMetadata) => ({ ...m, stale: stale.get(m.name) ?? null })),
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(`${metas.length} secret(s) in ${store.name}\n`);
    for (const m of metas) {
      const flag = stale.has(m.name) ? `  STALE (${stale.get(m.name)})` : '';
      io.stdout(
        `  ${m.name}  created ${date(m.createdAt)}  rotated ${date(m.rotatedAt)}  rotate-by ${date(m.rotateBy)}${flag}\n`,
      );
    }
  }
  return stale.size > 0 ? ExitCode.findings : ExitCode.ok;
}
