// Prints line/branch/function coverage per workspace package from vitest's coverage/coverage-summary.json.
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './workspace-packages.mjs';

const summary = JSON.parse(readFileSync(join(repoRoot, 'coverage', 'coverage-summary.json'), 'utf8'));
const totals = new Map();
for (const [file, metrics] of Object.entries(summary)) {
  if (file === 'total') continue;
  const [area, name] = relative(repoRoot, file).split(sep);
  const key = `${area}/${name}`;
  const acc = totals.get(key) ?? { lines: [0, 0], branches: [0, 0], functions: [0, 0] };
  for (const kind of ['lines', 'branches', 'functions']) {
    acc[kind][0] += metrics[kind].covered;
    acc[kind][1] += metrics[kind].total;
  }
  totals.set(key, acc);
}
const pct = ([covered, total]) =>
  total === 0 ? '   n/a' : `${((100 * covered) / total).toFixed(1).padStart(5)}%`;
console.log('\nCoverage by package        lines  branches  functions');
for (const [key, acc] of [...totals].sort()) {
  console.log(`${key.padEnd(24)} ${pct(acc.lines)}    ${pct(acc.branches)}     ${pct(acc.functions)}`);
}
