/** Finding severities, most severe first. */
export const Severity = { critical: 'critical', high: 'high', medium: 'medium', low: 'low' } as const;

/** One of {@link Severity}. */
export type Severity = (typeof Severity)[keyof typeof Severity];

/** Ordering of severities: higher is more severe. @internal */
export const severityRank: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/** The credential families the scanner knows. */
export const SecretCategory = {
  coinbase: 'coinbase',
  anthropic: 'anthropic',
  github: 'github',
  supabase: 'supabase',
  polygon: 'polygon',
  perplexity: 'perplexity',
  jwt: 'jwt',
  encryptionKey: 'encryption-key',
  privateKey: 'private-key',
  generic: 'generic',
} as const;

/** One of {@link SecretCategory}. */
export type SecretCategory = (typeof SecretCategory)[keyof typeof SecretCategory];

/** One suspected secret in a file. Never carries the secret itself, only a masked preview and a fingerprint. */
export interface Finding {
  /** Rule that fired, e.g. `github-pat-classic`. */
  readonly ruleId: string;
  /** Credential family. */
  readonly category: SecretCategory;
  /** How bad a leak would be. */
  readonly severity: Severity;
  /** Path relative to the scan root, `/`-separated. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column of the secret's first character. */
  readonly column: number;
  /** Masked preview: a few leading characters, asterisks and the length. */
  readonly preview: string;
  /** Stable hash of the secret value (for allowlists and de-duplication); reveals nothing useful. */
  readonly fingerprint: string;
  /** What was found. */
  readonly message: string;
  /** Commit that added it, for history scans. */
  readonly commit?: string;
}
