// Browser-level tests: drive the VS Code workbench in Chromium like a person
// would and check what is on screen. Used by scripts/run-editor-tests.mjs,
// which starts the server and the browser. Every wait polls a condition up to
// a deadline.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/vscode-server.mjs';
import { runTimelineChecks } from './ui-timeline.mjs';

const DEADLINE_MS = 30000;

/** User settings for the browser tests: whole log lines on screen, a known theme to start from. */
export const uiSettings = {
  'editor.wordWrap': 'on',
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.preferredDarkColorTheme': 'Default Dark Modern',
  'workbench.preferredLightColorTheme': 'Default Light Modern',
  'window.autoDetectColorScheme': false,
  // The timeline check opens a generated log of 20 000 sessions (about 8 MB) without a confirmation.
  'workbench.editorLargeFileConfirmation': 40,
};

export async function poll(what, probe, deadlineMs = DEADLINE_MS, intervalMs = 200) {
  const end = Date.now() + deadlineMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs a command through the command palette, by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEADLINE_MS });
}

export async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await input.fill(fileName);
  // The first row whose label is exactly the file name (not broken-gateway.log).
  const row = page.locator('.quick-input-widget .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${fileName.replace(/\./g, '\\.')}$`) }),
  }).first();
  await row.waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEADLINE_MS });
}

/**
 * Quick Open for a file written during the run: the workbench's file search may not list it at once,
 * so ask again until it does.
 */
export async function quickOpenWhenListed(page, fileName, deadlineMs = 90000) {
  await poll(`Quick Open to list ${fileName}`, async () => {
    try {
      await quickOpen(page, fileName);
      return true;
    } catch {
      await page.keyboard.press('Escape');
      return false;
    }
  }, deadlineMs, 500);
}

/** Screen coordinates of the middle of the first occurrence of `needle` in the visible editor lines. */
function locateText(page, needle, charOffset, minY = 0) {
  return page.evaluate(({ needle, charOffset, minY }) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines')
      ?? document.querySelector('.monaco-editor .view-lines');
    if (!editor) return undefined;
    const lines = [...editor.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    for (const line of lines) {
      if (line.getBoundingClientRect().top < minY) continue;
      const text = line.textContent.replace(/\u00a0/g, ' ');
      const index = text.indexOf(needle);
      if (index < 0) continue;
      let wanted = index + charOffset;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (wanted < node.length) {
          const range = document.createRange();
          range.setStart(node, wanted);
          range.setEnd(node, wanted + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        wanted -= node.length;
      }
    }
    return undefined;
  }, { needle, charOffset, minY });
}

/** Hovers `needle` until the editor's hover widget shows text matching `expected`. */
async function hoverUntil(page, needle, charOffset, expected, minY = 0) {
  await poll(`"${needle}" to be rendered in the editor`, () => locateText(page, needle, charOffset, minY));
  let wiggle = 0;
  return poll(`a hover matching ${expected}`, async () => {
    // Found again on every attempt: a banner or a lens appearing meanwhile moves the lines.
    const target = await locateText(page, needle, charOffset, minY);
    if (!target) return undefined;
    // Move away and back: each arrival asks the language server again.
    await page.mouse.move(target.x, target.y + 200);
    await page.mouse.move(target.x + (wiggle++ % 2), target.y);
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    try {
      await hover.waitFor({ state: 'visible', timeout: 2500 });
    } catch {
      return undefined;
    }
    const text = await hover.innerText().catch(() => '');
    if (!expected.test(text)) return undefined;
    // Let the fade-in finish so that a screenshot shows the hover at full strength.
    await hover.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished))).catch(() => {});
    return text;
  }, DEADLINE_MS, 0);
}

function firstSessionUser() {
  const text = readFileSync(path.join(root, 'samples', 'gateway.log'), 'utf8');
  const match = /Session START\s*\{\s*"sessionId"\s*:\s*\{\s*"username"\s*:\s*"([^"]+)"/.exec(text);
  if (!match) throw new Error('samples/gateway.log has no Session START with a username');
  return match[1];
}

/**
 * The first Blue Cedar session of samples/gateway.log with both a Session START
 * and a Session STOP (paired by app GSID): 1-based lines of the START entry's
 * header and keyword, and the position of the STOP keyword.
 */
function firstCompleteSession() {
  const lines = readFileSync(path.join(root, 'samples', 'gateway.log'), 'utf8').split(/\r?\n/);
  const entries = [];
  lines.forEach((text, index) => {
    if (/^[A-Z][a-z]{2} +\d{1,2} /.test(text) || entries.length === 0) entries.push({ header: index, lines: [] });
    entries[entries.length - 1].lines.push({ index, text });
  });
  const events = [];
  for (const entry of entries) {
    const joined = entry.lines.map((l) => l.text).join('\n');
    const kind = /Session START/.test(joined) ? 'START' : /Session STOP/.test(joined) ? 'STOP' : undefined;
    const gsid = /"appGsid"\s*:\s*(\d+)/.exec(joined)?.[1];
    if (!kind || !gsid) continue;
    const keyword = entry.lines.find((l) => l.text.includes(`Session ${kind}`));
    events.push({ kind, gsid, header: entry.header + 1, line: keyword.index + 1, column: keyword.text.indexOf(`Session ${kind}`) + 1 });
  }
  for (const stop of events.filter((e) => e.kind === 'STOP')) {
    const start = events.find((e) => e.kind === 'START' && e.gsid === stop.gsid && e.header < stop.header);
    if (start) return { start, stop };
  }
  throw new Error('samples/gateway.log has no session with both a START and a STOP');
}

/** The cursor line shown in the status bar ("Ln 12, Col 3"). */
export async function cursorLine(page) {
  const text = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '');
  const match = /Ln (\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export async function runUiTests({ browser, url, workspace, resultsDir, updateImages }) {
  const outcomes = [];
  const check = async (title, body) => {
    const started = Date.now();
    try {
      await body();
      outcomes.push({ title: `UI: ${title}`, ok: true, durationMs: Date.now() - started });
      return true;
    } catch (error) {
      outcomes.push({ title: `UI: ${title}`, ok: false, message: error.message, durationMs: Date.now() - started });
      await page.screenshot({ path: path.join(resultsDir, `ui-failure-${outcomes.length}.png`) }).catch(() => {});
      return false;
    }
  };

  mkdirSync(resultsDir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    const workbenchReady = await check('the workbench loads the samples folder', async () => {
      await page.goto(url);
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'gateway.log' })
        .first().waitFor({ state: 'visible', timeout: 60000 });
    });
    if (!workbenchReady) return outcomes;

    const opened = await check('gateway.log opens as a Blue Cedar Gateway Log (status bar)', async () => {
      await quickOpen(page, 'gateway.log');
      await page.locator('.tab.active', { hasText: 'gateway.log' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.locator('[id="status.editor.mode"]', { hasText: 'Blue Cedar Gateway Log' })
        .waitFor({ state: 'visible', timeout: 60000 });
    });
    if (!opened) return outcomes;

    const user = firstSessionUser();
    await check(`the outline lists the sessions (${user})`, async () => {
      await runCommand(page, 'Explorer: Focus on Outline View');
      await page.locator('.outline-pane .monaco-list-row', { hasText: user }).first()
        .waitFor({ state: 'visible', timeout: DEADLINE_MS });
      // Give the outline the whole side bar (for the screenshots): fold the file tree.
      const filesHeader = page.locator('.pane-header:has(+ .pane-body .explorer-folders-view)');
      if ((await filesHeader.getAttribute('aria-expanded').catch(() => null)) === 'true') {
        await filesHeader.click();
        await page.locator('.pane-header[aria-expanded="false"]:has(+ .pane-body .explorer-folders-view), .pane-header[aria-expanded="false"]:has(+ .explorer-folders-view)')
          .first().waitFor({ state: 'attached', timeout: 5000 }).catch(() => {});
      }
    });

    await check('hovering Sev: shows the severity explanation', async () => {
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
      await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: DEADLINE_MS });
      // A header in the middle of the screen, so the hover covers no header above it.
      const text = await hoverUntil(page, 'Sev:', 1, /Severity/i, 400);
      if (!/Informational|Warning|Critical|Major|Minor|Catastrophic|Debug|Notice/i.test(text)) {
        throw new Error(`the hover does not name the severity value: ${text}`);
      }
    });

    const { start, stop } = firstCompleteSession();
    await check(`Go to Definition (F12) on Session STOP (line ${stop.line}) jumps to its Session START (line ${start.header})`, async () => {
      await page.mouse.move(5, 790); // no hover in the way
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await input.fill(`:${stop.line}:${stop.column + 2}`);
      await page.keyboard.press('Enter');
      await poll(`the cursor on line ${stop.line}`, async () => (await cursorLine(page)) === stop.line);
      await page.keyboard.press('F12');
      await poll(`the cursor on lines ${start.header}-${start.line}`, async () => {
        const line = await cursorLine(page);
        return line !== undefined && line >= start.header && line <= start.line;
      });
    });

    await check('a CodeLens is shown above the Session START', async () => {
      // The editor now shows the START entry that F12 revealed.
      // Lenses of lines scrolled out of view stay in the DOM, hidden: look at the shown ones.
      const lens = page.locator('.monaco-editor .codelens-decoration a:visible', { hasText: /STOP/ }).first();
      await lens.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      // Back to the top for the theme screenshots.
      await page.keyboard.press('Control+Home');
      await poll('the cursor back on line 1', async () => (await cursorLine(page)) === 1);
    });

    await check('screenshot of the dark theme, lenses and hover showing', async () => {
      await page.locator('.monaco-editor .codelens-decoration:visible', { hasText: /\S/ }).first()
        .waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await hoverUntil(page, 'Sev:', 1, /Severity/i, 400);
      await page.screenshot({ path: path.join(resultsDir, 'screenshot-dark.png') });
    });

    await check('the light theme renders the same hover', async () => {
      await page.mouse.move(5, 790);
      await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator('.monaco-workbench.vs').waitFor({ state: 'attached', timeout: DEADLINE_MS });
      await hoverUntil(page, 'Sev:', 1, /Severity/i, 400);
      await page.screenshot({ path: path.join(resultsDir, 'screenshot-light.png') });
    });

    await check('the Gateway Sessions view lists a user\'s sessions across rotated files, and opens one', async () => {
      await page.mouse.move(5, 790);
      await runCommand(page, 'Explorer: Focus on Gateway Sessions View');
      // Room for the tree: fold the other views of the Explorer.
      for (const name of ['Outline', 'Timeline']) {
        const header = page.locator('.pane-header', { hasText: new RegExp(`^${name}$`, 'i') }).first();
        if ((await header.getAttribute('aria-expanded').catch(() => null)) === 'true') {
          await header.click();
        }
      }
      const pane = page.locator('.pane:has(.pane-header:has-text("Gateway Sessions"))');
      const row = (text) => pane.locator('.monaco-list-row', { hasText: text }).first();
      await row('2021-11-01').waitFor({ state: 'visible', timeout: 60000 });
      await row('2021-11-01').click();
      await row('nkowalski').waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await row('nkowalski').click();
      const sessions = pane.locator('.monaco-list-row', { hasText: /Field Service · Nadia’s iPhone/ });
      await poll('two sessions of nkowalski', async () => (await sessions.count()) === 2);
      const first = await sessions.first().textContent();
      if (!/07:12:04 → 11:48:09\s*Field Service · Nadia’s iPhone · 4 h 36 min 5 s · 6 events/.test(first ?? '')) {
        throw new Error(`the first session reads ${first}`);
      }
      await page.screenshot({ path: path.join(resultsDir, 'screenshot-sessions.png') });
      // Selecting it opens its START: in the gzipped file, through a read-only window.
      await sessions.first().click();
      await page.locator('.tab.active', { hasText: 'messages.2.gz' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.locator('[id="status.editor.mode"]', { hasText: 'Blue Cedar Gateway Log' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await poll('the START of nkowalski in view', async () => locateText(page, 'nkowalski', 0));
    });

    // Back to the dark theme the screenshots of the timeline are taken in. (After the Sessions view's
    // check: the timeline checks add logs to the workspace, which the bundle then lists too.)
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: DEADLINE_MS });
    outcomes.push(...await runTimelineChecks(page, { workspace, resultsDir, updateImages }));
    await check(`the STOP's "only this session" lens opens a view of the session; the status bar shows the filter, hints show where entries come from, and a hint leads back`, async () => {
      await page.mouse.move(5, 790);
      if (await page.locator('.monaco-workbench.vs').count()) {
        await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
        await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: DEADLINE_MS });
      }
      await quickOpen(page, 'gateway.log');
      await page.locator('.tab.active', { hasText: 'gateway.log' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      // The STOP in the middle of the screen, its lenses above its header line.
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await input.fill(`:${stop.line}:${stop.column}`);
      await page.keyboard.press('Enter');
      await poll(`the cursor on line ${stop.line}`, async () => (await cursorLine(page)) === stop.line);
      const keyword = await poll('the STOP on screen', () => locateText(page, 'Session STOP', 0));
      const lens = await poll('the "only this session" lens above the STOP', async () => {
        const lenses = page.locator('.monaco-editor .codelens-decoration a:visible', { hasText: 'only this session' });
        let best;
        for (let i = 0; i < await lenses.count(); i++) {
          const box = await lenses.nth(i).boundingBox();
          if (box && box.y < keyword.y && (!best || box.y > best.box.y)) best = { box, i };
        }
        return best && lenses.nth(best.i);
      });
      await lens.click();
      await page.locator('.tab.active', { hasText: /session “/ }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.locator('[id="status.editor.mode"]', { hasText: 'Blue Cedar Gateway Log' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      const status = page.locator('.statusbar-item', { hasText: /session “.+” — \d+ of \d+/ }).first();
      await status.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      const origin = `gateway.log:${stop.header}`;
      await poll(`the hint ${origin} beside the STOP`, () => locateText(page, origin, 0));
      await poll('a hint counting skipped entries', () => locateText(page, 'entries skipped', 0));
      await page.mouse.move(5, 790);
      await page.screenshot({ path: path.join(resultsDir, 'screenshot-filter.png') });
      // Read-only: typing changes nothing.
      const before = await page.locator('.editor-group-container.active .view-lines').innerText();
      await page.keyboard.type('x');
      await page.locator('.monaco-editor-overlaymessage', { hasText: 'read-only' }).first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
      const after = await page.locator('.editor-group-container.active .view-lines').innerText();
      if (after !== before) throw new Error('the view took a keystroke');
      // Back to the original: Ctrl+click on the STOP's hint (a link, like any go-to).
      const hint = await poll(`the hint ${origin}`, () => locateText(page, origin, 2));
      await page.mouse.move(hint.x, hint.y);
      await page.keyboard.down('Control');
      await page.mouse.click(hint.x, hint.y);
      await page.keyboard.up('Control');
      await page.locator('.tab.active', { hasText: /^gateway\.log$/ }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await poll(`the cursor on the STOP's header (line ${stop.header})`, async () => (await cursorLine(page)) === stop.header);
      // Leave the workbench as the next checks expect it: no extra editors.
      await runCommand(page, 'View: Close All Editors');
    });

    await check('a log over 50 MB: a notice says why features are off, and "Open a Slice…" opens part of it with hovers', async () => {
      // Made here, in the test's own copy of the samples: the sample log repeated past VS Code's limit.
      const sample = readFileSync(path.join(root, 'samples', 'gateway.log'));
      const copies = Math.ceil((52 * 1024 * 1024) / sample.length);
      writeFileSync(path.join(workspace, 'huge-gateway.log'), Buffer.concat(Array.from({ length: copies }, () => sample)));
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
      // Opened from the Explorer (Quick Open's file search does not see files made after it started).
      await runCommand(page, 'File: Refresh Explorer').catch(() => {});
      const files = page.locator('.pane-header', { hasText: /^samples$/i }).first();
      if ((await files.getAttribute('aria-expanded').catch(() => null)) !== 'true') {
        await files.click();
      }
      const huge = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^huge-gateway\.log$/ }).first();
      await huge.waitFor({ state: 'visible', timeout: 60000 });
      await huge.click();
      const notice = page.locator('.notification-toast', { hasText: 'does not share files over 50 MB' }).first();
      await notice.waitFor({ state: 'visible', timeout: 60000 });
      await notice.locator('.monaco-button', { hasText: 'Open a Slice' }).first().click();
      const first = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'First' }).first();
      await first.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await first.click();
      // The slice's own tab, in front (the large file's tab may take the focus back when its notice
      // closes, even before the slice's tab was seen active).
      await page.locator('.tab', { hasText: 'Untitled' }).first().waitFor({ state: 'visible', timeout: 60000 });
      await page.locator('.tab', { hasText: 'Untitled' }).first().click();
      await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.locator('[id="status.editor.mode"]', { hasText: 'Blue Cedar Gateway Log' })
        .waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.mouse.move(5, 790);
      // A header in the middle of the screen: the first lines may sit under a banner or an earlier hover.
      await hoverUntil(page, 'Sev:', 1, /Severity/i, 400);
    });

    if (updateImages) {
      for (const name of ['screenshot-dark.png', 'screenshot-light.png', 'screenshot-sessions.png', 'screenshot-filter.png']) {
        copyFileSync(path.join(resultsDir, name), path.join(root, 'images', name));
      }
    }
  } finally {
    await context.close();
  }
  return outcomes;
}
