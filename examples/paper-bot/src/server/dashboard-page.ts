/** The dashboard: one self-contained page (no external scripts, styles or fonts), fed by `/events`. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RRR paper bot</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1d2433; background: #f6f7f9; }
  h1 { font-size: 1.2rem; margin: 0 0 1rem; }
  .cards { display: flex; flex-wrap: wrap; gap: .75rem; margin-bottom: 1rem; }
  .card { background: #fff; border-radius: 6px; padding: .6rem .9rem; min-width: 8rem; box-shadow: 0 1px 2px #0002; }
  .card b { display: block; font-size: 1.1rem; }
  .card span { color: #5b6478; font-size: .8rem; }
  section { background: #fff; border-radius: 6px; padding: .75rem; margin-bottom: 1rem; box-shadow: 0 1px 2px #0002; }
  h2 { font-size: .95rem; margin: 0 0 .5rem; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; }
  td, th { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #e3e6eb; }
  svg { width: 100%; height: 160px; display: block; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
  #conn { font-size: .8rem; color: #5b6478; }
</style>
</head>
<body>
<h1>RRR paper bot <span id="conn">connecting…</span></h1>
<div class="cards">
  <div class="card"><span>bar</span><b id="bar">-</b></div>
  <div class="card"><span>bars processed</span><b id="bars">0</b></div>
  <div class="card"><span>equity</span><b id="equity">-</b></div>
  <div class="card"><span>cash</span><b id="cash">-</b></div>
  <div class="card"><span>drawdown / max</span><b id="drawdown">-</b></div>
  <div class="card"><span>last signal</span><b id="signal">-</b></div>
  <div class="card"><span>risk state</span><b id="risk">-</b></div>
</div>
<section><h2>Equity</h2><svg id="equityChart" viewBox="0 0 800 160" preserveAspectRatio="none"><polyline id="equityLine" fill="none" stroke="#2563eb" stroke-width="1.5" points=""></polyline></svg></section>
<section><h2>Drawdown</h2><svg id="ddChart" viewBox="0 0 800 160" preserveAspectRatio="none"><polyline id="ddLine" fill="none" stroke="#dc2626" stroke-width="1.5" points=""></polyline></svg></section>
<div class="grid">
  <section><h2>Positions</h2><table><thead><tr><th>symbol</th><th>price</th><th>position</th><th>avg entry</th><th>signal</th></tr></thead><tbody id="positions"></tbody></table></section>
  <section><h2>Open orders</h2><table><thead><tr><th>id</th><th>symbol</th><th>side</th><th>type</th><th>qty</th><th>status</th></tr></thead><tbody id="orders"></tbody></table></section>
  <section><h2>Recent fills</h2><table><thead><tr><th>time</th><th>symbol</th><th>side</th><th>qty</th><th>price</th><th>fee</th></tr></thead><tbody id="fills"></tbody></table></section>
  <section><h2>Last predictions</h2><table><thead><tr><th>time</th><th>symbol</th><th>signal</th><th>up</th><th>flat</th><th>down</th></tr></thead><tbody id="predictions"></tbody></table></section>
</div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const iso = (ms) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "-");
const pct = (x) => (x * 100).toFixed(2) + "%";
function rows(target, items, cells) {
  const body = $(target);
  body.replaceChildren(...items.map((item) => {
    const tr = document.createElement("tr");
    for (const text of cells(item)) { const td = document.createElement("td"); td.textContent = text; tr.append(td); }
    return tr;
  }));
}
function line(target, values) {
  if (values.length < 2) { $(target).setAttribute("points", ""); return; }
  const min = Math.min(...values), max = Math.max(...values), span = max - min || 1;
  $(target).setAttribute("points", values.map((v, i) => (i * 800 / (values.length - 1)).toFixed(1) + "," + (155 - (v - min) * 150 / span).toFixed(1)).join(" "));
}
function render(s) {
  $("bar").textContent = iso(s.barTime);
  $("bars").textContent = s.barsProcessed + " / " + s.barsTotal;
  $("equity").textContent = s.equity.toFixed(2);
  $("cash").textContent = s.cash.toFixed(2);
  $("drawdown").textContent = pct(s.drawdown) + " / " + pct(s.maxDrawdown);
  $("signal").textContent = s.lastSignal;
  $("risk").textContent = s.riskState;
  const eq = s.equityCurve.map((p) => p[1]);
  line("equityLine", eq);
  let peak = -Infinity;
  line("ddLine", eq.map((v) => { peak = Math.max(peak, v); return -(1 - v / peak); }));
  rows("positions", s.positions, (p) => [p.symbol, Number.isFinite(p.price) ? p.price.toFixed(2) : "-", String(p.quantity), p.averageEntryPrice.toFixed(2), p.lastSignal]);
  rows("orders", s.openOrders, (o) => [o.orderId, o.symbol, o.side, o.type, o.quantity, o.status]);
  rows("fills", s.recentFills.slice().reverse(), (f) => [iso(f.time), f.symbol, f.side, f.quantity, f.price, f.fee]);
  rows("predictions", s.recentPredictions.slice().reverse(), (p) => [iso(p.time), p.symbol, p.direction, p.up.toFixed(3), p.flat.toFixed(3), p.down.toFixed(3)]);
}
const source = new EventSource("/events");
source.addEventListener("open", () => { $("conn").textContent = "live"; });
source.addEventListener("error", () => { $("conn").textContent = "disconnected"; });
source.addEventListener("state", (event) => render(JSON.parse(event.data)));
</script>
</body>
</html>
`;
