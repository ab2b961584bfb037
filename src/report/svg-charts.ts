/**
 * Small, dependency-free SVG charts for report.html: bars (grouped or
 * stacked, vertical or horizontal), lines and donuts. Every label is escaped;
 * every chart carries a <title> and the numbers it shows, so it reads offline
 * and in a screen reader.
 */
export interface Series {
  label: string;
  values: Array<number | null>;
}

export const PALETTE = ['#2f6fdf', '#f08c2e', '#3aa57a', '#c9514f', '#8a63d2', '#7a8793', '#d4a72c', '#2ab3c0'];

const W = 560;
const H = 300;
const PAD = { top: 36, right: 16, bottom: 56, left: 56 };

export function escapeXml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : (Math.round(n * 10) / 10).toLocaleString('en-US'));

/** A round upper bound and tick step for a maximum. */
function scale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

function frame(title: string, body: string, legend: string[] = []): string {
  const id = `c${Math.abs(hash(title + body)).toString(36)}`;
  const legendSvg = legend
    .map((l, i) => `<g transform="translate(${PAD.left + i * 130},${H - 18})"><rect width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="14" y="9" class="legend">${escapeXml(l)}</text></g>`)
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">${escapeXml(title)}</title><text x="${PAD.left}" y="20" class="chart-title">${escapeXml(title)}</text>${body}${legendSvg}</svg>`;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function empty(title: string, note: string): string {
  return frame(title, `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="muted">${escapeXml(note)}</text>`);
}

/** Vertical bars: one group per category, one bar per series (or stacked). */
export function barChart(opts: { title: string; categories: string[]; series: Series[]; stacked?: boolean; empty?: string }): string {
  const { categories, series, stacked } = opts;
  const totals = categories.map((_, i) => (stacked ? series.reduce((s, x) => s + (x.values[i] ?? 0), 0) : Math.max(0, ...series.map((x) => x.values[i] ?? 0))));
  if (categories.length === 0 || totals.every((t) => t === 0)) return empty(opts.title, opts.empty ?? '—');
  const { top, step } = scale(Math.max(...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  let body = '';
  for (let v = 0; v <= top + 1e-9; v += step) {
    body += `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" class="tick">${fmt(v)}</text>`;
  }
  const groupW = plotW / categories.length;
  const barW = Math.min(48, (groupW * 0.7) / (stacked ? 1 : series.length));
  categories.forEach((cat, i) => {
    const gx = PAD.left + i * groupW + (groupW - barW * (stacked ? 1 : series.length)) / 2;
    let base = 0;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const x = stacked ? gx : gx + k * barW;
      const y0 = y(stacked ? base + v : v);
      const h = y(stacked ? base : 0) - y0;
      body += `<rect x="${x}" y="${y0}" width="${barW - 2}" height="${Math.max(0, h)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeXml(`${cat} · ${s.label}: ${fmt(v)}`)}</title></rect>`;
      if (!stacked && v > 0) body += `<text x="${x + (barW - 2) / 2}" y="${y0 - 4}" text-anchor="middle" class="value">${fmt(v)}</text>`;
      base += v;
    });
    if (stacked && totals[i] > 0) body += `<text x="${gx + (barW - 2) / 2}" y="${y(totals[i]) - 4}" text-anchor="middle" class="value">${fmt(totals[i])}</text>`;
    body += `<text x="${PAD.left + i * groupW + groupW / 2}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="tick">${escapeXml(cat)}</text>`;
  });
  return frame(opts.title, body, series.length > 1 ? series.map((s) => s.label) : []);
}

/** Horizontal bars, for long category names (tier moves). */
export function hbarChart(opts: { title: string; items: Array<{ label: string; value: number }>; empty?: string }): string {
  const items = opts.items.slice(0, 8);
  if (items.length === 0) return empty(opts.title, opts.empty ?? '—');
  const left = 150;
  const { top } = scale(Math.max(...items.map((i) => i.value)));
  const rowH = (H - PAD.top - 24) / items.length;
  const body = items
    .map((it, i) => {
      const w = ((W - left - 60) * it.value) / top;
      const y0 = PAD.top + i * rowH;
      return `<text x="${left - 8}" y="${y0 + rowH / 2 + 4}" text-anchor="end" class="tick">${escapeXml(it.label)}</text><rect x="${left}" y="${y0 + rowH * 0.15}" width="${Math.max(0, w)}" height="${rowH * 0.7}" fill="${PALETTE[0]}"><title>${escapeXml(`${it.label}: ${fmt(it.value)}`)}</title></rect><text x="${left + w + 6}" y="${y0 + rowH / 2 + 4}" class="value">${fmt(it.value)}</text>`;
    })
    .join('');
  return frame(opts.title, body);
}

/** Lines over ordered x labels; a single point is drawn as a dot. */
export function lineChart(opts: { title: string; x: string[]; series: Series[]; empty?: string }): string {
  const values = opts.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (opts.x.length === 0 || values.length === 0) return empty(opts.title, opts.empty ?? '—');
  const { top, step } = scale(Math.max(...values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (opts.x.length === 1 ? plotW / 2 : (i * plotW) / (opts.x.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  let body = '';
  for (let v = 0; v <= top + 1e-9; v += step) {
    body += `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" class="tick">${fmt(v)}</text>`;
  }
  const every = Math.max(1, Math.ceil(opts.x.length / 6));
  opts.x.forEach((label, i) => {
    if (i % every !== 0 && i !== opts.x.length - 1) return;
    // The first and last labels lean inwards so they are not cut at the edges.
    const anchor = opts.x.length === 1 ? 'middle' : i === 0 ? 'start' : i === opts.x.length - 1 ? 'end' : 'middle';
    body += `<text x="${x(i)}" y="${H - PAD.bottom + 16}" text-anchor="${anchor}" class="tick">${escapeXml(label)}</text>`;
  });
  opts.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const pts = s.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter(Boolean);
    if (pts.length > 1) body += `<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`;
    s.values.forEach((v, i) => {
      if (v !== null) body += `<circle cx="${x(i)}" cy="${y(v)}" r="3.5" fill="${color}"><title>${escapeXml(`${opts.x[i]} · ${s.label}: ${fmt(v)}`)}</title></circle>`;
    });
  });
  return frame(opts.title, body, opts.series.map((s) => s.label));
}

/** A donut with its share labels in the legend. */
export function donutChart(opts: { title: string; slices: Array<{ label: string; value: number }>; empty?: string }): string {
  const slices = opts.slices.filter((s) => s.value > 0);
  const total = slices.reduce((s, x) => s + x.value, 0);
  if (total === 0) return empty(opts.title, opts.empty ?? '—');
  const cx = 150;
  const cy = 160;
  const r = 100;
  const inner = 58;
  let a0 = -Math.PI / 2;
  let body = '';
  slices.forEach((s, k) => {
    const a1 = a0 + (s.value / total) * Math.PI * 2;
    const color = PALETTE[k % PALETTE.length];
    const title = `<title>${escapeXml(`${s.label}: ${fmt(s.value)} (${Math.round((s.value / total) * 100)}%)`)}</title>`;
    if (slices.length === 1) {
      body += `<circle cx="${cx}" cy="${cy}" r="${(r + inner) / 2}" fill="none" stroke="${color}" stroke-width="${r - inner}">${title}</circle>`;
    } else {
      const large = a1 - a0 > Math.PI ? 1 : 0;
      const p = (a: number, rad: number) => `${cx + rad * Math.cos(a)},${cy + rad * Math.sin(a)}`;
      body += `<path d="M${p(a0, r)} A${r},${r} 0 ${large} 1 ${p(a1, r)} L${p(a1, inner)} A${inner},${inner} 0 ${large} 0 ${p(a0, inner)} Z" fill="${color}">${title}</path>`;
    }
    body += `<g transform="translate(290,${70 + k * 26})"><rect width="12" height="12" fill="${color}"/><text x="18" y="11" class="legend">${escapeXml(s.label)} · ${fmt(s.value)} (${Math.round((s.value / total) * 100)}%)</text></g>`;
    a0 = a1;
  });
  body += `<text x="${cx}" y="${cy + 6}" text-anchor="middle" class="total">${fmt(total)}</text>`;
  return frame(opts.title, body);
}
