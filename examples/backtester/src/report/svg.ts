const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** HTML-escapes text. */
export const escapeHtml = esc;

/** One line of a line chart. */
export interface Line {
  /** Legend label. */
  readonly label: string;
  /** CSS colour. */
  readonly color: string;
  /** Values on the shared x axis. */
  readonly values: ArrayLike<number>;
}

/** Keeps at most `max` evenly spaced indices (always the first and the last). */
function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}

/** A line chart as inline SVG with y-axis labels and first/last dates. */
export function lineChart(
  id: string,
  time: ArrayLike<number>,
  lines: readonly Line[],
  format: (v: number) => string,
  options: { width?: number; height?: number; fill?: boolean } = {},
): string {
  const width = options.width ?? 900;
  const height = options.height ?? 260;
  const pad = { l: 70, r: 10, t: 24, b: 24 };
  const n = time.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    for (let i = 0; i < line.values.length; i++) {
      const v = line.values[i] ?? 0;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo) || lo === hi) {
    lo = (Number.isFinite(lo) ? lo : 0) - 1;
    hi = lo + 2;
  }
  const x = (i: number): number => pad.l + ((width - pad.l - pad.r) * i) / Math.max(1, n - 1);
  const y = (v: number): number => pad.t + ((height - pad.t - pad.b) * (hi - v)) / (hi - lo);
  const idx = sampleIndices(n, 1200);
  const paths = lines.map((line) => {
    const d = idx
      .map((i, k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(line.values[i] ?? 0).toFixed(1)}`)
      .join('');
    const area = options.fill
      ? `${d}L${x(n - 1).toFixed(1)},${y(hi).toFixed(1)}L${x(0).toFixed(1)},${y(hi).toFixed(1)}Z`
      : '';
    return `${area ? `<path d="${area}" fill="${line.color}" fill-opacity="0.25" stroke="none"/>` : ''}<path class="series" d="${d}" fill="none" stroke="${line.color}" stroke-width="1.3"/>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = lo + (hi - lo) * f;
    return `<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${esc(format(v))}</text>`;
  });
  const date = (i: number): string => new Date(time[i] ?? 0).toISOString().slice(0, 10);
  const legend = lines
    .map(
      (l, k) =>
        `<rect x="${pad.l + k * 160}" y="6" width="12" height="10" fill="${l.color}"/><text x="${pad.l + k * 160 + 16}" y="15">${esc(l.label)}</text>`,
    )
    .join('');
  return `<svg id="${id}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${ticks.join('')}${paths.join('')}${legend}<text x="${pad.l}" y="${height - 6}">${n > 0 ? date(0) : ''}</text><text x="${width - pad.r}" y="${height - 6}" text-anchor="end">${n > 0 ? date(n - 1) : ''}</text></svg>`;
}

/** Monthly returns heatmap (rows = years, columns = months) as inline SVG. */
export function monthlyHeatmap(id: string, months: readonly (readonly [number, number, number])[]): string {
  const years = [...new Set(months.map((m) => m[0]))].sort();
  const cell = { w: 62, h: 28 };
  const left = 50;
  const top = 22;
  const width = left + 12 * cell.w + 10;
  const height = top + years.length * cell.h + 8;
  const max = Math.max(0.0001, ...months.map((m) => Math.abs(m[2])));
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const parts: string[] = names.map(
    (n, k) => `<text x="${left + k * cell.w + cell.w / 2}" y="15" text-anchor="middle">${n}</text>`,
  );
  years.forEach((yr, row) => {
    parts.push(`<text x="${left - 6}" y="${top + row * cell.h + 18}" text-anchor="end">${yr}</text>`);
  });
  for (const [yr, mo, r] of months) {
    const row = years.indexOf(yr);
    const a = Math.min(1, Math.abs(r) / max);
    const color =
      r >= 0
        ? `rgba(22,140,60,${(0.15 + 0.85 * a).toFixed(3)})`
        : `rgba(200,40,40,${(0.15 + 0.85 * a).toFixed(3)})`;
    const cx = left + (mo - 1) * cell.w;
    const cy = top + row * cell.h;
    parts.push(
      `<rect class="month" x="${cx}" y="${cy}" width="${cell.w - 2}" height="${cell.h - 2}" fill="${color}"><title>${yr}-${String(mo).padStart(2, '0')}: ${(r * 100).toFixed(2)}%</title></rect><text x="${cx + cell.w / 2 - 1}" y="${cy + 18}" text-anchor="middle">${(r * 100).toFixed(1)}%</text>`,
    );
  }
  return `<svg id="${id}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${parts.join('')}</svg>`;
}
