/** The visible time window and its mapping to pixels: zoom around a point, pan, fit, clamp. Pure. */

export interface Viewport {
  /** Visible time range (ms). */
  from: number;
  to: number;
  /** Pixels of the plot area (left edge and width). */
  left: number;
  width: number;
}

/** The widest column of row labels, and the space kept right of the plot. */
export const LABEL_WIDTH = 170;
const RIGHT_GAP = 10;

/**
 * Where the plot is in a chart `chartWidth` pixels wide: right of the row labels, inside the chart. The
 * labels give up width first (down to 30% of a narrow panel), so the whole time range stays in view.
 */
export function plotArea(chartWidth: number): { left: number; width: number } {
    const available = Math.max(2, chartWidth - RIGHT_GAP);
    const left = Math.round(Math.min(LABEL_WIDTH, available * 0.3));
    return { left, width: Math.max(1, available - left) };
}

/** The narrowest window: one second across the plot. */
export const MIN_SPAN_MS = 1000;

export function x(view: Viewport, time: number): number {
  return view.left + ((time - view.from) / (view.to - view.from)) * view.width;
}

export function timeAt(view: Viewport, px: number): number {
  return view.from + ((px - view.left) / view.width) * (view.to - view.from);
}

/** The whole data range with a margin of 2% on each side (a single instant gets a minute around it). */
export function fit(start: number, end: number, left: number, width: number): Viewport {
  const span = Math.max(end - start, 60_000);
  const middle = (start + end) / 2;
  const half = (span * 1.04) / 2;
  return { from: middle - half, to: middle + half, left, width };
}

/** Keeps the window inside the data range with its margin, and no narrower than MIN_SPAN_MS. */
export function clamp(view: Viewport, bounds: Viewport): Viewport {
  let span = Math.min(Math.max(view.to - view.from, MIN_SPAN_MS), bounds.to - bounds.from);
  if (!Number.isFinite(span) || span <= 0) {
    span = bounds.to - bounds.from;
  }
  let from = Math.min(Math.max(view.from, bounds.from), bounds.to - span);
  if (!Number.isFinite(from)) {
    from = bounds.from;
  }
  return { ...view, from, to: from + span };
}

/** Zooms by `factor` (> 1 zooms in) keeping the time under `px` where it is. */
export function zoomAt(view: Viewport, factor: number, px: number, bounds: Viewport): Viewport {
  const anchor = timeAt(view, px);
  const span = (view.to - view.from) / factor;
  const ratio = (px - view.left) / view.width;
  return clamp({ ...view, from: anchor - ratio * span, to: anchor - ratio * span + span }, bounds);
}

/** Moves the window by `dx` pixels (positive: later times come into view). */
export function panBy(view: Viewport, dx: number, bounds: Viewport): Viewport {
  const shift = (dx / view.width) * (view.to - view.from);
  return clamp({ ...view, from: view.from + shift, to: view.to + shift }, bounds);
}

/** Shows [from, to] (a brushed range), within the bounds. */
export function showRange(view: Viewport, from: number, to: number, bounds: Viewport): Viewport {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  return clamp({ ...view, from: lo, to: hi }, bounds);
}

/** Pans so that `time` is in view (centred when it was outside); unchanged when already visible. */
export function reveal(view: Viewport, time: number, bounds: Viewport): Viewport {
  if (time >= view.from && time <= view.to) {
    return view;
  }
  const span = view.to - view.from;
  return clamp({ ...view, from: time - span / 2, to: time + span / 2 }, bounds);
}
