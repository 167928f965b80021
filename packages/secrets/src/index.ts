/**
 * Secret providers (keychain, encrypted vault, env), typed secret schema, redaction and a plaintext-key scanner.
 *
 * @packageDocumentation
 */

export type { ReadinessCheck, ReadinessOptions, ReadinessReport } from './check/readiness.js';
export { checkReadiness } from './check/readiness.js';
export type { LoadedSchema } from './check/schema-file.js';
export { loadSchemaFile, schemaFromJson } from './check/schema-file.js';
export type { SecretProblem } from './errors.js';
export {
  InvalidArgumentError,
  isSecretsError,
  KeychainLockError,
  KeychainUnavailableError,
  MigrationError,
  ReadOnlyProviderError,
  SecretsError,
  SecretsResolutionError,
  VaultFormatError,
  VaultKeyError,
  VaultLockError,
} from './errors.js';
export type { MigrateOptions, MigrationResult } from './migrate/migrate.js';
export { BACKUP_SUFFIX, confirmMigration, migrateDotenv } from './migrate/migrate.js';
export type { DotenvEntry } from './providers/dotenv-parse.js';
export { parseDotenv } from './providers/dotenv-parse.js';
export type { EnvProviderOptions } from './providers/env-provider.js';
export { DotenvProvider, EnvProvider } from './providers/env-provider.js';
export { MemoryProvider } from './providers/memory-provider.js';
export type {
  Clock,
  SecretEntry,
  SecretMetadata,
  SecretProvider,
  SetSecretOptions,
} from './providers/provider.js';
export { ProviderKind, systemClock } from './providers/provider.js';
export type { StaleSecret } from './providers/stale.js';
export { findStaleSecrets } from './providers/stale.js';
export type { RedactorOptions } from './redact/redactor.js';
export { Redactor } from './redact/redactor.js';
export type { Allowlist } from './scanner/allowlist.js';
export { DEFAULT_ALLOWLIST_FILE, parseAllowlist } from './scanner/allowlist.js';
export { formatScanReport, ReportFormat } from './scanner/format.js';
export type { MatchContext, RuleVerdict, ScanRule } from './scanner/rules.js';
export { defaultRules } from './scanner/rules.js';
export type { ScanOptions, ScanResult } from './scanner/scan-paths.js';
export { scanGitHistory, scanPaths } from './scanner/scan-paths.js';
export type { ScanTextOptions } from './scanner/scan-text.js';
export {
  fingerprintSecret,
  IGNORE_MARKER,
  IGNORE_NEXT_LINE_MARKER,
  maskSecret,
  scanText,
} from './scanner/scan-text.js';
export type { Finding } from './scanner/types.js';
export { SecretCategory, Severity } from './scanner/types.js';
export type { DecodedJwt } from './scanner/validators.js';
export { decodeJwt, isEd25519KeyPair, isValidGithubToken, supabaseRole } from './scanner/validators.js';
export type { ResolvedSecrets, SecretSchema, SecretStatus, SecretsManagerOptions } from './schema/manager.js';
export { SecretsManager } from './schema/manager.js';
export { isSecret, Secret } from './secret/secret.js';
export type { LockOptions } from './util/lock-file.js';
export type { ScryptParams } from './vault/crypto.js';
export { DEFAULT_SCRYPT } from './vault/crypto.js';
export type { FileVaultOptions, VaultKey } from './vault/file-vault.js';
export { FileVault } from './vault/file-vault.js';
export { createKeyFile } from './vault/key-file.js';
