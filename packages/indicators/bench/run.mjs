// Benchmark: the whole default indicator set on 1,000,000 real bars, batch and streaming, beside peers.
// Run: npm run bench -w @rrr/indicators   (builds first; imports the built package from ../dist)
// Options (env): BENCH_BARS (default 1000000), BENCH_PEER_BUDGET_MS (default 1500): a peer whose estimated
// time on all bars exceeds the budget is timed on fewer bars and scaled linearly (marked with *);
// BENCH_CLOCK (default cpu): `cpu` times with the CPU time of the process (user + system, the same clock for
// every library; time spent descheduled by other jobs on the machine does not count), `wall` with wall time;
// BENCH_WARM_CALLS (default 5): untimed warm-up calls on a 5,000-bar prefix before timing, for every library;
// BENCH_RUNS (default 5): timed calls per library and mode, the best one counts (a single call for a library
// whose runs would exceed the budget);
// BENCH_GC=0 skips the full garbage collection (and the pause until the process is idle) that otherwise
// precede every timed call (outside the timing).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as ind from '../dist/index.js';
import { loadBenchBars } from './data.mjs';
import { OURS } from './ours.mjs';
import { PEER_NAMES, PEERS } from './peers.mjs';

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const PEER_BUDGET_MS = Number(process.env.BENCH_PEER_BUDGET_MS ?? 1500);
const CPU_CLOCK = process.env.BENCH_CLOCK !== 'wall';
const WARM_CALLS = Number(process.env.BENCH_WARM_CALLS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TI_BARS = 100_000; // technicalindicators is slow: always timed on this many bars and scaled

/**
 * A full garbage collection before every timed call, for every library alike (not timed), then a pause
 * until V8's background threads are idle (5 ms slices until one uses less than 0.5 ms of process CPU time,
 * at most 250 ms): without it a call pays for collecting the garbage of whichever library ran before it,
 * its fresh output arrays land on pages the kernel has to fault in because the previous outputs are not
 * freed yet (about 3 ns/bar per 1,000,000-value output on this machine, against 1.3 ns/bar for the writes
 * themselves), and the process CPU clock counts the background sweeping that the collection leaves running
 * (which inflates short calls most: 6 ns/bar of RSI measured as 20).
 */
const collect = process.env.BENCH_GC === '0' ? () => {} : collector();
function collector() {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return () => {
    gc();
    for (let slice = 0; slice < 50; slice++) {
      const before = process.cpuUsage();
      Atomics.wait(pause, 0, 0, 5);
      const used = process.cpuUsage(before);
      if (used.user + used.system < 500) break;
    }
  };
}

function slice(d, n) {
  if (n >= d.n) return d;
  return {
    n,
    timestamp: d.timestamp.slice(0, n),
    open: d.open.slice(0, n),
    high: d.high.slice(0, n),
    low: d.low.slice(0, n),
    close: d.close.slice(0, n),
    volume: d.volume.slice(0, n),
    candles: d.candles.slice(0, n),
    series: d.series && {
      length: n,
      timestamp: d.series.timestamp.subarray(0, n),
      open: d.series.open.subarray(0, n),
      high: d.series.high.subarray(0, n),
      low: d.series.low.subarray(0, n),
      close: d.series.close.subarray(0, n),
      volume: d.series.volume.subarray(0, n),
    },
  };
}

let sink = 0;
function consume(result) {
  // keep results observable so the work cannot be optimized away
  if (result == null) return;
  sink +=
    typeof result === 'number' ? 1 : Array.isArray(result) || ArrayBuffer.isView(result) ? result.length : 1;
}

/**
 * Best time (ms) of `runs` calls of fn(input): by default the CPU time of the process (user + system, all
 * threads), which a machine shared with other jobs disturbs much less; wall time with BENCH_CLOCK=wall.
 */
function time(fn, input, runs) {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    let ms;
    collect();
    if (CPU_CLOCK) {
      const t0 = process.cpuUsage();
      consume(fn(input));
      const used = process.cpuUsage(t0);
      ms = (used.user + used.system) / 1e3;
    } else {
      const t0 = process.hrtime.bigint();
      consume(fn(input));
      ms = Number(process.hrtime.bigint() - t0) / 1e6;
    }
    if (ms < best) best = ms;
  }
  return best;
}

/** ns per bar of fn over `full` (n bars), optionally estimated from a smaller prefix. */
function nsPerBar(fn, full, { runs = 1, maxBars = full.n, budgetMs = Number.POSITIVE_INFINITY, warm }) {
  // JIT warm-up on a small prefix, the same number of calls for every library: one call is not enough for
  // V8 to settle (code first optimized on thin type feedback deoptimizes and recompiles during the timed
  // runs, which then measure the compiler instead of the loop)
  for (let w = 0; w < WARM_CALLS; w++) consume(fn(warm));
  const probeBars = Math.min(50_000, full.n, maxBars);
  const probe = slice(full, probeBars);
  const probeMs = time(fn, probe, 1);
  const estimateMs = (probeMs * full.n) / probeBars;
  let bars = Math.min(full.n, maxBars);
  if (estimateMs > budgetMs)
    bars = Math.max(probeBars, Math.min(bars, Math.floor((budgetMs / estimateMs) * full.n)));
  const input = bars === full.n ? full : slice(full, bars);
  // Best of `runs` like ours when that many full runs fit in the budget, else a single run.
  const ms = time(fn, input, bars === full.n && estimateMs * runs <= budgetMs ? runs : 1);
  return { ns: (ms * 1e6) / bars, bars };
}

const fmt = (ns) =>
  ns === undefined ? '—' : ns >= 100 ? ns.toFixed(0) : ns >= 10 ? ns.toFixed(1) : ns.toFixed(2);
const fmtRatio = (r) => (r === undefined ? '—' : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}x`);

function main() {
  const { source, sourceBars, series } = loadBenchBars(BARS);
  const toArray = (a) => Array.from(a);
  const candles = new Array(BARS);
  for (let i = 0; i < BARS; i++) {
    candles[i] = {
      timestamp: series.timestamp[i],
      open: series.open[i],
      high: series.high[i],
      low: series.low[i],
      close: series.close[i],
      volume: series.volume[i],
    };
  }
  // Peers get plain number[] columns (what their APIs take); ours gets the Float64Array series.
  const d = {
    n: BARS,
    timestamp: toArray(series.timestamp),
    open: toArray(series.open),
    high: toArray(series.high),
    low: toArray(series.low),
    close: toArray(series.close),
    volume: toArray(series.volume),
    candles,
    series,
  };
  const warm = slice(d, 5_000);

  console.log(
    `@rrr/indicators benchmark — ${BARS.toLocaleString('en-US')} bars (${source}, ${sourceBars} real bars repeated)`,
  );
  console.log(
    `node ${process.version}, ${process.platform}/${process.arch}; ns/bar (${CPU_CLOCK ? 'process CPU time' : 'wall time'}), lower is better; ratio = peer time / ours`,
  );
  console.log(
    `${WARM_CALLS} untimed warm-up calls on 5,000 bars per library and mode; ${process.env.BENCH_GC === '0' ? 'no' : 'a full'} GC before every timed call (untimed); * = timed on fewer bars and scaled linearly (technicalindicators always on ${TI_BARS.toLocaleString('en-US')}; others when their estimate exceeds ${PEER_BUDGET_MS} ms)`,
  );
  console.log('');
  console.log(header());

  const rows = [];
  for (const [id, ours] of Object.entries(OURS)) {
    const batch = nsPerBar(ours.batch, d, { runs: RUNS, warm });
    const stream = nsPerBar(ours.stream, d, { runs: RUNS, warm });
    const peers = {};
    for (const peer of PEER_NAMES) {
      const fn = PEERS[id]?.[peer];
      if (!fn) continue;
      const maxBars = peer === 'technicalindicators' ? TI_BARS : BARS;
      peers[peer] = nsPerBar(fn, d, { runs: RUNS, maxBars, budgetMs: PEER_BUDGET_MS, warm });
    }
    rows.push({ id, batch: batch.ns, stream: stream.ns, peers, outputs: outputColumns(ours.batch(warm)) });
    const best = Math.min(...Object.values(peers).map((p) => p.ns));
    const cells = PEER_NAMES.map((p) =>
      peers[p] ? `${fmt(peers[p].ns)}${peers[p].bars < BARS ? '*' : ''}` : '—',
    );
    console.log(
      [
        id.padEnd(13),
        fmt(batch.ns).padStart(7),
        fmt(stream.ns).padStart(7),
        ...cells.map((c) => c.padStart(9)),
        fmtRatio(Number.isFinite(best) ? best / batch.ns : undefined).padStart(7),
      ].join(' '),
    );
  }
  return { rows, d };
}

/** Number of output columns of a batch result (a Float64Array or an object of them). */
function outputColumns(result) {
  return ArrayBuffer.isView(result) ? 1 : Object.values(result).filter((v) => ArrayBuffer.isView(v)).length;
}

/**
 * ns/bar of producing one output column with no computation at all: allocate a Float64Array of every bar
 * and write each value (a copy of the closes), timed like the indicators.
 */
function outputColumnNs(d) {
  const copy = (x) => {
    const src = x.series.close;
    const n = src.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[i];
    return out;
  };
  return nsPerBar(copy, d, { runs: 5, warm: slice(d, 5_000) }).ns;
}

function header() {
  return [
    'indicator'.padEnd(13),
    'batch'.padStart(7),
    'stream'.padStart(7),
    'TI'.padStart(9),
    'TS'.padStart(9),
    'IX'.padStart(9),
    'tulind'.padStart(9),
    'best/us'.padStart(7),
  ].join(' ');
}

function summary(rows) {
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  console.log('');
  console.log(
    'Totals (ns/bar, summed over the indicators each peer has; ratio = peer / ours on that subset)',
  );
  const oursBatch = sum(rows.map((r) => r.batch));
  const oursStream = sum(rows.map((r) => r.stream));
  console.log(`  @rrr/indicators batch, all ${rows.length} indicators: ${fmt(oursBatch)} ns/bar`);
  console.log(`  @rrr/indicators streaming, all ${rows.length} indicators: ${fmt(oursStream)} ns/bar`);
  const ratios = [];
  for (const peer of PEER_NAMES) {
    const subset = rows.filter((r) => r.peers[peer]);
    const peerTotal = sum(subset.map((r) => r.peers[peer].ns));
    const ourBatch = sum(subset.map((r) => r.batch));
    const ourStream = sum(subset.map((r) => r.stream));
    ratios.push({ peer, batch: peerTotal / ourBatch, stream: peerTotal / ourStream });
    console.log(
      `  ${peer.padEnd(20)} ${String(subset.length).padStart(2)} indicators: ${fmt(peerTotal).padStart(7)} ns/bar vs ours batch ${fmt(ourBatch).padStart(6)} (${fmtRatio(peerTotal / ourBatch)}), ours streaming ${fmt(ourStream).padStart(6)} (${fmtRatio(peerTotal / ourStream)})`,
    );
  }
  const withPeer = rows.filter((r) => Object.keys(r.peers).length > 0);
  const bestTotal = sum(withPeer.map((r) => Math.min(...Object.values(r.peers).map((p) => p.ns))));
  const oursOnThose = sum(withPeer.map((r) => r.batch));
  console.log(
    `  best peer per indicator   ${String(withPeer.length).padStart(2)} indicators: ${fmt(bestTotal).padStart(7)} ns/bar vs ours batch ${fmt(oursOnThose).padStart(6)} (${fmtRatio(bestTotal / oursOnThose)})`,
  );
  console.log('');
  const fastestPeer = ratios.reduce((a, b) => (b.batch < a.batch ? b : a));
  const slower = rows.filter((r) => {
    const best = Math.min(...Object.values(r.peers).map((p) => p.ns));
    return Number.isFinite(best) && r.batch >= best;
  });
  const ts = ratios.find((r) => r.peer === 'trading-signals');
  console.log('Notes');
  console.log(
    '  - Same parameters everywhere (see bench/ours.mjs and bench/peers.mjs). Differences in what is computed:',
  );
  console.log(
    '    stochRsi: ours gives %K and %D (TA-Lib), @ixjb94 and tulind the raw stochastic of RSI only;',
  );
  console.log(
    '    vwap: ours restarts each UTC day (session VWAP), the peers are cumulative; adx: @ixjb94/tulind need adx + di calls;',
  );
  console.log(
    '    trading-signals has only a streaming API and keeps no output array, so its figures are per-update costs.',
  );
  console.log(
    '  - tulind copies JS arrays into C buffers on every call; that copy is part of its cost as a Node user sees it.',
  );
  console.log('');
  return { fastestPeer, slower, ts };
}

/**
 * The whole set in one timed call, as a user computes it, for every library alike: ours is
 * `indicatorSet(series, spec)` (the parameters of bench/ours.mjs, which DEFAULT_INDICATOR_SET holds: checked
 * below, bit for bit), a peer's is its functions of the table called one after another, every result kept
 * until the end (as a set's result is). For each peer, the indicators it has; for ours also all of them. A
 * set call allocates all its outputs at once, so unlike the per-indicator figures (a full garbage collection
 * before each) it includes the collections V8 starts on the way (about 0.4 GB of output for the full set).
 */
function setLevel(rows, d) {
  const warm = slice(d, 5_000);
  checkSetMatchesRows(rows, warm);
  const subsetSpec = (ids) => Object.fromEntries(ids.map((id) => [id, ind.DEFAULT_INDICATOR_SET[id]]));
  const all = nsPerBar((x) => ind.indicatorSet(x.series), d, { runs: RUNS, warm }).ns;
  console.log('');
  console.log(
    'Sets in one call (ours: indicatorSet, entries of equal periods share work; peers: their functions one after another; every result kept)',
  );
  console.log(`  indicatorSet, all ${rows.length} indicators: ${fmt(all)} ns/bar`);
  const ratios = [];
  for (const peer of PEER_NAMES) {
    const ids = rows.filter((r) => r.peers[peer]).map((r) => r.id);
    const spec = subsetSpec(ids);
    const ours = nsPerBar((x) => ind.indicatorSet(x.series, spec), d, { runs: RUNS, warm }).ns;
    const fns = ids.map((id) => PEERS[id][peer]);
    const peerSet = (x) => fns.map((fn) => fn(x));
    const maxBars = peer === 'technicalindicators' ? TI_BARS : BARS;
    const theirs = nsPerBar(peerSet, d, { runs: RUNS, maxBars, budgetMs: PEER_BUDGET_MS * 8, warm });
    ratios.push({ peer, batch: theirs.ns / ours });
    console.log(
      `  ${peer.padEnd(20)} ${String(ids.length).padStart(2)} indicators: ${fmt(theirs.ns).padStart(7)}${theirs.bars < BARS ? '*' : ' '} ns/bar vs indicatorSet of those ${fmt(ours).padStart(6)} (${fmtRatio(theirs.ns / ours)})`,
    );
  }
  return ratios.reduce((a, b) => (b.batch < a.batch ? b : a));
}

/** Exits with an error unless indicatorSet gives exactly the per-indicator outputs of the table. */
function checkSetMatchesRows(rows, warm) {
  const set = ind.indicatorSet(warm.series);
  const columns = (r) => (ArrayBuffer.isView(r) ? { value: r } : r);
  for (const r of rows) {
    const alone = columns(OURS[r.id].batch(warm));
    const shared = columns(set[r.id]);
    for (const [name, values] of Object.entries(alone)) {
      const got = shared?.[name];
      if (!got || got.length !== values.length || values.some((v, i) => !Object.is(v, got[i]))) {
        console.error(
          `indicatorSet differs from ${r.id}.${name}: the benchmark would not compare like with like`,
        );
        process.exit(1);
      }
    }
  }
}

function targets({ fastestPeer, slower, ts }, fastestForSet) {
  console.log('');
  console.log('Targets (issue 3)');
  console.log(
    `  full batch set >= 7x faster than the fastest peer: sets in one call ${fastestForSet.peer} ${fmtRatio(fastestForSet.batch)} -> ${fastestForSet.batch >= 7 ? 'MET' : 'NOT MET'}; per-indicator sums ${fastestPeer.peer} ${fmtRatio(fastestPeer.batch)} -> ${fastestPeer.batch >= 7 ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `  every indicator faster than its best peer: ${slower.length === 0 ? 'MET' : `NOT MET (${slower.map((r) => `${r.id} ${fmtRatio(Math.min(...Object.values(r.peers).map((p) => p.ns)) / r.batch)}`).join(', ')})`}`,
  );
  if (ts) {
    console.log(
      `  streaming set >= 2x faster than trading-signals: ratio ${fmtRatio(ts.stream)} -> ${ts.stream >= 2 ? 'MET' : 'NOT MET'}`,
    );
  }
}

/**
 * The floor under any batch implementation that returns fresh Float64Array columns: what allocating and
 * writing the output columns alone costs, and the best ratio to the fastest peer it would leave.
 */
function floor(rows, d, fastestPeer) {
  const perColumn = outputColumnNs(d);
  const subset = rows.filter((r) => r.peers[fastestPeer.peer]);
  const columns = subset.reduce((a, r) => a + r.outputs, 0);
  const peerTotal = subset.reduce((a, r) => a + r.peers[fastestPeer.peer].ns, 0);
  const oursTotal = subset.reduce((a, r) => a + r.batch, 0);
  const floorNs = columns * perColumn;
  console.log('');
  console.log('Floor (no computation: allocate each output column and write every value)');
  console.log(
    `  one column of ${d.n.toLocaleString('en-US')} values: ${fmt(perColumn)} ns/bar; the ${subset.length} indicators ${fastestPeer.peer} has return ${columns} columns: ${fmt(floorNs)} ns/bar`,
  );
  console.log(
    `  ours ${fmt(oursTotal)} ns/bar = floor + ${fmt(oursTotal - floorNs)} ns/bar of computation; at zero computation the ratio to ${fastestPeer.peer} could reach at most ${fmtRatio(peerTotal / floorNs)}`,
  );
}

/** The default 37-column feature matrix, batch and streaming (row by row), on the same bars. */
function features(d) {
  const warm = slice(d, 5_000);
  const batch = nsPerBar((x) => ind.computeFeatures(x.series).data, d, { runs: 2, warm });
  const feed = new Function(
    'pipeline',
    'candles',
    'const n = candles.length; let row = null; for (let i = 0; i < n; i++) row = pipeline.update(candles[i]); return row;',
  );
  const stream = nsPerBar((x) => feed(new ind.FeaturePipeline(), x.candles), d, {
    runs: 1,
    maxBars: 200_000,
    warm,
  });
  console.log('');
  console.log(
    `Default feature matrix (${ind.featureColumns().length} columns): computeFeatures ${fmt(batch.ns)} ns/bar, FeaturePipeline ${fmt(stream.ns)} ns/bar${stream.bars < d.n ? ` (timed on ${stream.bars.toLocaleString('en-US')} bars)` : ''}`,
  );
}

const { rows, d } = main();
const oneByOne = summary(rows);
const fastestForSet = setLevel(rows, d);
targets(oneByOne, fastestForSet);
floor(rows, d, oneByOne.fastestPeer);
features(d);
console.log(`(checksum ${sink})`);
