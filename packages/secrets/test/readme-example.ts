import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKeyFile,
  EnvProvider,
  FileVault,
  findStaleSecrets,
  isSecretsError,
  Redactor,
  SecretsManager,
} from '@rrr/secrets';
import { z } from 'zod';

// Declare the secrets the application needs, with their formats.
const schema = z.object({
  ANTHROPIC_API_KEY: z.string().startsWith('sk-ant-'),
  POLYGON_API_KEY: z.string().length(32),
  PERPLEXITY_API_KEY: z.string().startsWith('pplx-').optional(),
});

// An encrypted vault unlocked by a key file (`rrr-secrets keygen` writes one; keep it out of the repository).
const directory = await mkdtemp(join(tmpdir(), 'rrr-secrets-'));
await createKeyFile(join(directory, 'vault.key'));
const clock = { now: () => Date.UTC(2026, 0, 15) }; // injected time for created/rotate-by dates
const vault = new FileVault({
  path: join(directory, 'app.vault'),
  key: { keyFile: join(directory, 'vault.key') },
  clock,
});
await vault.set('ANTHROPIC_API_KEY', 'sk-ant-example-0000000000000000', {
  rotateBy: Date.UTC(2026, 0, 1),
});

// Providers are asked in order: the vault first, then the environment (here an explicit object).
const env = { POLYGON_API_KEY: 'example-polygon-key-000000000000', PERPLEXITY_API_KEY: '' };
const manager = new SecretsManager({ schema, providers: [vault, new EnvProvider({ env })], clock });

// Typed: POLYGON_API_KEY is a Secret, PERPLEXITY_API_KEY is Secret | undefined (empty counts as absent).
const secrets = await manager.resolve();
console.log(secrets.ANTHROPIC_API_KEY);
console.log(`in a template: ${secrets.POLYGON_API_KEY}, as JSON: ${JSON.stringify(secrets)}`);
console.log(`PERPLEXITY_API_KEY: ${secrets.PERPLEXITY_API_KEY === undefined ? 'not set' : 'set'}`);
const headers = { 'x-api-key': secrets.ANTHROPIC_API_KEY.reveal() }; // reveal() only where the value is used

// Where each secret came from; environment values are flagged as plaintext.
for (const status of await manager.report()) {
  const from = status.metadata === undefined ? '' : ` from ${status.metadata.kind}`;
  console.log(`${status.name}: ${status.status}${from}${status.metadata?.plaintext ? ' (plaintext)' : ''}`);
}
for (const { metadata, reason } of findStaleSecrets(await vault.list(), clock.now())) {
  console.log(`rotate ${metadata.name}: ${reason}`);
}

// Keep secret values out of logs, error reports and audit records.
const redactor = new Redactor().add(secrets.ANTHROPIC_API_KEY, secrets.POLYGON_API_KEY);
const failure = new Error(
  `401 from https://api.polygon.io/v2/aggs?apiKey=${secrets.POLYGON_API_KEY.reveal()}`,
  {
    cause: new Error(`rejected header x-api-key: ${headers['x-api-key']}`),
  },
);
const safe = redactor.redactError(failure);
console.log(safe.message);
console.log((safe.cause as Error).message);
const basic = Buffer.from(`me:${secrets.POLYGON_API_KEY.reveal()}`).toString('base64');
console.log(JSON.stringify(redactor.redactValue({ authorization: `Basic ${basic}` })));

// A missing or malformed secret fails resolution with every problem listed, never a value.
try {
  await new SecretsManager({
    schema,
    providers: [new EnvProvider({ env: { ANTHROPIC_API_KEY: 'sk-live-123', POLYGON_API_KEY: 'short' } })],
  }).resolve();
} catch (error) {
  if (!isSecretsError(error)) throw error;
  console.log(error.message);
}
await rm(directory, { recursive: true, force: true });
