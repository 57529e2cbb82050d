// Browser-level tests: drive the VS Code workbench in Chromium like a person
// would and check what is on screen. Used by scripts/run-editor-tests.mjs,
// which starts the server and the browser. Every wait polls a condition up to
// a deadline. GLT_UI_TIMELINE_ONLY=1 runs only the timeline's checks (with
// GLT_SKIP_SUITES=1: a few minutes instead of the whole run).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { quietSettings, root } from './lib/vscode-server.mjs';
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
  // A folder whose changes VS Code does not report (as when its file watcher misses files unpacked into a
  // new folder): only the Sessions view's Refresh finds the logs written there.
  'files.watcherExclude': { '**/unwatched/**': true },
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
  const rows = page.locator('.quick-input-widget .monaco-list-row', { hasText: title });
  await rows.first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
  // Several commands can contain the title ("Show Timeline", "Show Timeline of the Bundle"), in an order
  // that changes with what was used recently: take the row whose label is the title itself.
  let row = rows.first();
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const label = (await rows.nth(i).innerText().catch(() => '')).split('\n')[0].trim();
    if (label === title || label.endsWith(`: ${title}`)) {
      row = rows.nth(i);
      break;
    }
  }
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEADLINE_MS });
}

export async function quickOpen(page, fileName) {
  const exact = new RegExp(`^${fileName.replace(/\./g, '\\.')}$`);
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  // A file the test has just written may not be found at once: ask again in a new picker. Results
  // arrive and move while the search runs, so the row is chosen with the keyboard, not clicked.
  await poll(`${fileName} in Quick Open`, async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
    await input.fill(fileName);
    try {
      await rows.filter({ has: page.locator('.label-name', { hasText: exact }) }).first().waitFor({ state: 'visible', timeout: 5000 });
    } catch {
      await page.keyboard.press('Escape');
      return false;
    }
    for (let i = 0; i < 10; i++) {
      const focused = await page.locator('.quick-input-widget .monaco-list-row.focused .label-name').first().innerText().catch(() => '');
      if (exact.test(focused.trim())) {
        await page.keyboard.press('Enter');
        return true;
      }
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Escape');
    return false;
  }, 2 * DEADLINE_MS, 0);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEADLINE_MS });
  await page.locator('.tab.active .label-name', { hasText: exact }).first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
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

/** Log entries of a text: each starts on a line that starts with a timestamp (1-based lines). */
function entriesOf(text) {
  const entries = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} /.test(line) || entries.length === 0) {
      entries.push({ first: index + 1, last: index + 1, text: line });
    } else if (line.trim() !== '') {
      const entry = entries[entries.length - 1];
      entry.last = index + 1;
      entry.text += '\n' + line;
    }
  });
  return entries;
}

/**
 * Places in samples/gateway.log where sessions overlap: lines inside a multi-line Session START that
 * lie between the first and the last event of another session (by appGsid and EID), so that a
 * session drawn from its first to its last event would claim them. Each with the START's user.
 */
function overlappingStarts(count) {
  const entries = entriesOf(readFileSync(path.join(root, 'samples', 'gateway.log'), 'utf8'));
  const spans = new Map();
  for (const entry of entries) {
    const gsid = /"appGsid"\s*:\s*(\d+)/.exec(entry.text)?.[1] ?? /EID:\s*([1-9]\d*)/.exec(entry.text)?.[1];
    if (!gsid) continue;
    const span = spans.get(gsid) ?? { first: entry.first, last: entry.last };
    span.last = entry.last;
    spans.set(gsid, span);
  }
  const places = [];
  for (const entry of entries) {
    const user = /Session START\s*\{\s*"sessionId"\s*:\s*\{\s*"username"\s*:\s*"([^"]+)"/.exec(entry.text)?.[1];
    const gsid = /"appGsid"\s*:\s*(\d+)/.exec(entry.text)?.[1];
    if (!user || !gsid || entry.last - entry.first < 4) continue;
    const line = Math.floor((entry.first + entry.last) / 2);
    const around = [...spans].find(([other, span]) => other !== gsid && span.first < line && line < span.last);
    if (around) places.push({ line, user, inside: around[0] });
    if (places.length === count) break;
  }
  if (places.length < count) throw new Error(`samples/gateway.log has only ${places.length} overlapping places`);
  return places;
}

/** Replaces the user settings through VS Code's own settings editor (applied at once, unlike a file written behind its back). */
async function setUserSettings(page, settings) {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(settings, null, 2));
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: DEADLINE_MS });
  await runCommand(page, 'View: Close Editor');
}

/**
 * What VS Code itself would do in our languages: the settings our configurationDefaults change, at
 * VS Code's defaults. (Object settings merge with the defaults, so allowed characters are unset by `false`.)
 */
const VSCODE_DEFAULTS = {
  'editor.guides.indentation': true,
  'editor.unicodeHighlight.allowedCharacters': { '‘': false, '’': false, '“': false, '”': false },
  'editor.wordWrap': 'off',
  'editor.wrappingIndent': 'same',
};

/**
 * Moves the cursor to a 1-based line (and column) with Go to Line; the editor shows it in the middle.
 * Enter is pressed once the widget offers that line: pressed before, it does nothing and the widget
 * stays open.
 */
export async function goToLine(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: `Go to line ${line}` }).first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await page.keyboard.press('Enter');
  await poll(`the cursor on line ${line}`, async () => (await cursorLine(page)) === line);
}

/** How the active editor shows its text: indentation guides, ambiguous-character boxes, wrapped lines. */
async function editorLooks(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return undefined;
    return {
      guides: editor.querySelectorAll('.core-guide-indent').length,
      ambiguous: editor.querySelectorAll('.unicode-highlight').length,
      // Wrapped: more view lines than numbered lines on screen (sticky scroll has lines of its own).
      wrapped: editor.querySelectorAll('.lines-content .view-lines > .view-line').length
        > [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].filter((n) => n.textContent.trim() !== '').length,
    };
  });
}

/** The cursor line shown in the status bar ("Ln 12, Col 3"). */
export async function cursorLine(page) {
  const text = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '');
  const match = /Ln (\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * A copy of gateway.log that VS Code knows by its name, so it opens in our language at once. (A .log
 * file opens as Log and is switched by its content, and VS Code does not redraw the ambiguous-character
 * boxes of an editor whose language changes; guides and wrapping it does redraw.) Written before the
 * workbench starts, for Quick Open to find, and named outside the bundle's patterns.
 */
const DEFAULTS_COPY = 'gateway-defaults.bluecedar-log';

/** The Gateway Sessions view's message ("N sessions in M files"), read from the tree's header. */
function sessionsMessage(page) {
  return page.locator('.pane:has(.pane-header:has-text("Gateway Sessions")) .tree-explorer-viewlet-tree-view > .message').first();
}

/** A Blue Cedar log of one session (a START) of `user`, on Nov 2 2021 at `time`. */
function oneSessionLog(user, time, gsid) {
  return [
    `Nov 2 2021 ${time} bcgw-prod-01 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,`,
    `Session START {"sessionId":{"username":"${user}","device":{"osType":"ios","deviceName":"${user}'s phone","uniqueId":"${user}-0001"},"app":{"assignedIp":"10.9.9.9","publicSrcIp":"203.0.113.9","appName":"PromCLI","appGsid":${gsid}}}}`,
    '',
  ].join('\n');
}

/**
 * The Gateway Sessions view after the bundle changes: its message counts what was added once it is
 * indexed. Needs the view open (the Sessions view check leaves it so). Adds two logs to `workspace`.
 */
export async function runSessionsViewUpdateChecks(page, { workspace }, check) {
  const message = sessionsMessage(page);
  let said = '';
  const counts = async () => {
    said = (await message.innerText().catch(() => '')).trim();
    const match = /^(\d+) sessions? in (\d+) files?$/.exec(said);
    return match && { sessions: Number(match[1]), files: Number(match[2]) };
  };
  const untilSaid = (expected) => poll(`the Sessions view to say "${expected}"`, async () => (await counts()) && said === expected, 60000)
    .catch((error) => { throw new Error(`${error.message}; it says "${said}"`); });

  await check('the Gateway Sessions view counts a log added to the workspace once it is indexed, instead of saying "Indexing log files…" for ever', async () => {
    const before = await poll('the Sessions view to count the bundle\'s sessions', counts, 60000)
      .catch((error) => { throw new Error(`${error.message}; it says "${said}"`); });
    writeFileSync(path.join(workspace, 'late.log'), oneSessionLog('latecomer', '09:00:00', 4242424242));
    await untilSaid(`${before.sessions + 1} sessions in ${before.files + 1} files`);
  });

  await check('filtering the Gateway Sessions view by a user shows their few sessions at once, without expanding the day and the user', async () => {
    const header = page.locator('.pane-header', { hasText: 'Gateway Sessions' }).first();
    await header.hover();
    await header.locator('.action-label[aria-label="Filter Sessions…"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
    await input.fill('nkowalski');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: DEADLINE_MS });
    const pane = page.locator('.pane:has(.pane-header:has-text("Gateway Sessions"))');
    const sessions = pane.locator('.monaco-list-row', { hasText: /Field Service · Nadia’s iPhone/ });
    await poll('nkowalski\'s two sessions listed', async () => (await sessions.count()) === 2)
      .catch(async (error) => { throw new Error(`${error.message}; the view shows ${JSON.stringify(await pane.locator('.monaco-list-row').allInnerTexts())}`); });
    await header.hover();
    await header.locator('.action-label[aria-label="Clear Session Filter"]').click();
    await poll('the filter cleared', async () => !/Filter:/.test(await message.innerText().catch(() => '')));
  });

  await check('Refresh in the Gateway Sessions view finds a log the file watcher did not report', async () => {
    const before = await poll('the Sessions view to count the bundle\'s sessions', counts, 60000)
      .catch((error) => { throw new Error(`${error.message}; it says "${said}"`); });
    mkdirSync(path.join(workspace, 'unwatched'), { recursive: true });
    writeFileSync(path.join(workspace, 'unwatched', 'gateway.log'), oneSessionLog('unreported', '09:30:00', 4242424243));
    const header = page.locator('.pane-header', { hasText: 'Gateway Sessions' }).first();
    await header.hover();
    await header.locator('.action-label[aria-label="Refresh"]').click();
    await untilSaid(`${before.sessions + 1} sessions in ${before.files + 1} files`);
  });
}

export async function runUiTests({ browser, url, workspace, resultsDir, updateImages }) {
  writeFileSync(path.join(workspace, DEFAULTS_COPY), readFileSync(path.join(root, 'samples', 'gateway.log')));
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
    if (process.env.GLT_UI_TIMELINE_ONLY) {
      outcomes.push(...await runTimelineChecks(page, { workspace, resultsDir, updateImages }));
      return outcomes;
    }

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
      await goToLine(page, stop.line, stop.column + 2);
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

    const places = overlappingStarts(3);
    await check(`the breadcrumbs name the cursor's own session where sessions overlap (${places.map((p) => `line ${p.line}, ${p.user}`).join('; ')})`, async () => {
      await page.mouse.move(5, 790);
      for (const place of places) {
        await goToLine(page, place.line);
        const crumbs = page.locator('.editor-group-container.active .breadcrumbs-control').first();
        await poll(`breadcrumbs naming ${place.user} on line ${place.line}`, async () => {
          const text = (await crumbs.innerText().catch(() => '')).split('\n').map((t) => t.trim()).filter(Boolean);
          return text.length === 3 && text[1].startsWith(`${place.user} · `) && text[2].startsWith('Session START · ');
        });
      }
      await page.keyboard.press('Control+Home');
      await poll('the cursor back on line 1', async () => (await cursorLine(page)) === 1);
    });

    await check('clicking the year of OAG timestamps does not light up every timestamp', async () => {
      // audit.log opens as VS Code's Log language first, then switches to ours.
      await quickOpen(page, 'audit.log');
      await page.locator('[id="status.editor.mode"]', { hasText: 'Okta Access Gateway Audit Log' }).waitFor({ state: 'visible', timeout: 60000 });
      const crumbs = page.locator('.editor-group-container.active .breadcrumbs-control').first();
      await poll('the breadcrumbs of the first entry (the server has the file)', async () => /CONFIG_TEST/.test(await crumbs.innerText().catch(() => '')));
      const highlights = page.locator('.editor-group-container.active .monaco-editor .wordHighlightText, .editor-group-container.active .monaco-editor .wordHighlight');
      if (await highlights.count() > 0) throw new Error(`${await highlights.count()} word highlights right after opening`);
      const target = await poll('the third line on screen', () => locateText(page, '2021-09-14T08:00:06', 1));
      await page.mouse.click(target.x, target.y);
      await poll('the breadcrumbs on the clicked entry', async () => /SYSTEM_IDP_STATUS/.test(await crumbs.innerText().catch(() => '')));
      if (await highlights.count() > 0) throw new Error(`${await highlights.count()} word highlights after clicking 2021`);
      await quickOpen(page, 'gateway.log');
      await page.keyboard.press('Control+Home');
      await poll('the cursor back on line 1', async () => (await cursorLine(page)) === 1);
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

    await runSessionsViewUpdateChecks(page, { workspace }, check);

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
      await goToLine(page, stop.line, stop.column);
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
      // Read-only: typing is refused (VS Code says so) and leaves nothing to save. (The rendered text is
      // no measure: hints and lenses may still arrive between two readings of it.)
      await page.keyboard.type('x');
      await page.locator('.monaco-editor-overlaymessage', { hasText: 'read-only' }).first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
      if (await page.locator('.tab.active.dirty').count() > 0) throw new Error('the view took a keystroke: it has changes to save');
      // Back to the original: Ctrl+click on the STOP's hint (a link, like any go-to). The lenses above
      // the entries may still be laid out and move the lines down between finding the hint and
      // clicking it: then the click lands on another line, and the hint is found and clicked again.
      await page.keyboard.press('Escape');
      const original = page.locator('.tab.active', { hasText: /^gateway\.log$/ });
      await poll(`gateway.log in front after a Ctrl+click on the hint ${origin}`, async () => {
        const hint = await locateText(page, origin, 2);
        if (!hint) return false;
        await page.mouse.move(hint.x, hint.y);
        await page.keyboard.down('Control');
        await page.mouse.click(hint.x, hint.y);
        await page.keyboard.up('Control');
        return original.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
      });
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
      // closes, even before the slice's tab was seen active). A read-only view titled with the file
      // and the times it spans, not an unsaved "Untitled-1".
      const sliceTab = page.locator('.tab', { hasText: 'huge-gateway.log · Oct 31 2021 22:45:00 – ' }).first();
      await sliceTab.waitFor({ state: 'visible', timeout: 60000 });
      await sliceTab.click();
      await page.locator('.tab.active', { hasText: 'huge-gateway.log · Oct 31 2021 22:45:00 – ' }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.locator('[id="status.editor.mode"]', { hasText: 'Blue Cedar Gateway Log' })
        .waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await page.mouse.move(5, 790);
      // A header in the middle of the screen: the first lines may sit under a banner or an earlier hover.
      await hoverUntil(page, 'Sev:', 1, /Severity/i, 400);
      if (await page.locator('.tab.active.dirty').count() > 0) throw new Error('the slice view is marked as unsaved');
      // Read-only: typing is refused, so closing it never asks to save.
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.type('x');
      await page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
    });

    await check('the time-range prompt of a slice shows an example from the file\'s own times', async () => {
      const hugeTab = page.locator('.tab', { has: page.locator('.label-name', { hasText: /^huge-gateway\.log$/ }) }).first();
      await hugeTab.click();
      await page.locator('.tab.active', { has: page.locator('.label-name', { hasText: /^huge-gateway\.log$/ }) }).first().waitFor({ state: 'visible', timeout: DEADLINE_MS });
      // Not runCommand: the command answers with a quick pick of its own, so the palette never closes.
      // The large file's tab may take the focus back (and close the palette): ask again until the
      // command's own pick shows.
      const palette = page.locator('.quick-input-widget input');
      const timeRange = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'A time range' }).first();
      await poll('the slice command\'s pick', async () => {
        await page.keyboard.press('F1');
        try {
          await palette.waitFor({ state: 'visible', timeout: 5000 });
          await palette.fill('>Gateway Logs: Open a Slice of a Large Log');
          await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Open a Slice of a Large Log' }).first().waitFor({ state: 'visible', timeout: 5000 });
          await page.keyboard.press('Enter');
          await timeRange.waitFor({ state: 'visible', timeout: 5000 });
          return true;
        } catch {
          await page.keyboard.press('Escape');
          return false;
        }
      }, 2 * DEADLINE_MS, 0);
      await timeRange.click();
      const input = page.locator('.quick-input-widget input');
      await poll('the time-range prompt', async () => /22:45:00 to /.test(await input.getAttribute('placeholder').catch(() => '') ?? ''));
      const placeholder = await input.getAttribute('placeholder');
      if (placeholder !== 'Oct 31 2021 22:45:00 to Nov 1 00:22:00') throw new Error(`the example is ${placeholder}`);
      const prompt = await page.locator('.quick-input-widget').innerText();
      if (!prompt.includes('huge-gateway.log runs from Oct 31 2021 22:45:00 to Nov 1 00:22:00')) throw new Error(`the prompt says: ${prompt}`);
      await page.keyboard.press('Escape');
    });

    // The quiet defaults of our languages, against what VS Code itself would show, in both themes.
    const shots = [];
    await check('our languages\' defaults: no indentation guides, no boxes on typographic quotes, wrapped lines (Light Modern and Dark Modern, before and after)', async () => {
      const deviceLine = readFileSync(path.join(workspace, DEFAULTS_COPY), 'utf8').split(/\r?\n/).findIndex((l) => l.includes('Kim’s iPhone')) + 1;
      const ours = { ...quietSettings, ...uiSettings };
      const vscodes = { ...ours, 'editor.wordWrap': 'off', '[bluecedar-log]': VSCODE_DEFAULTS, '[oag-log]': VSCODE_DEFAULTS };
      for (const [state, settings] of [['after', ours], ['before', vscodes]]) {
        for (const theme of ['light', 'dark']) {
          const colorTheme = { 'workbench.colorTheme': theme === 'dark' ? 'Default Dark Modern' : 'Default Light Modern' };
          await setUserSettings(page, { ...settings, ...colorTheme });
          await page.locator(theme === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ state: 'attached', timeout: DEADLINE_MS });
          // Fresh editors, so that nothing drawn under the previous settings lingers.
          await runCommand(page, 'View: Close All Editors');
          await quickOpen(page, DEFAULTS_COPY);
          await goToLine(page, deviceLine);
          await page.mouse.move(5, 790);
          const expected = state === 'after' ? { guides: false, ambiguous: false, wrapped: true } : { guides: true, ambiguous: true, wrapped: false };
          let looks;
          await poll(`the Blue Cedar log as ${state === 'after' ? 'our defaults' : 'VS Code\'s defaults'} show it (${JSON.stringify(expected)})`, async () => {
            looks = await editorLooks(page);
            return looks && (looks.guides > 0) === expected.guides && (looks.ambiguous > 0) === expected.ambiguous && looks.wrapped === expected.wrapped;
          }).catch((error) => { throw new Error(`${error.message}; it shows ${JSON.stringify(looks)}`); });
          const file = `defaults-${theme}-${state}.png`;
          await page.screenshot({ path: path.join(resultsDir, file) });
          shots.push(file);
          await quickOpen(page, 'audit.log');
          await poll(`audit.log ${expected.wrapped ? 'wrapped' : 'not wrapped'}`, async () => (await editorLooks(page))?.wrapped === expected.wrapped);
          const oag = `defaults-oag-${theme}-${state}.png`;
          await page.screenshot({ path: path.join(resultsDir, oag) });
          shots.push(oag);
        }
      }
      await setUserSettings(page, { ...ours, 'workbench.colorTheme': 'Default Dark Modern' });
    });

    if (updateImages) {
      for (const name of ['screenshot-dark.png', 'screenshot-light.png', 'screenshot-sessions.png', 'screenshot-filter.png', ...shots]) {
        copyFileSync(path.join(resultsDir, name), path.join(root, 'images', name));
      }
    }
  } finally {
    await context.close();
  }
  return outcomes;
}
