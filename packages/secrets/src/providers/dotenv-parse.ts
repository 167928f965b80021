/** One `KEY=value` assignment of a `.env` file. */
export interface DotenvEntry {
  /** Variable name. */
  readonly key: string;
  /** Unquoted, unescaped value. */
  readonly value: string;
  /** First line (1-based) of the assignment. */
  readonly line: number;
  /** Last line (1-based); differs from `line` for multi-line quoted values. */
  readonly endLine: number;
}

const ASSIGN = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/**
 * Parses a `.env` file: `KEY=value`, optional `export`, `#` comments, single quotes (literal), double quotes
 * (with `\n`, `\t`, `\"`, `\\` escapes, may span lines) and backticks. A later assignment wins.
 *
 * @param text - file content
 * @example
 * ```ts
 * import { parseDotenv } from '@rrr/secrets';
 *
 * parseDotenv('A=1\n# comment\nexport B="x y" # trailing\n').map((e) => e.key); // ["A", "B"]
 * ```
 */
export function parseDotenv(text: string): DotenvEntry[] {
  const lines = text.split(/\r?\n/);
  const out: DotenvEntry[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const match = ASSIGN.exec(lines[i] ?? '');
    if (match === null) continue;
    const key = match[1] ?? '';
    let rest = match[2] ?? '';
    const start = i;
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'" || quote === '`') {
      let body = rest.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        i += 1;
        body += `\n${lines[i] ?? ''}`;
        close = findClose(body, quote);
      }
      const raw = close < 0 ? body : body.slice(0, close);
      value = quote === '"' ? unescapeDouble(raw) : raw;
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      if (rest.startsWith('#')) rest = '';
      value = rest.trim();
    }
    out.push({ key, value, line: start + 1, endLine: i + 1 });
  }
  return out;
}

function findClose(body: string, quote: string): number {
  for (let j = 0; j < body.length; j += 1) {
    if (quote === '"' && body[j] === '\\') {
      j += 1;
      continue;
    }
    if (body[j] === quote) return j;
  }
  return -1;
}

function unescapeDouble(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_m, c: string) => {
    if (c === 'n') return '\n';
    if (c === 'r') return '\r';
    if (c === 't') return '\t';
    return c;
  });
}
