import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * Chart.js, loaded only by the statistics dashboard through a dynamic import (its own chunk, see
 * scripts/build-web.ts). Only the pieces the dashboard draws are registered. Every chart has a
 * table twin in the page for screen readers and for reading exact figures; the canvas is an image
 * with a short label.
 */
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export interface ChartSeries {
  label: string;
  data: Array<number | null>;
  color: string;
  /** A line drawn over bars (or a line chart); dashed for targets. */
  line?: boolean;
  dashed?: boolean;
}

export interface ChartSpec {
  labels: string[];
  series: ChartSeries[];
  /** Bars along the y axis (long commune names read better so). */
  horizontal?: boolean;
  /** Axis and tooltip text of a value. */
  format: (value: number) => string;
  /** Fixed top of the value axis (percentages: 100). */
  max?: number;
  /** The page's language, for the number locale. */
  lang: 'vi' | 'en';
}

/** Long category names over several lines (horizontal bars on a phone would cut them). */
export function wrapLabel(label: string, max: number): string | string[] {
  if (label.length <= max) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): { destroy(): void } {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const allLines = spec.series.every((s) => s.line);
  return new Chart(canvas, {
    type: allLines ? 'line' : 'bar',
    data: {
      labels: spec.horizontal
        ? spec.labels.map((l) => wrapLabel(l, canvas.clientWidth < 500 ? 16 : 28))
        : spec.labels,
      datasets: spec.series.map((s) => ({
        type: s.line ? ('line' as const) : ('bar' as const),
        label: s.label,
        data: s.data,
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: s.line ? 2 : 0,
        borderDash: s.dashed ? [6, 4] : [],
        pointRadius: s.dashed ? 0 : 3,
        spanGaps: false,
        order: s.line ? 0 : 1,
      })),
    } as never,
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      // No animation: figures appear at once (slow phones, reduced motion, screenshots).
      animation: false,
      locale: spec.lang === 'vi' ? 'vi-VN' : 'en-US',
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14 } },
        tooltip: {
          callbacks: {
            label: (ctx) =>
              `${ctx.dataset.label ?? ''}: ${
                typeof ctx.parsed[valueAxis] === 'number'
                  ? spec.format(ctx.parsed[valueAxis] as number)
                  : '—'
              }`,
          },
        },
      },
      scales: {
        // Every category named, even when long names take two or three lines.
        [spec.horizontal ? 'y' : 'x']: { ticks: { autoSkip: !spec.horizontal } },
        [valueAxis]: {
          beginAtZero: true,
          ...(spec.max !== undefined ? { suggestedMax: spec.max } : {}),
          ticks: { callback: (v: string | number) => spec.format(Number(v)) },
        },
      },
    },
  });
}
