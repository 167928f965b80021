import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

/** The first fenced block of a language after the "## Example" heading. */
function block(language: string): string {
  const example = readme.slice(readme.indexOf('## Example'));
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(example);
  if (!match?.[1]) throw new Error(`README has no \`\`\`${language} block after "## Example"`);
  return match[1];
}

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

describe('README example from the packed tarball', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rrr-risk-readme-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('installs only @rrr/risk from `npm pack` into an empty project and prints the documented output', () => {
    if (!existsSync(join(packageDir, 'dist', 'index.js'))) run('npm', ['run', 'build'], packageDir);
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], packageDir)) as {
      filename: string;
    }[];
    const tarball = join(scratch, packed[0]?.filename ?? '');
    expect(existsSync(tarball)).toBe(true);

    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
    );
    run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], scratch);
    const installed = JSON.parse(readFileSync(join(scratch, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(installed.dependencies)).toEqual(['@rrr/risk']);
    expect(existsSync(join(scratch, 'node_modules', '@rrr', 'risk', 'dist', 'index.js'))).toBe(true);

    writeFileSync(join(scratch, 'example.mjs'), block('js'));
    const output = run('node', ['example.mjs'], scratch);
    expect(output).toBe(block('text'));
  }, 180_000);
});
