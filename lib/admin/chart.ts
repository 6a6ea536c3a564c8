import type { DayRevenue } from "./dashboard";

export interface Bar {
  day: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: Bar[];
  /** Horizontal grid lines: value and y. */
  ticks: { value: number; y: number }[];
  /** Day labels under the first, middle and last bars. */
  labels: { day: string; x: number }[];
}

/** The first of 1, 2, 2.5, 4, 5 or 8 × 10^n at or above `value`: its quarters are round axis steps. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 4, 5, 8, 10]) if (m * magnitude >= value) return m * magnitude;
  return 10 * magnitude;
}

/**
 * Bars of net revenue per day, laid out once on the server: the SVG needs no script. Negative days
 * (refunds above sales) are drawn as zero-height bars; their value stays in the data table.
 */
export function barChart(days: DayRevenue[], opts: { width?: number; height?: number } = {}): ChartGeometry {
  const width = opts.width ?? 720;
  const height = opts.height ?? 220;
  const plot = { left: 64, top: 12, right: width - 8, bottom: height - 28 };
  const max = niceCeiling(Math.max(0, ...days.map((d) => d.net)));
  const plotHeight = plot.bottom - plot.top;
  const slot = days.length > 0 ? (plot.right - plot.left) / days.length : 0;
  const barWidth = Math.max(1, slot * 0.7);
  const bars = days.map((d, i) => {
    const h = (Math.max(0, d.net) / max) * plotHeight;
    return { day: d.day, value: d.net, x: round(plot.left + i * slot + (slot - barWidth) / 2), y: round(plot.bottom - h), width: round(barWidth), height: round(h) };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ value: Math.round(max * f), y: round(plot.bottom - f * plotHeight) }));
  const labelIdx = days.length === 0 ? [] : [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  const labels = labelIdx.map((i) => ({ day: days[i]!.day, x: round(bars[i]!.x + bars[i]!.width / 2) }));
  return { width, height, plot, bars, ticks, labels };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
