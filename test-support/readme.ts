import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { vi } from 'vitest';

/**
 * Helpers for the README tests of every package: a README's main example is the first ```ts block, and it must
 * be byte-identical to a committed example file that the test runs; the output the README shows is the
 * ```text block introduced by "Output:" (or the first ```text block).
 */
export function readmeExampleCode(readme: URL): string {
  const match = /```ts\n([\s\S]*?)```/.exec(readFileSync(readme, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`${readme.pathname} has no \`\`\`ts block`);
  return match[1];
}

/** The lines of the README's expected-output block. */
export function readmeExpectedOutput(readme: URL): string[] {
  const markdown = readFileSync(readme, 'utf8');
  const match = /Output:\s*```text\n([\s\S]*?)```/.exec(markdown) ?? /```text\n([\s\S]*?)```/.exec(markdown);
  if (match?.[1] === undefined) throw new Error(`${readme.pathname} has no \`\`\`text output block`);
  return match[1].trimEnd().split('\n');
}

/**
 * Runs `run` with console.log captured and returns the printed lines. Lines are rendered with `util.format`,
 * which is what console.log itself uses, so they are what a user sees (custom inspect hooks included).
 */
export async function captureConsoleLog(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(...format(...args).split('\n'));
  });
  try {
    await run();
  } finally {
    log.mockRestore();
  }
  return lines;
}
