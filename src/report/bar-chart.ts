/**
 * A horizontal bar chart as inline SVG: the report's timings per phase and per table. Drawn here,
 * in a few lines, so the HTML report stays one file that loads nothing.
 */
import { escapeHtml } from './html-escape.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const ROW = 22;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 360;
const VALUE_WIDTH = 90;

/** `unit` follows each value (`s`); `title` names the chart for screen readers. */
export function barChart(title: string, bars: readonly Bar[], unit: string): string {
  if (bars.length === 0) return '';
  const max = Math.max(...bars.map((b) => b.value), Number.EPSILON);
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = bars.length * ROW + 4;
  const rows = bars.map((bar, i) => {
    const y = i * ROW + 2;
    const length = Math.max(1, Math.round((bar.value / max) * BAR_WIDTH));
    const label = escapeHtml(bar.label);
    const shown = `${formatNumber(bar.value)} ${unit}`;
    return (
      `<g><title>${label}: ${escapeHtml(shown)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${label}</text>` +
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 3}" width="${length}" height="${ROW - 6}" rx="2"></rect>` +
      `<text x="${LABEL_WIDTH + length + 6}" y="${y + 15}">${escapeHtml(shown)}</text></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" ` +
    `width="${width}" height="${height}">${rows.join('')}</svg>`
  );
}

function formatNumber(value: number): string {
  if (Number.isInteger(value) || value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}
