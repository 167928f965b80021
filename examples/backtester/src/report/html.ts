import { monthlyReturns } from '../metrics/summary.js';
import type { Run } from '../run.js';
import { metricRows, num, pct } from './format.js';
import type { RunManifest } from './manifest.js';
import { escapeHtml as esc, lineChart, monthlyHeatmap } from './svg.js';

const rowsHtml = (rows: readonly (readonly string[])[], head: readonly string[]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** A self-contained HTML report (inline CSS and SVG, no script, no network). */
export function htmlReport(run: Run, manifest: RunManifest): string {
  const { result, summary, sameBar } = run;
  const c = result.config;
  const eq = result.equity;
  const dd = new Float64Array(eq.length);
  let peak = c.initialCash;
  for (let i = 0; i < eq.length; i++) {
    const e = eq[i] ?? 0;
    peak = Math.max(peak, e);
    dd[i] = -(1 - e / peak) * 100;
  }
  const equityChart = lineChart(
    'equity-chart',
    result.equityTime,
    [
      { label: 'Strategy', color: '#1f5fbf', values: eq },
      { label: 'Buy & hold (equal weight)', color: '#999', values: summary.benchmarkEquity },
    ],
    (v) => v.toFixed(0),
  );
  const ddChart = lineChart(
    'drawdown-chart',
    result.equityTime,
    [{ label: 'Drawdown %', color: '#c03030', values: dd }],
    (v) => `${v.toFixed(1)}%`,
    { height: 180, fill: true },
  );
  const heatmap = monthlyHeatmap('monthly-heatmap', monthlyReturns(c.initialCash, result.equityTime, eq));
  const iso = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  const trades = result.trades.map((t) => [
    t.symbol,
    iso(t.entryTime),
    String(t.entryPrice),
    iso(t.exitTime),
    String(t.exitPrice),
    String(t.quantity),
    num(t.fees),
    num(t.pnl),
    pct(t.returnPct),
    t.exitReason + (t.ambiguous ? ' (same bar)' : ''),
  ]);
  const cap = `max position fraction ${c.maxPositionFraction ?? `0.95 / ${result.symbols.length}`}`;
  const sizingText =
    c.strategy === 'model'
      ? `Kelly x ${c.kellyFraction} per entry from the model: win P(up), loss P(down), payoff +takeProfitPct / -stopLossPct (kellyFromWinLoss); ${cap}`
      : c.sizing === 'kelly'
        ? `Kelly x ${c.kellyFraction} on the last ${c.kellyLookback} closed trades (after ${c.kellyMinTrades}); ${cap}`
        : `fixed fractional risk ${c.riskFraction} when a stop is set, else fixed notional; ${cap}`;
  const settings: [string, string][] = [
    ['Strategy', `${c.strategy} ${JSON.stringify(c.params)}`],
    ['Symbols', result.symbols.join(', ')],
    ['Initial cash', `${c.initialCash} ${c.quote} (one balance for all symbols)`],
    [
      'Fill model',
      'PaperExchange: market orders fill at the next bar open; stops at the stop or the gap open, whichever is worse; take-profit limits at the limit or the better gap open',
    ],
    ['Fees', `taker ${c.takerFeeRate}, maker ${c.makerFeeRate} (quote currency)`],
    ['Slippage', c.slippageBps > 0 ? `fixed ${c.slippageBps} bps on taker fills` : 'none'],
    ['Volume cap', c.participation === null ? 'none' : `${c.participation} of each bar's volume`],
    ['Limit rule', c.limitFill],
    [
      'Execution rules',
      c.rules === 'paper-bot'
        ? `paper-bot: no bracket orders; @rrr/risk StopManager exits on the closed bar (from the entry bar), filled at market at the next open; sizing on exact equity, no free-cash cap${c.from === null ? '' : `; traded from ${new Date(c.from).toISOString()}`}${c.to === null ? '' : ` to before ${new Date(c.to).toISOString()}`}`
        : 'backtester: venue bracket orders (stop + take-profit limit, one cancels the other)',
    ],
    ['Same-bar stop/target rule', c.sameBarRule],
    ['Sizing (@rrr/risk)', sizingText],
    ...(run.model
      ? ([
          [
            'Model (@rrr/models)',
            `${run.model.name} ${run.model.version}, onnx sha256 ${run.model.sha256}; bars up to ${new Date(run.model.trainingEnd).toISOString()} (training/validation) used for feature warm-up only (${run.model.warmUpBars}); ${run.model.predicted} predictions`,
          ],
        ] as [string, string][])
      : []),
    ['Pre-trade limits (@rrr/risk)', c.riskLimits ? JSON.stringify(c.riskLimits) : 'none'],
    ['Seed', String(c.seed)],
    [
      'Code',
      `${manifest.code.gitCommit ?? 'unknown'}${manifest.code.gitDirty ? ' (local changes)' : ''}, node ${manifest.code.node}`,
    ],
    ...manifest.data.map((d): [string, string] => [
      `Data ${d.symbol}`,
      `${d.path} sha256 ${d.sha256} (${d.bars} bars)`,
    ]),
  ];
  const sameBarText = `${sameBar.ambiguousBars} bars reached both the stop and the target (${sameBar.ambiguousTrades} trades affected). Stop first (pessimistic): ${pct(sameBar.stopFirst.totalReturn)}, final ${num(sameBar.stopFirst.finalEquity)}. Target first (optimistic): ${pct(sameBar.targetFirst.totalReturn)}, final ${num(sameBar.targetFirst.finalEquity)}.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Backtest ${esc(c.strategy)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
.chart text{font-size:11px;fill:#444}.scroll{max-height:420px;overflow:auto}
</style></head><body>
<h1>Backtest: ${esc(c.strategy)} on ${esc(result.symbols.join(', '))}</h1>
<h2>Summary</h2>${rowsHtml(metricRows(summary.strategy, summary.benchmark), ['Metric', 'Strategy', 'Buy & hold'])}
<h2>Equity</h2>${equityChart}
<h2>Drawdown</h2>${ddChart}
<h2>Monthly returns</h2>${heatmap}
<h2>Per symbol</h2>${rowsHtml(
    summary.perSymbol.map((s) => [
      s.symbol,
      String(s.trades),
      pct(s.winRate),
      num(s.pnl),
      num(s.fees),
      pct(s.buyAndHold),
    ]),
    ['Symbol', 'Trades', 'Win rate', 'PnL', 'Fees', 'Buy & hold'],
  )}
<h2>Same-bar stop/target ambiguity</h2><p id="same-bar">${esc(sameBarText)}</p>
<h2>Trades (${trades.length})</h2><div class="scroll">${rowsHtml(trades, ['Symbol', 'Entry', 'Price', 'Exit', 'Price', 'Qty', 'Fees', 'PnL', 'Return', 'Exit reason'])}</div>
<h2>Settings</h2>${rowsHtml(settings, ['Setting', 'Value'])}
</body></html>
`;
}
