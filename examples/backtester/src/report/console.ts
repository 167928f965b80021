import type { Run } from '../run.js';
import { metricRows, num, pct } from './format.js';

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  return rows
    .map((row) =>
      row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/** The console summary: metrics vs benchmark, per-symbol rows and the same-bar comparison. */
export function consoleSummary(run: Run): string {
  const { summary, sameBar, result } = run;
  const c = result.config;
  const lines = [
    `strategy ${c.strategy} ${JSON.stringify(c.params)} on ${result.symbols.join(', ')} (${result.bars} bars)`,
    `fees taker ${c.takerFeeRate} maker ${c.makerFeeRate}, slippage ${c.slippageBps} bps, volume cap ${c.participation ?? 'none'}, same-bar rule ${c.sameBarRule}, sizing ${c.strategy === 'model' ? `kelly x ${c.kellyFraction} from the model's probabilities` : c.sizing}${c.riskLimits ? ', risk limits on' : ''}${c.rules === 'paper-bot' ? ', paper-bot rules' : ''}`,
    '',
    table([['Metric', 'Strategy', 'Buy & hold'], ...metricRows(summary.strategy, summary.benchmark)]),
    '',
    table([
      ['Symbol', 'Trades', 'Win rate', 'PnL', 'Fees', 'Buy & hold'],
      ...summary.perSymbol.map((s) => [
        s.symbol,
        String(s.trades),
        pct(s.winRate),
        num(s.pnl),
        num(s.fees),
        pct(s.buyAndHold),
      ]),
    ]),
    '',
    `same-bar stop/target: ${sameBar.ambiguousBars} ambiguous bars, ${sameBar.ambiguousTrades} trades affected; ` +
      `stop first ${pct(sameBar.stopFirst.totalReturn)} (${num(sameBar.stopFirst.finalEquity)}), ` +
      `target first ${pct(sameBar.targetFirst.totalReturn)} (${num(sameBar.targetFirst.finalEquity)})`,
  ];
  const refusals = Object.entries(result.venueRefusals);
  if (refusals.length > 0)
    lines.push(`orders not placed or canceled: ${refusals.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
