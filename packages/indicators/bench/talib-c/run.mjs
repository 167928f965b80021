// TA-Lib's own C loops on the benchmark bars (reference for bench/run.mjs): builds loops.c with the system C
// compiler against the static TA-Lib library that the `talib` dev dependency compiles on install, writes the
// same 1,000,000 bars to a temporary file and runs it. Needs a C compiler (`cc`) on the PATH.
// Run: node bench/talib-c/run.mjs   (BENCH_BARS as in bench/run.mjs)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBenchBars } from '../data.mjs';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const lib = join(dirname(createRequire(import.meta.url).resolve('talib/package.json')), 'src', 'lib');
const dir = mkdtempSync(join(tmpdir(), 'talib-c-'));
try {
  const { series } = loadBenchBars(BARS);
  const bars = Buffer.alloc(5 * 8 * BARS);
  ['open', 'high', 'low', 'close', 'volume'].forEach((k, i) => {
    Buffer.from(series[k].buffer, series[k].byteOffset, 8 * BARS).copy(bars, i * 8 * BARS);
  });
  writeFileSync(join(dir, 'bars.bin'), bars);
  const exe = join(dir, 'loops');
  const src = fileURLToPath(new URL('./loops.c', import.meta.url));
  execFileSync('cc', [
    '-O2',
    '-o',
    exe,
    src,
    `-I${join(lib, 'include')}`,
    join(lib, 'lib', 'libta_func_csr.a'),
    join(lib, 'lib', 'libta_common_csr.a'),
    '-lm',
  ]);
  process.stdout.write(execFileSync(exe, [join(dir, 'bars.bin'), String(BARS)]));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
