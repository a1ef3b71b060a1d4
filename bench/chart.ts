// A horizontal bar chart in plain SVG, log scale (the figures span three orders of magnitude),
// ours, the peers and the parse-only floor each in their colour, each bar labelled with its value.

export type BarKind = 'ours' | 'peer' | 'floor';

export interface BarGroup {
  label: string;
  bars: { label: string; value: number; kind: BarKind }[];
}

const WIDTH = 760;
const LABEL_WIDTH = 300;
const BAR_HEIGHT = 16;
const GAP = 4;
const GROUP_GAP = 14;
const TOP = 48;
const COLOURS: Record<BarKind, string> = { ours: '#2f6fb3', peer: '#b0b0b0', floor: '#a9c8e8' };

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatValue(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function barChart(title: string, unit: string, note: string, groups: readonly BarGroup[]): string {
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => v > 0 && Number.isFinite(v));
  const low = Math.pow(10, Math.floor(Math.log10(Math.min(...values))));
  const high = Math.pow(10, Math.ceil(Math.log10(Math.max(...values))));
  const plotWidth = WIDTH - LABEL_WIDTH - 70;
  const x = (v: number) => LABEL_WIDTH + (plotWidth * Math.log10(Math.max(v, low) / low)) / Math.log10(high / low);
  const out: string[] = [];
  let y = TOP;
  for (const group of groups) {
    out.push(`<text x="8" y="${y + 12}" font-weight="bold">${escape(group.label)}</text>`);
    y += BAR_HEIGHT + GAP;
    for (const bar of group.bars) {
      const end = x(bar.value);
      out.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end">${escape(bar.label)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${Math.max(1, end - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOURS[bar.kind]}"/>`,
        `<text x="${(end + 4).toFixed(1)}" y="${y + 12}">${Number.isFinite(bar.value) ? formatValue(bar.value) : 'n/a'}</text>`,
      );
      y += BAR_HEIGHT + GAP;
    }
    y += GROUP_GAP;
  }
  const grid: string[] = [];
  for (let v = low; v <= high * 1.0001; v *= 10) {
    grid.push(`<line x1="${x(v).toFixed(1)}" y1="${TOP - 6}" x2="${x(v).toFixed(1)}" y2="${y - GROUP_GAP}" stroke="#e4e4e4"/>`, `<text x="${x(v).toFixed(1)}" y="${TOP - 10}" text-anchor="middle" fill="#666">${v.toLocaleString('en-US', { maximumSignificantDigits: 1 })}</text>`);
  }
  const height = y + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escape(title)} (${escape(unit)}, log scale)</text>`,
    ...grid,
    ...out,
    `<text x="8" y="${height - 8}" fill="#666">${escape(note)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
