/**
 * The timeline webview: receives the server's timeline data from the extension, lays out one row per
 * user (device, app), draws on canvases, and answers the mouse and keyboard: zoom, pan, brush, hover
 * tooltips, click to reveal in the editor. Attributes on #timeline say what is shown (tests read them).
 */
import { HitList, Hit } from '../hits';
import { GroupBy, Layout, layoutRows, sessionsByStart } from '../layout';
import { FromView, TimelineData, ToView } from '../model';
import { clockTime, dateTime } from '../format';
import { clamp, fit, LABEL_WIDTH, panBy, plotArea, reveal, showRange, timeAt, Viewport, zoomAt } from '../viewport';
import { AXIS_HEIGHT, drawChart, drawHistogram, Frame, rowTops } from './render';
import { readPalette, themeKind } from './theme';
import { tooltipLines } from '../tooltipText';
import { showTooltip } from './tooltip';

interface VsCodeApi {
  postMessage(message: FromView): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = element<HTMLElement>('timeline');
const histogram = element<HTMLCanvasElement>('histogram');
const chart = element<HTMLCanvasElement>('chart');
const tooltip = element<HTMLElement>('tooltip');
const groupSelect = element<HTMLSelectElement>('group');
const titleText = element<HTMLElement>('title');
const rangeText = element<HTMLElement>('range');
const summaryText = element<HTMLElement>('summary');
const status = element<HTMLElement>('status');
const zoomToBrush = element<HTMLButtonElement>('zoom-brush');

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`#${id} is missing from the timeline page`);
  }
  return found as T;
}

const saved = (vscode.getState() ?? {}) as { groupBy?: GroupBy };
let groupBy: GroupBy = saved.groupBy === 'device' || saved.groupBy === 'app' ? saved.groupBy : 'user';
groupSelect.value = groupBy;

let data: TimelineData | undefined;
let layout: Layout | undefined;
let tops: Float64Array = new Float64Array(1);
let view: Viewport = { from: 0, to: 1, left: LABEL_WIDTH, width: 1 };
let bounds: Viewport = view;
let palette = readPalette();
let scrollY = 0;
let selected: number | undefined;
let cursor: { time?: number; session?: number } | undefined;
let brush: { from: number; to: number } | undefined;
/** Sessions by start time: the order [ and ] move through. */
let byStart: number[] = [];
const hits = new HitList();
let frameRequested = false;

root.dataset.theme = themeKind();

function fitted(): Viewport {
  const { left, width } = plotArea(chart.clientWidth);
  return fit(data!.start!, data!.end!, left, width);
}

function frame(): Frame | undefined {
  return data && layout ? { data, layout, view, palette, scrollY, rowTops: tops, selected, cursor, brush } : undefined;
}

function paint(): void {
  frameRequested = false;
  const f = frame();
  if (!f) {
    return;
  }
  drawHistogram(histogram, f);
  drawChart(chart, f, hits);
  root.dataset.bars = String(hits.count('session'));
  // Where the selected session is drawn (chart pixels: x, y, width, height), for tests and tools.
  const box = selected !== undefined ? hits.find('session', selected) : undefined;
  root.dataset.selectedBox = box ? [box.x, box.y, box.w, box.h].map((v) => Math.round(v)).join(',') : '';
  rangeText.textContent = `${dateTime(view.from, data!.zone)} – ${clockTime(view.to, data!.zone)}`;
}

function requestPaint(): void {
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(paint);
  }
}

function maxScroll(): number {
  return Math.max(0, tops[tops.length - 1] - (chart.clientHeight - AXIS_HEIGHT));
}

function setView(next: Viewport): void {
  view = next;
  requestPaint();
}

function relayout(): void {
  if (!data) {
    return;
  }
  layout = layoutRows(data, groupBy);
  tops = rowTops(layout);
  scrollY = Math.min(scrollY, maxScroll());
  root.dataset.rows = String(layout.rows.length);
  root.dataset.group = groupBy;
}

function show(message: ToView & { type: 'data' }): void {
  const started = performance.now();
  titleText.textContent = message.title;
  // How long the extension waited for the language server's answer (for the record: tests report it).
  root.dataset.requestMs = message.requestMs === undefined ? '' : String(message.requestMs);
  root.dataset.readyMs = message.readyMs === undefined ? '' : String(message.readyMs);
  root.dataset.transferMs = message.sentAt === undefined ? '' : String(Date.now() - message.sentAt);
  data = message.data ?? undefined;
  selected = undefined;
  brush = undefined;
  zoomToBrush.disabled = true;
  if (!data || data.start === undefined || data.end === undefined) {
    layout = undefined;
    root.dataset.state = message.error ? 'error' : 'empty';
    root.dataset.sessions = '0';
    status.textContent = message.error ?? 'This log has no entries with a readable time.';
    summaryText.textContent = '';
    return;
  }
  relayout();
  byStart = sessionsByStart(layout!);
  root.dataset.layoutMs = (performance.now() - started).toFixed(1);
  bounds = fitted();
  view = bounds;
  root.dataset.sessions = String(data.sessions.length);
  root.dataset.marks = String(data.marks.length);
  root.dataset.findings = String(data.findings.length);
  const omitted = data.omitted.sessions + data.omitted.marks;
  summaryText.textContent = `${data.sessions.length} sessions · ${data.marks.length} marks · ${data.findings.length} findings · ${data.entries} entries`
    + (omitted > 0 ? ` (${omitted} not drawn)` : '');
  status.textContent = '';
  paint();
  const drawn = performance.now();
  root.dataset.state = 'ready';
  // The first paint is on screen after the next frame: measure to there.
  requestAnimationFrame(() => {
    const ms = performance.now() - started;
    root.dataset.drawMs = (drawn - started).toFixed(1);
    root.dataset.firstPaintMs = ms.toFixed(1);
    vscode.postMessage({ type: 'painted', ms, sessions: data?.sessions.length ?? 0, bars: hits.count('session') });
  });
}

function revealHit(hit: Hit): void {
  if (!data) {
    return;
  }
  const target = hit.kind === 'session' ? data.sessions[hit.index] : hit.kind === 'mark' ? data.marks[hit.index] : data.findings[hit.index];
  const line = hit.kind === 'session' ? data.sessions[hit.index].startLine ?? target.line : target.line;
  root.dataset.revealedLine = String(line);
  vscode.postMessage({ type: 'reveal', line, file: target.file });
}

function select(session: number | undefined, scrollIntoView = true): void {
  selected = session;
  if (session !== undefined && data && layout) {
    const s = data.sessions[session];
    root.dataset.selectedLine = String(s.startLine ?? s.line);
    status.textContent = tooltipLines(data, { kind: 'session', index: session, x: 0, y: 0, w: 0, h: 0 }).join('. ');
    if (scrollIntoView) {
      const row = layout.rowOfSession[session];
      const visible = chart.clientHeight - AXIS_HEIGHT;
      if (tops[row] < scrollY || tops[row + 1] > scrollY + visible) {
        scrollY = Math.min(maxScroll(), Math.max(0, tops[row] - visible / 3));
      }
      view = reveal(view, layout.from[session], bounds);
    }
  } else {
    delete root.dataset.selectedLine;
  }
  requestPaint();
}

// ------------------------------------------------------------------------------------ mouse

let drag: { x: number; y: number; view: Viewport; scrollY: number; moved: boolean } | undefined;
let brushing: { anchor: number } | undefined;

function local(event: MouseEvent, target: HTMLElement): { px: number; py: number } {
  const rect = target.getBoundingClientRect();
  return { px: event.clientX - rect.left, py: event.clientY - rect.top };
}

chart.addEventListener('mousedown', (event) => {
  if (event.button !== 0) {
    return;
  }
  drag = { x: event.clientX, y: event.clientY, view, scrollY, moved: false };
  root.focus();
});

window.addEventListener('mousemove', (event) => {
  if (drag) {
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      tooltip.hidden = true;
      view = panBy(drag.view, -dx, bounds);
      scrollY = Math.min(maxScroll(), Math.max(0, drag.scrollY - dy));
      requestPaint();
    }
  } else if (brushing) {
    const { px } = local(event, histogram);
    brush = { from: brushing.anchor, to: timeAt(view, px) };
    requestPaint();
  }
});

window.addEventListener('mouseup', (event) => {
  if (drag && !drag.moved && event.target === chart) {
    const { px, py } = local(event, chart);
    const hit = hits.at(px, py);
    if (hit) {
      if (hit.kind === 'session') {
        select(hit.index, false);
      }
      revealHit(hit);
    } else {
      select(undefined);
    }
  }
  if (brushing) {
    brushing = undefined;
    const wide = brush && Math.abs(x2px(brush.to) - x2px(brush.from)) >= 3;
    if (!wide) {
      brush = undefined;
    }
    zoomToBrush.disabled = !brush;
    root.dataset.brush = brush ? `${Math.round(Math.min(brush.from, brush.to))}-${Math.round(Math.max(brush.from, brush.to))}` : '';
    requestPaint();
  }
  drag = undefined;
});

function x2px(time: number): number {
  return view.left + ((time - view.from) / (view.to - view.from)) * view.width;
}

chart.addEventListener('mousemove', (event) => {
  if (drag?.moved || !data) {
    return;
  }
  const { px, py } = local(event, chart);
  const hit = hits.at(px, py);
  chart.style.cursor = hit ? 'pointer' : 'grab';
  if (hit) {
    showTooltip(tooltip, tooltipLines(data, hit), px, py + histogram.offsetHeight, root.getBoundingClientRect());
  } else {
    tooltip.hidden = true;
  }
});

chart.addEventListener('mouseleave', () => {
  tooltip.hidden = true;
});

histogram.addEventListener('mousedown', (event) => {
  if (event.button !== 0 || !data) {
    return;
  }
  const { px } = local(event, histogram);
  brushing = { anchor: timeAt(view, px) };
  brush = { from: brushing.anchor, to: brushing.anchor };
  root.focus();
});

histogram.addEventListener('dblclick', () => zoomToSelection());

function onWheel(event: WheelEvent, onHistogram: boolean): void {
  if (!data) {
    return;
  }
  event.preventDefault();
  const { px } = local(event, onHistogram ? histogram : chart);
  if (event.ctrlKey || event.metaKey || onHistogram) {
    setView(zoomAt(view, Math.exp(-event.deltaY * 0.002), px, bounds));
  } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
    setView(panBy(view, event.deltaX || event.deltaY, bounds));
  } else {
    scrollY = Math.min(maxScroll(), Math.max(0, scrollY + event.deltaY));
    requestPaint();
  }
}

chart.addEventListener('wheel', (event) => onWheel(event, false), { passive: false });
histogram.addEventListener('wheel', (event) => onWheel(event, true), { passive: false });

// ---------------------------------------------------------------------------- keyboard, toolbar

function zoomCentre(factor: number): void {
  setView(zoomAt(view, factor, view.left + view.width / 2, bounds));
}

function zoomToSelection(): void {
  if (brush) {
    setView(showRange(view, brush.from, brush.to, bounds));
    brush = undefined;
    zoomToBrush.disabled = true;
    root.dataset.brush = '';
  }
}

/**
 * The window moved to the first (-1) or last (1) entry, with a margin of the window's own width: the
 * margins of the whole range (2% of thirty years is seven months) would show nothing zoomed in.
 */
function toEdge(side: 1 | -1): Viewport {
  const span = view.to - view.from;
  const margin = span * 0.02;
  const from = side < 0 ? data!.start! - margin : data!.end! + margin - span;
  return clamp({ ...view, from, to: from + span }, bounds);
}

function step(direction: 1 | -1): void {
  if (!data || byStart.length === 0) {
    return;
  }
  const at = selected === undefined ? -1 : byStart.indexOf(selected);
  const next = at === -1 ? (direction > 0 ? 0 : byStart.length - 1) : Math.min(byStart.length - 1, Math.max(0, at + direction));
  select(byStart[next]);
}

root.addEventListener('keydown', (event) => {
  if (!data || event.target === groupSelect) {
    return;
  }
  const page = event.shiftKey ? 0.5 : 0.1;
  const handled = ((): boolean => {
    switch (event.key) {
      case '+': case '=': zoomCentre(1.5); return true;
      case '-': case '_': zoomCentre(1 / 1.5); return true;
      case '0': setView(bounds); return true;
      case 'ArrowLeft': setView(panBy(view, -view.width * page, bounds)); return true;
      case 'ArrowRight': setView(panBy(view, view.width * page, bounds)); return true;
      case 'ArrowUp': scrollY = Math.max(0, scrollY - 20); requestPaint(); return true;
      case 'ArrowDown': scrollY = Math.min(maxScroll(), scrollY + 20); requestPaint(); return true;
      case 'PageUp': scrollY = Math.max(0, scrollY - chart.clientHeight * 0.8); requestPaint(); return true;
      case 'PageDown': scrollY = Math.min(maxScroll(), scrollY + chart.clientHeight * 0.8); requestPaint(); return true;
      case 'Home': setView(toEdge(-1)); return true;
      case 'End': setView(toEdge(1)); return true;
      case ']': step(1); return true;
      case '[': step(-1); return true;
      case 'z': zoomToSelection(); return true;
      case 'Enter':
        if (selected !== undefined) {
          revealHit({ kind: 'session', index: selected, x: 0, y: 0, w: 0, h: 0 });
        }
        return true;
      case 'Escape': brush = undefined; zoomToBrush.disabled = true; select(undefined); return true;
      default: return false;
    }
  })();
  if (handled) {
    event.preventDefault();
  }
});

element<HTMLButtonElement>('zoom-in').addEventListener('click', () => zoomCentre(1.5));
element<HTMLButtonElement>('zoom-out').addEventListener('click', () => zoomCentre(1 / 1.5));
element<HTMLButtonElement>('zoom-fit').addEventListener('click', () => setView(bounds));
zoomToBrush.addEventListener('click', () => zoomToSelection());

groupSelect.addEventListener('change', () => {
  const value = groupSelect.value;
  groupBy = value === 'device' || value === 'app' ? value : 'user';
  vscode.setState({ groupBy });
  relayout();
  requestPaint();
});

// ------------------------------------------------------------------------- messages, theme, size

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message?.type === 'data') {
    show(message);
  } else if (message?.type === 'cursor' && data && layout) {
    cursor = { time: message.time, session: message.session };
    root.dataset.cursorLine = String(message.line);
    if (message.session !== undefined && message.session < data.sessions.length) {
      const row = layout.rowOfSession[message.session];
      const visible = chart.clientHeight - AXIS_HEIGHT;
      if (tops[row] < scrollY || tops[row + 1] > scrollY + visible) {
        scrollY = Math.min(maxScroll(), Math.max(0, tops[row] - visible / 3));
      }
    }
    if (message.time !== undefined) {
      view = reveal(view, message.time, bounds);
    }
    requestPaint();
  }
});

// VS Code changes the body's class and the variables on <html> when the theme changes.
new MutationObserver(() => {
  palette = readPalette();
  root.dataset.theme = themeKind();
  requestPaint();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new MutationObserver(() => {
  palette = readPalette();
  requestPaint();
}).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

new ResizeObserver(() => {
  if (!data || data.start === undefined || data.end === undefined) {
    return;
  }
  const zoomed = view.from !== bounds.from || view.to !== bounds.to;
  bounds = fitted();
  view = zoomed ? clamp({ ...view, left: bounds.left, width: bounds.width }, bounds) : bounds;
  scrollY = Math.min(scrollY, maxScroll());
  requestPaint();
}).observe(root);

root.dataset.state = 'loading';
vscode.postMessage({ type: 'ready' });
