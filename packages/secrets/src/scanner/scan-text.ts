import { createHash } from 'node:crypto';
import { defaultRules, type MatchContext, type ScanRule } from './rules.js';
import { type Finding, type SecretCategory, type Severity, severityRank } from './types.js';

/** Comment marker that suppresses findings on its own line. */
export const IGNORE_MARKER = 'rrr-secrets-ignore';
/** Comment marker that suppresses findings on the following line. */
export const IGNORE_NEXT_LINE_MARKER = 'rrr-secrets-ignore-next-line';

interface Hit {
  rule: ScanRule;
  ruleId: string;
  category: SecretCategory;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  value: string;
}

/**
 * Stable fingerprint of a secret value (first 16 hex digits of a domain-separated SHA-256), used by allowlists.
 *
 * @param value - the secret
 * @example
 * ```ts
 * import { fingerprintSecret } from '@rrr/secrets';
 *
 * fingerprintSecret('some-value').length; // 16
 * ```
 */
export function fingerprintSecret(value: string): string {
  return createHash('sha256').update('rrr-secrets:').update(value).digest('hex').slice(0, 16);
}

/**
 * Masks a secret for display: up to `visible` leading characters (never more than a quarter of it), asterisks,
 * and the length.
 *
 * @param value - the secret
 * @param visible - leading characters that may be shown
 * @example
 * ```ts
 * import { maskSecret } from '@rrr/secrets';
 *
 * maskSecret('abcdefghijklmnop', 4); // "abcd******** (16 chars)"
 * ```
 */
export function maskSecret(value: string, visible: number): string {
  const shown = value.slice(0, Math.min(visible, Math.floor(value.length / 4))).replace(/\s+/g, ' ');
  return `${shown}${'*'.repeat(8)} (${value.length} chars)`;
}

const lineStartsOf = (text: string): number[] => {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
};

const lineIndexOf = (starts: readonly number[], offset: number): number => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

interface Candidate {
  readonly value: string;
  readonly index: number;
  readonly context: MatchContext;
}

function* candidates(text: string, rule: ScanRule): Generator<Candidate> {
  if (rule.locate !== undefined) {
    for (const { value, index } of rule.locate(text)) {
      yield { value, index, context: { match: value, before: text.slice(Math.max(0, index - 32), index) } };
    }
    return;
  }
  const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    let value: string | undefined;
    for (let g = 1; g < m.length && value === undefined; g += 1) value = m[g];
    const secret = value ?? m[0];
    const context = { match: m[0], before: text.slice(Math.max(0, m.index - 32), m.index) };
    yield { value: secret, index: m.index + m[0].lastIndexOf(secret), context };
  }
}

function collect(text: string, rule: ScanRule, out: Hit[]): void {
  if (rule.prefilter !== undefined) {
    if (!rule.prefilter.test(text)) return;
  } else if (rule.needles.length > 0 && !rule.needles.some((n) => text.includes(n))) return;
  for (const { value: secret, index: start, context } of candidates(text, rule)) {
    const verdict = rule.validate === undefined ? {} : rule.validate(secret, context);
    if (verdict === false) continue;
    out.push({
      rule,
      ruleId: verdict.ruleId ?? rule.id,
      category: verdict.category ?? rule.category,
      severity: verdict.severity ?? rule.severity,
      message: verdict.message ?? rule.description,
      start,
      end: start + secret.length,
      value: secret,
    });
  }
}

/** Drops hits overlapping a more severe (or earlier, equally severe) hit; generic hits never beat specific. */
function dedupe(hits: Hit[]): Hit[] {
  const ranked = [...hits].sort(
    (a, b) =>
      Number(a.rule.generic === true) - Number(b.rule.generic === true) ||
      severityRank[b.severity] - severityRank[a.severity] ||
      a.start - b.start,
  );
  const kept: Hit[] = [];
  for (const hit of ranked) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Upgrades a Coinbase CDP key name to a critical key-pair finding when an EC P-256 private key is in the same text. */
function pairCoinbase(hits: Hit[]): void {
  const ecKey = hits.find((h) => h.rule.id === 'private-key' && /prime256v1|P-256/.test(h.message));
  if (ecKey === undefined) return;
  for (const hit of hits) {
    if (hit.rule.id === 'coinbase-cdp-key-name') {
      hit.ruleId = 'coinbase-cdp-key-pair';
      hit.severity = 'critical';
      hit.message = 'Coinbase CDP API key name with its EC P-256 private key in the same file';
    }
  }
}

/** Options of {@link scanText}. */
export interface ScanTextOptions {
  /** Rules to apply; default {@link defaultRules}. */
  readonly rules?: readonly ScanRule[];
  /** Skip the generic high-entropy pass. */
  readonly noGeneric?: boolean;
}

/**
 * Scans one text and returns its findings (inline `rrr-secrets-ignore` comments respected). Line numbers are
 * 1-based; columns are 1-based UTF-16 offsets within the line.
 *
 * @param text - file content
 * @param file - path to report
 * @param options - rules and generic pass toggle
 * @example
 * ```ts
 * import { scanText } from '@rrr/secrets';
 *
 * const findings = scanText('const password = "hunter2"', 'app.ts');
 * findings.length; // 0: too short and low-entropy for the generic pass
 * ```
 */
export function scanText(text: string, file: string, options: ScanTextOptions = {}): Finding[] {
  const rules = options.rules ?? defaultRules;
  const hits: Hit[] = [];
  for (const rule of rules) {
    if (rule.generic === true && options.noGeneric === true) continue;
    collect(text, rule, hits);
  }
  if (hits.length === 0) return [];
  const kept = dedupe(hits);
  pairCoinbase(kept);
  const starts = lineStartsOf(text);
  const lineText = (i: number) => text.slice(starts[i] ?? 0, (starts[i + 1] ?? text.length + 1) - 1);
  const findings: Finding[] = [];
  for (const hit of kept) {
    const li = lineIndexOf(starts, hit.start);
    if (lineText(li).includes(IGNORE_MARKER)) continue;
    if (li > 0 && lineText(li - 1).includes(IGNORE_NEXT_LINE_MARKER)) continue;
    findings.push({
      ruleId: hit.ruleId,
      category: hit.category,
      severity: hit.severity,
      file,
      line: li + 1,
      column: hit.start - (starts[li] ?? 0) + 1,
      preview: maskSecret(hit.value, hit.rule.visiblePrefix),
      fingerprint: fingerprintSecret(hit.value),
      message: hit.message,
    });
  }
  return findings;
}
