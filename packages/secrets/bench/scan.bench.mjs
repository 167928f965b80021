// Scanner throughput on a large generated tree. Run: npm run bench -w @rrr/secrets
// Generates ~64 MB of source-like text (code, JSON, YAML, .env, markdown) with a few synthetic secrets, then
// times scanText over the in-memory text (pure scanning) and scanPaths over the tree (I/O included), on one core.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPaths, scanText } from '../dist/index.js';

const TARGET_MB_S = 50;
const FILES = 640;
const FILE_BYTES = 100 * 1024;

let seed = 12345;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const str = (n, alphabet = ALNUM) =>
  Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const words = [
  'const',
  'price',
  'order',
  'return',
  'await',
  'fetch',
  'token',
  'secret',
  'config',
  'market',
  'value',
  'signal',
  'risk',
  'position',
  'candle',
  'volume',
];
const word = () => words[Math.floor(rand() * words.length)];

const LINES = [
  () =>
    `  const ${word()}${Math.floor(rand() * 100)} = await ${word()}.${word()}(${Math.floor(rand() * 1000)});`,
  () => `  if (${word()} > ${(rand() * 100).toFixed(2)}) return ${word()}_${word()};`,
  () =>
    `  "${word()}": "${str(12)}", "${word()}Id": "${str(8, '0123456789abcdef')}-${str(4, '0123456789abcdef')}",`,
  () => `${word()}_${word()}: ${Math.floor(rand() * 1e6)} # ${word()} ${word()} ${word()}`,
  () => `// ${word()} ${word()} ${word()} ${word()} ${word()} ${word()} ${word()} ${word()}`,
  () => `commit ${str(40, '0123456789abcdef')} ${word()} ${word()}`,
  () => `export function ${word()}${str(3)}(${word()}: number, ${word()}: string): ${word()} {`,
  () => `LOG_LEVEL=info ${word().toUpperCase()}_URL=https://${word()}.example.test/${word()}`,
];

function makeFile(i) {
  const lines = [];
  let size = 0;
  while (size < FILE_BYTES) {
    const line = LINES[Math.floor(rand() * LINES.length)]();
    lines.push(line);
    size += line.length + 1;
  }
  if (i % 40 === 0) lines.splice(10, 0, `PERPLEXITY_API_KEY=pplx-${str(48)}`);
  return lines.join('\n');
}

const dir = await mkdtemp(join(tmpdir(), 'rrr-scan-bench-'));
try {
  const texts = [];
  for (let i = 0; i < FILES; i += 1) {
    const sub = join(dir, `pkg${i % 16}`, 'src');
    await mkdir(sub, { recursive: true });
    const text = makeFile(i);
    texts.push(text);
    await writeFile(join(sub, `file${i}.ts`), text);
  }
  const totalBytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const mb = totalBytes / (1024 * 1024);

  // Wall time and CPU time (user + system of this process). On a shared machine the wall clock measures the CPU
  // share we got; CPU time measures the work, i.e. the throughput of one uncontended core.
  const measure = async (fn) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const value = await fn();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
  };

  for (const t of texts.slice(0, 20)) scanText(t, 'warm');
  const all = await measure(() => texts.reduce((n, t, i) => n + scanText(t, `f${i}`).length, 0));
  const noGeneric = await measure(() =>
    texts.reduce((n, t, i) => n + scanText(t, `f${i}`, { noGeneric: true }).length, 0),
  );
  const tree = await measure(async () => (await scanPaths([dir])).findings.length);

  const row = (label, m) =>
    `${label.padEnd(40)} wall ${(mb / m.wall).toFixed(1).padStart(6)} MB/s  cpu ${(mb / m.cpu).toFixed(1).padStart(6)} MB/s  findings=${m.value}  cpu-ratio-to-target=${(mb / m.cpu / TARGET_MB_S).toFixed(2)}x`;
  console.log(
    `scanner benchmark: ${FILES} files, ${mb.toFixed(1)} MB, node ${process.version}, single thread`,
  );
  console.log(row('scanText, all rules (in memory)', all));
  console.log(row('scanText, without generic pass', noGeneric));
  console.log(row('scanPaths, whole tree (with file I/O)', tree));
  console.log(`ns/byte of CPU (scanText, all rules): ${((all.cpu * 1e9) / totalBytes).toFixed(2)}`);
  console.log(
    `target: >= ${TARGET_MB_S} MB/s on one core (no peer secret scanner is installed in this workspace to compare with)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
