import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

function sources(directory: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/**
 * Transpiles the package's `src/` and `test/children/` to plain ESM JavaScript under `.tmp/` inside the
 * package (so `node_modules` resolution still works), for tests that run the real code in child processes
 * (Node 20 cannot run TypeScript directly).
 *
 * @returns the output directory and a cleanup function
 */
export function compileForChildren(): { readonly outDir: string; readonly cleanup: () => void } {
  const outDir = join(packageRoot, '.tmp', `children-${process.pid}-${Date.now()}`);
  const files = [...sources(join(packageRoot, 'src')), ...sources(join(packageRoot, 'test', 'children'))];
  for (const file of files) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: file,
    }).outputText;
    const target = join(outDir, relative(packageRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
  return { outDir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
