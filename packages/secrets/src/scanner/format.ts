import { defaultRules } from './rules.js';
import type { ScanResult } from './scan-paths.js';
import type { Severity } from './types.js';

/** Output formats of the scan report. */
export const ReportFormat = { text: 'text', json: 'json', sarif: 'sarif' } as const;

/** One of {@link ReportFormat}. */
export type ReportFormat = (typeof ReportFormat)[keyof typeof ReportFormat];

const sarifLevel: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * Renders a scan result as human-readable text, JSON, or SARIF 2.1.0 (for code-scanning UIs). No format ever
 * contains a secret value: only masked previews and fingerprints.
 *
 * @param result - from `scanPaths`
 * @param format - `text`, `json` or `sarif`
 * @example
 * ```ts
 * import { formatScanReport, scanPaths } from '@rrr/secrets';
 *
 * console.log(formatScanReport(await scanPaths(['.']), 'sarif'));
 * ```
 */
export function formatScanReport(result: ScanResult, format: ReportFormat): string {
  if (format === 'json') {
    const { findings, filesScanned, bytesScanned, filesSkipped } = result;
    return `${JSON.stringify({ findings, filesScanned, bytesScanned, filesSkipped }, null, 2)}\n`;
  }
  if (format === 'sarif') return `${JSON.stringify(toSarif(result), null, 2)}\n`;
  const lines = result.findings.map((f) => {
    const where = `${f.file}:${f.line}:${f.column}`;
    const commit = f.commit === undefined ? '' : ` (commit ${f.commit.slice(0, 12)})`;
    return `${where}${commit}  ${f.severity.toUpperCase()}  ${f.ruleId}  ${f.preview}\n    ${f.message}`;
  });
  const summary = `${result.findings.length} finding(s) in ${result.filesScanned} file(s) scanned, ${result.filesSkipped} skipped`;
  return `${[...lines, summary].join('\n')}\n`;
}

function toSarif(result: ScanResult) {
  const ids = new Set(result.findings.map((f) => f.ruleId));
  const rules = [...ids].sort().map((id) => {
    const rule = defaultRules.find((r) => r.id === id);
    const finding = result.findings.find((f) => f.ruleId === id);
    return {
      id,
      shortDescription: { text: rule?.description ?? finding?.message ?? id },
      defaultConfiguration: { level: sarifLevel[finding?.severity ?? 'low'] },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'rrr-secrets', informationUri: 'https://github.com/rrr-sdk/rrr', rules } },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          level: sarifLevel[f.severity],
          message: {
            text: `${f.message}: ${f.preview}${f.commit === undefined ? '' : ` (commit ${f.commit})`}`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: { 'rrrSecretFingerprint/v1': f.fingerprint },
          properties: { severity: f.severity, category: f.category },
        })),
      },
    ],
  };
}
