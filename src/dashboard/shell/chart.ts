// Charts as inline SVG drawn on the server: no script, no library, nothing to download. Each chart names itself in
// <title>, each bar or point carries its own <title> (a tooltip on hover), and a table with the same figures sits
// beside it for screen readers and for anyone who wants the exact numbers.
import { html } from "hono/html";
import { randomToken } from "../../http/crypto";

export interface Series {
  name: string;
  /** One value per label; null where there is no figure (drawn as a gap). */
  values: (number | null)[];
}

export interface ChartSpec {
  title: string;
  kind: "bar" | "line";
  /** The x axis, e.g. days as YYYY-MM-DD. */
  labels: string[];
  series: Series[];
  /** How a value reads on the axis, in tooltips and in the table. */
  format?: (v: number) => string;
  /** What the y axis measures (shown above it). */
  unit?: string;
}

const W = 640;
const H = 220;
const PAD = { left: 64, right: 12, top: 18, bottom: 34 };
const COLORS = ["#0b57d0", "#b45309", "#116329", "#a40e26"];

/** A round top for the y axis so the ticks read as whole steps (1, 2, 2.5 or 5 × a power of ten). */
export function niceMax(max: number) {
  if (!(max > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * pow >= max) return step * pow;
  return 10 * pow;
}

/** The x labels that fit: first, last and evenly spaced ones between, at most `room` of them. */
const xTicks = (n: number, room = 7) => {
  if (n <= room) return [...Array(n).keys()];
  const step = (n - 1) / (room - 1);
  return [...new Set([...Array(room).keys()].map((i) => Math.round(i * step)))];
};

export function chart(spec: ChartSpec) {
  const fmt = spec.format ?? ((v: number) => String(v));
  const id = `chart-${randomToken(8)}`;
  const n = spec.labels.length;
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v != null));
  const top = niceMax(Math.max(0, ...all));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = n ? plotW / n : plotW;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const xMid = (i: number) => PAD.left + slot * i + slot / 2;

  const grid = [0, 0.5, 1].map((f) => {
    const v = top * f;
    return html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#d0d7de" /><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#57606a">${fmt(v)}</text>`;
  });
  const xLabels = xTicks(n).map(
    (i) => html`<text x="${xMid(i)}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-size="11" fill="#57606a">${shortLabel(spec.labels[i]!)}</text>`,
  );

  const marks = spec.series.map((s, si) => {
    const color = COLORS[si % COLORS.length];
    if (spec.kind === "bar") {
      const barW = Math.max(1, (slot * 0.8) / spec.series.length);
      return s.values.map((v, i) =>
        v == null
          ? html``
          : html`<rect x="${PAD.left + slot * i + slot * 0.1 + barW * si}" y="${y(v)}" width="${barW}" height="${Math.max(0, PAD.top + plotH - y(v))}" fill="${color}"><title>${spec.labels[i]} · ${s.name}: ${fmt(v)}</title></rect>`,
      );
    }
    // A line breaks where a day has no figure, rather than drawing through it as if it were zero.
    const runs: string[] = [];
    let run: string[] = [];
    s.values.forEach((v, i) => {
      if (v == null) {
        if (run.length) runs.push(run.join(" "));
        run = [];
      } else run.push(`${xMid(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (run.length) runs.push(run.join(" "));
    return html`${runs.map((pts) => html`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2" />`)}${s.values.map((v, i) =>
      v == null ? html`` : html`<circle cx="${xMid(i)}" cy="${y(v)}" r="3" fill="${color}"><title>${spec.labels[i]} · ${s.name}: ${fmt(v)}</title></circle>`,
    )}`;
  });

  const legend =
    spec.series.length > 1
      ? html`<p class="muted">${spec.series.map(
          (s, si) => html`<span style="color:${COLORS[si % COLORS.length]}">■</span> ${s.name} `,
        )}</p>`
      : html``;

  return html`<figure class="panel chart" style="margin:0">
<figcaption><strong id="${id}-t">${spec.title}</strong>${spec.unit ? html` <span class="muted">(${spec.unit})</span>` : html``}</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-title" style="max-width:${W}px;height:auto">
<title id="${id}-title">${spec.title}${n ? html`, ${spec.labels[0]} to ${spec.labels[n - 1]}` : html``}</title>
${grid}<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#8c959f" />${marks}${xLabels}
${n ? html`` : html`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#57606a">No figures in this period</text>`}
</svg>${legend}
<details><summary>The figures as a table</summary>
<table aria-labelledby="${id}-t"><thead><tr><th scope="col">Day</th>${spec.series.map((s) => html`<th scope="col" class="num">${s.name}</th>`)}</tr></thead>
<tbody>${spec.labels.map(
    (label, i) =>
      html`<tr><th scope="row">${label}</th>${spec.series.map((s) => {
        const v = s.values[i];
        return html`<td class="num">${v == null ? "—" : fmt(v)}</td>`;
      })}</tr>`,
  )}</tbody></table></details>
</figure>`;
}

/** "2026-07-01" reads as "07-01" under the axis; the full day is in the tooltip and the table. */
const shortLabel = (label: string) => (/^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(5) : label);

/** Every day from `from` to `to` (YYYY-MM-DD, UTC), inclusive: the x axis of a daily chart, gaps included. */
export function daysFrom(from: string, to: string) {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
