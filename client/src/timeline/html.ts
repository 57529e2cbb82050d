// The timeline webview's page: a strict Content-Security-Policy (nothing remote, no inline script or
// style, the one script allowed by its nonce), the toolbar, and the canvases main.ts draws on.

export interface TimelinePage {
    /** The webview's own source for local resources (webview.cspSource). */
    cspSource: string;
    nonce: string;
    scriptUri: string;
    styleUri: string;
}

/** Escapes text for an HTML attribute or element (only our own values go here, never log text). */
function attr(value: string): string {
    return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(page: Pick<TimelinePage, 'cspSource' | 'nonce'>): string {
    return [
        "default-src 'none'",
        `img-src ${page.cspSource} data:`,
        `style-src ${page.cspSource}`,
        `font-src ${page.cspSource}`,
        `script-src 'nonce-${page.nonce}'`,
    ].join('; ');
}

export function timelineHtml(page: TimelinePage): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>Timeline</title>
</head>
<body>
<header class="toolbar">
  <span id="title" class="title"></span>
  <label class="group">Rows
    <select id="group" aria-label="One row per">
      <option value="user">per user</option>
      <option value="device">per device</option>
      <option value="app">per app</option>
    </select>
  </label>
  <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-fit" type="button" title="Show the whole log (0)">Fit</button>
  <button id="zoom-brush" type="button" title="Zoom to the range selected in the histogram (z)" disabled>Zoom to selection</button>
  <span id="range" class="range"></span>
</header>
<div class="legend">
  <span class="keys" aria-hidden="true"><span class="key session">session</span><span class="key open">no START/STOP in file</span><span class="key reject">REJECT</span><span class="key failed">failed login</span><span class="key deny">denied</span><span class="key error">error</span><span class="key finding">finding</span></span>
  <span id="summary" class="summary"></span>
</div>
<main id="timeline" tabindex="0" data-state="loading" aria-label="Timeline of the log's sessions. Plus and minus zoom, arrows pan and scroll, brackets select the next or previous session, Enter shows it in the log.">
  <canvas id="histogram" title="Entries by severity: drag to select a time range, double-click to zoom to it"></canvas>
  <canvas id="chart" role="img" aria-label="Sessions, marks and findings by row and time. The selected session is described in the status line below."></canvas>
  <div id="tooltip" class="tooltip" role="tooltip" hidden></div>
</main>
<div id="status" class="status" aria-live="polite"></div>
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>`;
}
