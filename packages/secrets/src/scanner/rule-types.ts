import type { SecretCategory, Severity } from './types.js';

/** A rule's verdict on one candidate: `false` rejects it; an object accepts it, optionally re-labelled. */
export type RuleVerdict =
  | false
  | {
      readonly ruleId?: string;
      readonly category?: SecretCategory;
      readonly severity?: Severity;
      readonly message?: string;
    };

/** Where a candidate was found, for validators that judge the setting name around a value. */
export interface MatchContext {
  /** The whole regex match (name, operator and value for assignment rules). */
  readonly match: string;
  /** Up to 32 characters of text just before the match (the start of an identifier cut by the match). */
  readonly before: string;
}

/** A detection rule. */
export interface ScanRule {
  /** Stable rule id, e.g. `anthropic-api-key`. */
  readonly id: string;
  /** Credential family. */
  readonly category: SecretCategory;
  /** Severity when the rule fires (a validator may change it). */
  readonly severity: Severity;
  /** One line for reports. */
  readonly description: string;
  /** Literal substrings; the pattern only runs on text containing at least one (empty: always runs). */
  readonly needles: readonly string[];
  /** A non-global regex used instead of `needles` when several spellings would each cost a pass over the text. */
  readonly prefilter?: RegExp;
  /** Global regex; the first capture group that matched is the secret, else the whole match. */
  readonly pattern: RegExp;
  /** How many leading characters of the secret the preview may show. */
  readonly visiblePrefix: number;
  /** True for the separate lower-severity high-entropy pass. */
  readonly generic?: boolean;
  /** Cuts false positives; receives the secret and where it was found. */
  readonly validate?: (value: string, context: MatchContext) => RuleVerdict;
  /** Faster hand-written search used instead of `pattern` (which then documents the shape). */
  readonly locate?: (text: string) => Array<{ readonly value: string; readonly index: number }>;
}
