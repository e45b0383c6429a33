// The bench's rows as a hand-written SVG bar chart (bench/results.svg, shown beside the table in bench/README.md):
// one bar per row, its throughput on a shared axis, with the baseline's median and spread and the floor drawn across.

export interface ChartRow {
  label: string;
  /** Successful answers per second. */
  value: number;
  /** The spread of repeated measurements of this row, if it was measured more than once. */
  min?: number;
  max?: number;
  kind: "baseline" | "floor" | "row";
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function chartSvg(rows: ChartRow[], title: string): string {
  const [labelW, barW, rowH, top, right] = [380, 400, 26, 44, 70];
  const width = labelW + barW + right;
  const height = top + rows.length * rowH + 36;
  const top$ = Math.max(1, ...rows.map((r) => r.max ?? r.value));
  const x = (v: number) => labelW + (v / top$) * barW;
  const color = { baseline: "#8a8f98", floor: "#d08a2e", row: "#3a6fb0" } as const;
  const baseline = rows.find((r) => r.kind === "baseline");
  const floor = rows.find((r) => r.kind === "floor");
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="600">${escape(title)}</text>`,
    `<text x="10" y="36" fill="#555">successful answers per second; grey band: baseline min–max, orange line: floor</text>`,
  ];
  const bottom = top + rows.length * rowH;
  if (baseline?.min !== undefined && baseline.max !== undefined)
    parts.push(`<rect x="${x(baseline.min).toFixed(1)}" y="${top}" width="${Math.max(1, x(baseline.max) - x(baseline.min)).toFixed(1)}" height="${bottom - top}" fill="#8a8f98" opacity="0.15"/>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end">${escape(r.label)}</text>`,
      `<rect x="${labelW}" y="${y + 5}" width="${Math.max(1, x(r.value) - labelW).toFixed(1)}" height="${rowH - 10}" fill="${color[r.kind]}"/>`,
      `<text x="${(x(r.value) + 4).toFixed(1)}" y="${y + 17}" fill="#333">${Math.round(r.value).toLocaleString("en-US")}</text>`,
    );
    if (r.min !== undefined && r.max !== undefined && r.max > r.min)
      parts.push(`<line x1="${x(r.min).toFixed(1)}" x2="${x(r.max).toFixed(1)}" y1="${y + rowH / 2}" y2="${y + rowH / 2}" stroke="#222" stroke-width="1.5"/>`);
  });
  if (floor) parts.push(`<line x1="${x(floor.value).toFixed(1)}" x2="${x(floor.value).toFixed(1)}" y1="${top}" y2="${bottom}" stroke="#d08a2e" stroke-dasharray="4 3"/>`);
  parts.push(
    `<line x1="${labelW}" x2="${labelW}" y1="${top}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${labelW}" y="${bottom + 16}" fill="#555">0</text>`,
    `<text x="${labelW + barW}" y="${bottom + 16}" text-anchor="end" fill="#555">${Math.round(top$).toLocaleString("en-US")}/s</text>`,
    `</svg>`,
  );
  return `${parts.join("\n")}\n`;
}
