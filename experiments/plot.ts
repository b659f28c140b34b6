/** A tiny SVG line plotter: axes, ticks, labels and one polyline per series (no dependency). */
import type { Experiment } from './experiment.ts';

const W = 640;
const H = 400;
const M = { left: 70, right: 20, top: 40, bottom: 60 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

/** Round tick values spanning [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The experiment as a standalone SVG document. */
export function plot(e: Experiment): string {
  const rows = e.series.flatMap((s) => s.rows);
  const xs = rows.map((r) => r.x);
  const ys = rows.map((r) => r.y);
  const [x0, x1] = [Math.min(...xs, 0), Math.max(...xs, 1)];
  const top = Math.max(...ys, 1);
  // A log scale shows hundreds of hops and single digits on one plot; ticks at powers of ten.
  const scale = e.logY === true ? (y: number) => Math.log10(Math.max(y, 1)) : (y: number) => y;
  const y1 = scale(top) * 1.05 || 1;
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (scale(y) / y1) * (H - M.top - M.bottom);
  const yTicks =
    e.logY === true
      ? Array.from({ length: Math.floor(Math.log10(top)) + 1 }, (_, k) => 10 ** k)
      : ticks(0, y1);
  const f = (n: number) => n.toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(e.title)}</text>`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
  ];
  for (const t of ticks(x0, x1)) {
    out.push(
      `<line x1="${f(px(t))}" y1="${H - M.bottom}" x2="${f(px(t))}" y2="${H - M.bottom + 5}" stroke="black"/>`,
      `<text x="${f(px(t))}" y="${H - M.bottom + 18}" text-anchor="middle">${t}</text>`,
    );
  }
  for (const t of yTicks) {
    out.push(
      `<line x1="${M.left - 5}" y1="${f(py(t))}" x2="${M.left}" y2="${f(py(t))}" stroke="black"/>`,
      `<text x="${M.left - 8}" y="${f(py(t) + 4)}" text-anchor="end">${t}</text>`,
    );
  }
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 15}" text-anchor="middle">${esc(e.xLabel)}</text>`,
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(e.yLabel)}</text>`,
  );
  for (const [i, s] of e.series.entries()) {
    const colour = COLOURS[i % COLOURS.length]!;
    const points = s.rows.map((r) => `${f(px(r.x))},${f(py(r.y))}`).join(' ');
    out.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`,
      `<text x="${W - M.right - 5}" y="${M.top + 14 * (i + 1)}" text-anchor="end" fill="${colour}">${esc(s.name)}</text>`,
    );
  }
  out.push('</svg>', '');
  return out.join('\n');
}
