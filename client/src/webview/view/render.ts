/** Drawing the histogram and the rows on canvases. Log text is only ever drawn with fillText (inert). */
import { scaleUtc } from 'd3-scale';
import { HitList } from '../hits';
import { Layout } from '../layout';
import { LEVEL_CLASSES, MarkKind, TimelineData } from '../model';
import { tickLabel } from '../format';
import { Viewport, x } from '../viewport';
import { Palette } from './theme';

export const AXIS_HEIGHT = 20;
export const LANE_HEIGHT = 12;
export const ROW_GAP = 6;

export interface Frame {
  data: TimelineData;
  layout: Layout;
  view: Viewport;
  palette: Palette;
  /** Vertical scroll of the rows, in pixels. */
  scrollY: number;
  rowTops: Float64Array;
  selected?: number;
  cursor?: { time?: number; session?: number };
  brush?: { from: number; to: number };
}

export function rowHeight(lanes: number): number {
  return lanes * LANE_HEIGHT + ROW_GAP;
}

/** Top of each row (before scrolling), and the total height as the last element. */
export function rowTops(layout: Layout): Float64Array {
  const tops = new Float64Array(layout.rows.length + 1);
  for (let i = 0; i < layout.rows.length; i++) {
    tops[i + 1] = tops[i] + rowHeight(layout.rows[i].lanes);
  }
  return tops;
}

/** Resizes the canvas to its CSS box at the device's pixel ratio; returns a context scaled to CSS pixels. */
export function prepare(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, canvas.clientWidth);
  const height = Math.max(1, canvas.clientHeight);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

function ticksOf(view: Viewport, zone: number | undefined): { times: number[]; step: number } {
  // Ticks are placed on the log's wall clock: shift by its offset, tick in UTC, shift back.
  const shift = (zone ?? 0) * 60_000;
  const count = Math.max(2, Math.floor(view.width / 110));
  const ticks = scaleUtc().domain([new Date(view.from + shift), new Date(view.to + shift)]).ticks(count).map((d) => d.getTime() - shift);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : view.to - view.from;
  return { times: ticks, step };
}

export function drawHistogram(canvas: HTMLCanvasElement, frame: Frame): void {
  const ctx = prepare(canvas);
  const { view, palette, data } = frame;
  const height = canvas.clientHeight;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, canvas.clientWidth, height);
  const h = data.histogram;
  if (h) {
    // Buckets narrower than two pixels are summed per pixel column.
    const px = Math.max(1, Math.floor(view.width / 2));
    const columns = LEVEL_CLASSES.map(() => new Float64Array(px));
    const first = Math.max(0, Math.floor((view.from - h.start) / h.bucketMs));
    const last = Math.min(h.counts.error.length - 1, Math.ceil((view.to - h.start) / h.bucketMs));
    const bucketPx = (h.bucketMs / (view.to - view.from)) * view.width;
    let peak = 1;
    const bars: { x: number; w: number; values: number[] }[] = [];
    for (let b = first; b <= last; b++) {
      const left = x(view, h.start + b * h.bucketMs);
      const values = LEVEL_CLASSES.map((c) => h.counts[c][b]);
      if (bucketPx >= 2) {
        bars.push({ x: left, w: Math.max(1, bucketPx - 0.5), values });
        peak = Math.max(peak, values.reduce((a, v) => a + v, 0));
      } else {
        const col = Math.min(px - 1, Math.max(0, Math.floor((left - view.left) / 2)));
        LEVEL_CLASSES.forEach((_, k) => { columns[k][col] += values[k]; });
      }
    }
    if (bucketPx < 2) {
      for (let col = 0; col < px; col++) {
        const values = LEVEL_CLASSES.map((_, k) => columns[k][col]);
        const total = values.reduce((a, v) => a + v, 0);
        if (total > 0) {
          bars.push({ x: view.left + col * 2, w: 2, values });
          peak = Math.max(peak, total);
        }
      }
    }
    const scale = (height - 14) / peak;
    for (const bar of bars) {
      let y = height - 12;
      bar.values.forEach((v, k) => {
        if (v > 0) {
          const hh = Math.max(1, v * scale);
          ctx.fillStyle = palette.levels[LEVEL_CLASSES[k]];
          ctx.fillRect(bar.x, y - hh, bar.w, hh);
          y -= hh;
        }
      });
    }
  }
  if (frame.brush) {
    const a = x(view, frame.brush.from);
    const b = x(view, frame.brush.to);
    ctx.fillStyle = palette.selection;
    ctx.globalAlpha = 0.5;
    ctx.fillRect(Math.min(a, b), 0, Math.abs(b - a), height);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = palette.focus;
    ctx.strokeRect(Math.min(a, b) + 0.5, 0.5, Math.abs(b - a), height - 1);
  }
  drawCursorLine(ctx, frame, height);
  ctx.fillStyle = palette.dim;
  ctx.font = palette.font;
  ctx.textBaseline = 'bottom';
  ctx.fillText('entries by severity', 6, height - 1);
}

function drawCursorLine(ctx: CanvasRenderingContext2D, frame: Frame, height: number, top = 0): void {
  const time = frame.cursor?.time;
  if (time === undefined || time < frame.view.from || time > frame.view.to) {
    return;
  }
  const cx = Math.round(x(frame.view, time)) + 0.5;
  ctx.strokeStyle = frame.palette.focus;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx, height);
  ctx.stroke();
}

const MARK_COLOUR: Record<MarkKind, keyof Palette> = { reject: 'reject', failedLogin: 'failedLogin', deny: 'deny', error: 'error' };

/** Draws the rows; returns what was drawn where. */
export function drawChart(canvas: HTMLCanvasElement, frame: Frame, hits: HitList): void {
  const ctx = prepare(canvas);
  const { view, palette, data, layout, rowTops: tops } = frame;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  hits.clear();
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = palette.font;

  // Time axis and grid.
  const { times, step } = ticksOf(view, data.zone);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.dim;
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  for (const t of times) {
    const tx = Math.round(x(view, t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(tx, AXIS_HEIGHT - 4);
    ctx.lineTo(tx, height);
    ctx.stroke();
    ctx.fillText(tickLabel(t, data.zone, step), tx + 3, AXIS_HEIGHT / 2);
  }

  // Visible rows only: binary search for the first row below the axis.
  const plotTop = AXIS_HEIGHT;
  let lo = 0;
  let hi = layout.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid + 1] - frame.scrollY <= 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, plotTop, width, height - plotTop);
  ctx.clip();
  const selectedRow = frame.selected !== undefined ? layout.rowOfSession[frame.selected] : -1;
  for (let r = lo; r < layout.rows.length; r++) {
    const top = plotTop + tops[r] - frame.scrollY;
    if (top > height) {
      break;
    }
    const row = layout.rows[r];
    if (r % 2 === 1 || r === selectedRow) {
      ctx.fillStyle = r === selectedRow ? palette.selection : palette.grid;
      ctx.globalAlpha = r === selectedRow ? 0.35 : 0.15;
      ctx.fillRect(0, top, width, rowHeight(row.lanes));
      ctx.globalAlpha = 1;
    }
    drawSessions(ctx, frame, r, top, hits);
    drawMarks(ctx, frame, r, top, hits);
    drawFindings(ctx, frame, r, top, hits);
    // Labels last, over a band of background, so long bars never hide them.
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, top, view.left - 4, rowHeight(row.lanes));
    ctx.fillStyle = palette.foreground;
    ctx.textBaseline = 'middle';
    ctx.fillText(fitText(ctx, row.label, view.left - 12), 6, top + rowHeight(row.lanes) / 2);
  }
  ctx.restore();
  drawCursorLine(ctx, frame, height, plotTop);
}

function drawSessions(ctx: CanvasRenderingContext2D, frame: Frame, r: number, top: number, hits: HitList): void {
  const { view, palette, data, layout } = frame;
  const row = layout.rows[r];
  const cursorSession = frame.cursor?.session;
  for (const i of row.sessions) {
    const s = data.sessions[i];
    const from = layout.from[i];
    const to = layout.to[i];
    const openStart = (layout.open[i] & 1) !== 0;
    const openEnd = (layout.open[i] & 2) !== 0;
    if (to < view.from || from > view.to) {
      continue;
    }
    const x0 = Math.max(view.left - 2, x(view, from));
    const x1 = Math.min(view.left + view.width + 2, x(view, to));
    const w = Math.max(2, x1 - x0);
    const y = top + ROW_GAP / 2 + layout.laneOfSession[i] * LANE_HEIGHT;
    const h = LANE_HEIGHT - 3;
    ctx.fillStyle = s.failed ? palette.sessionFailed : palette.session;
    ctx.globalAlpha = openStart || openEnd ? 0.55 : 0.9;
    ctx.fillRect(x0, y, w, h);
    ctx.globalAlpha = 1;
    if (openStart || openEnd) {
      // A dashed edge says the START or STOP is not in the file.
      ctx.strokeStyle = palette.openEnd;
      ctx.setLineDash([2, 2]);
      ctx.beginPath();
      if (openStart) {
        ctx.moveTo(x0 + 0.5, y);
        ctx.lineTo(x0 + 0.5, y + h);
      }
      if (openEnd) {
        ctx.moveTo(x0 + w - 0.5, y);
        ctx.lineTo(x0 + w - 0.5, y + h);
      }
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (palette.border) {
      ctx.strokeStyle = palette.border;
      ctx.strokeRect(x0 + 0.5, y + 0.5, w - 1, h - 1);
    }
    // A warning outlines its session; an information finding is shown by its diamond only.
    if (s.findings?.length && s.findingSeverity !== 'information') {
      ctx.strokeStyle = palette.findingWarning;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0, y, w, h);
      ctx.lineWidth = 1;
    }
    if (i === frame.selected || i === cursorSession) {
      ctx.strokeStyle = palette.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0 - 1, y - 1, w + 2, h + 2);
      ctx.lineWidth = 1;
    }
    hits.add('session', i, x0, y, w, h);
  }
}

function drawMarks(ctx: CanvasRenderingContext2D, frame: Frame, r: number, top: number, hits: HitList): void {
  const { view, palette, data, layout } = frame;
  const row = layout.rows[r];
  const h = rowHeight(row.lanes);
  for (const i of row.marks) {
    const m = data.marks[i];
    if (m.time < view.from || m.time > view.to) {
      continue;
    }
    const mx = Math.round(x(view, m.time));
    ctx.fillStyle = palette[MARK_COLOUR[m.kind]] as string;
    if (m.kind === 'error') {
      ctx.beginPath();
      ctx.arc(mx, top + h / 2, 3, 0, Math.PI * 2);
      ctx.fill();
    } else {
      // A downward triangle across the row: rejections and denials stand out from bars.
      ctx.beginPath();
      ctx.moveTo(mx - 4, top + 1);
      ctx.lineTo(mx + 4, top + 1);
      ctx.lineTo(mx, top + h - 2);
      ctx.closePath();
      ctx.fill();
    }
    hits.add('mark', i, mx - 4, top, 8, h);
  }
}

function drawFindings(ctx: CanvasRenderingContext2D, frame: Frame, r: number, top: number, hits: HitList): void {
  const { view, palette, data, layout } = frame;
  const row = layout.rows[r];
  const h = rowHeight(row.lanes);
  for (const i of row.findings) {
    const f = data.findings[i];
    if (f.time < view.from || f.time > view.to) {
      continue;
    }
    const fx = Math.round(x(view, f.time));
    const cy = top + h / 2;
    ctx.fillStyle = f.severity === 'warning' ? palette.findingWarning : palette.findingInfo;
    ctx.strokeStyle = palette.background;
    ctx.beginPath();
    ctx.moveTo(fx, cy - 6);
    ctx.lineTo(fx + 6, cy);
    ctx.lineTo(fx, cy + 6);
    ctx.lineTo(fx - 6, cy);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    hits.add('finding', i, fx - 6, cy - 6, 12, 12);
  }
}

/** The text cut with an ellipsis to fit `max` pixels. */
function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) {
    return text;
  }
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= max) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return text.slice(0, lo) + '…';
}
