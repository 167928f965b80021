// Measures the scanner on the labelled corpus (test/fixtures/scanner-corpus) and prints the figures block;
// with --write, replaces it (and the provenance summary) in that folder's README.md and in docs/security.md.
// Usage: node scripts/corpus-figures.mjs [--write]   (npm run corpus:figures -w @rrr/secrets)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(packageRoot, 'test/fixtures/scanner-corpus');
const documents = [join(corpusDir, 'README.md'), join(packageRoot, '../../docs/security.md')];

const dir = await mkdtemp(join(tmpdir(), 'rrr-corpus-figures-'));
try {
  const outfile = join(dir, 'report.mjs');
  await build({
    entryPoints: [join(corpusDir, 'report.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  const report = await import(pathToFileURL(outfile).href);
  const run = report.measurePublishedRun(join(corpusDir, 'cases.json'));
  const block = report.renderFigures(run);
  const sources = report.renderSources(report.loadCorpusFile(join(corpusDir, 'cases.json')));
  console.log(`${block}\n\n${sources}`);
  if (run.measurement.errors.length > 0) console.log(`\nmisses:\n${run.measurement.errors.join('\n')}`);
  if (process.argv.includes('--write')) {
    for (const path of documents) {
      let text = report.replaceBlock(await readFile(path, 'utf8'), block);
      if (text.includes(report.SOURCES_START)) {
        text = report.replaceBlock(text, sources, report.SOURCES_START, report.SOURCES_END);
      }
      await writeFile(path, text);
      console.log(`updated ${path}`);
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
