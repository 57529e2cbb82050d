// Browser checks of the timeline webview (run by scripts/ui-tests.mjs in the real workbench, on the
// packaged VSIX): it draws the sample's sessions, a click on a bar reveals the right line, the editor's
// cursor is followed, the theme switch recolours it, log text with markup stays text, and the first
// paint of 20 000 sessions is measured (reported, not asserted). Every wait polls a condition.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/vscode-server.mjs';
import { cursorLine, goToLine, poll, quickOpenWhenListed, runCommand } from './ui-tests.mjs';

const DEADLINE_MS = 30000;

/** Sessions of a Blue Cedar log by its text: distinct appGsid values of START/STOP entries, with the START's header line. */
function sampleSessions(text) {
  const lines = text.split(/\r?\n/);
  const sessions = new Map();
  let header = 0;
  let entry = [];
  const flush = () => {
    const joined = entry.join('\n');
    const kind = /Session START/.test(joined) ? 'start' : /Session STOP/.test(joined) ? 'stop' : undefined;
    const gsid = /"appGsid"\s*:\s*(\d+)/.exec(joined)?.[1];
    const user = /"username"\s*:\s*"([^"]*)"/.exec(joined)?.[1];
    if (kind && gsid) {
      const s = sessions.get(gsid) ?? { gsid, user };
      if (kind === 'start') s.startLine = header;
      sessions.set(gsid, s);
    }
  };
  lines.forEach((line, i) => {
    if (/^[A-Z][a-z]{2} +\d{1,2} /.test(line)) {
      flush();
      header = i;
      entry = [];
    }
    entry.push(line);
  });
  flush();
  return [...sessions.values()];
}

/** The webview frame whose title is `fileName`, once it has drawn (data-state ready, or another final state). */
async function timelineFrame(page, fileName, deadlineMs = DEADLINE_MS) {
  return poll(`the timeline of ${fileName} to be drawn`, async () => {
    for (const frame of page.frames()) {
      const state = await frame.evaluate(() => {
        const main = document.getElementById('timeline');
        return main ? { title: document.getElementById('title')?.textContent, state: main.dataset.state } : undefined;
      }).catch(() => undefined);
      if (state?.title === fileName && state.state !== 'loading') return frame;
    }
    return undefined;
  }, deadlineMs, 250);
}

function dataset(frame) {
  return frame.evaluate(() => ({ ...document.getElementById('timeline').dataset }));
}

/** Page coordinates of a point given in the chart canvas's own pixels. */
async function chartPoint(frame, px, py) {
  const canvas = await frame.$('#chart');
  const box = await canvas.boundingBox();
  return { x: box.x + px, y: box.y + py };
}

async function openTimeline(page, fileName) {
  await quickOpenWhenListed(page, fileName);
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: DEADLINE_MS });
  await page.locator('[id="status.editor.mode"]', { hasText: 'Blue Cedar Gateway Log' }).waitFor({ state: 'visible', timeout: 60000 });
  const started = Date.now();
  await runCommand(page, 'Gateway Logs: Show Timeline');
  const frame = await timelineFrame(page, fileName, 120000);
  return { frame, elapsedMs: Date.now() - started };
}

/**
 * Selects sessions with "]" until the status line names `user`; returns where the view drew the selected
 * bar (chart pixels), once it has been painted.
 */
async function selectSessionOf(frame, user, count) {
  await frame.focus('#timeline');
  await frame.press('#timeline', 'Escape'); // from the first session on

  for (let i = 0; i < count; i++) {
    await frame.press('#timeline', ']');
    const status = await frame.evaluate(() => document.getElementById('status').textContent);
    if (status.startsWith(`${user} ·`)) {
      const box = await poll('the selected bar to be painted', async () => (await dataset(frame)).selectedBox || undefined);
      return box.split(',').map(Number);
    }
  }
  throw new Error(`no session of ${user} reached with "]"`);
}

function hostileLog() {
  const user = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>**bold**';
  const session = (kind, time) => `Oct 31 2021 ${time} bcgw-prod-01 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,\n`
    + `Session ${kind} ${JSON.stringify({ sessionId: { username: user, device: { osType: 'ios', deviceName: '<b>phone</b>', uniqueId: 'X1', jailbroken: false }, app: { appName: '<i>App</i>', appGsid: 77 } } })}`;
  return { user, text: `${session('START', '10:00:00')}\n${session('STOP', '10:30:00')}\n` };
}

/** One Blue Cedar session (START and STOP) per user, an hour apart (or all at `hour`), each STOP `minutes` later. */
function sessionsLog(users, { day = 'Oct 31 2021', minutes = 30, stopDay, hour } = {}) {
  const pad = (n) => String(n).padStart(2, '0');
  const entry = (when, kind, user, gsid) => `${when} g Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session ${kind} `
    + JSON.stringify({ sessionId: { username: user, device: { osType: 'ios', deviceName: user, uniqueId: `D${gsid}` }, app: { appName: user, appGsid: gsid } } });
  return users.map((user, i) => {
    const h = pad(hour ?? i % 24);
    const stop = `${stopDay ?? day} ${h}:${pad(minutes % 60)}:00`;
    return `${entry(`${day} ${h}:00:00`, 'START', user, 500 + i)}\n${entry(stop, 'STOP', user, 500 + i)}\n`;
  }).join('');
}

/** Names a hostile client could give itself: markup, a script URL, direction and zero-width characters, a huge name, a lone surrogate, emoji. */
const HOSTILE_NAMES = [
  '<script>window.__pwned=4</script>', '</textarea><img src=x onerror="window.__pwned=5">', '"><img src=x onerror="window.__pwned=6">',
  'javascript:window.__pwned=7', 'admin\u202Egnp.exe', 'zero\u200Bwidth\u200D', 'x'.repeat(100000), 'lone\uD800half', '🚀 ops 😀',
];

/** A Blue Cedar log of `count` sessions, interleaved over a day, each a START and a STOP on one line each. */
function manySessionsLog(count) {
  const out = [];
  const base = Date.UTC(2021, 10, 1, 0, 0, 0);
  const pad = (n) => String(n).padStart(2, '0');
  const stamp = (ms) => {
    const d = new Date(ms);
    return `Nov ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const events = [];
  for (let i = 0; i < count; i++) {
    const start = base + Math.floor((i / count) * 86_400_000);
    const stop = start + (60 + (i * 7919) % 3000) * 1000;
    // As small as a valid entry gets, to stay well under the size the browser editor opens without asking.
    const json = (extra) => JSON.stringify({ sessionId: { username: `u${i % 400}`, ...extra, device: { uniqueId: `D${i % 900}` }, app: { appName: `A${i % 7}`, appGsid: 1000 + i } } });
    events.push([start, `${stamp(start)} g Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START ${json({})}`]);
    events.push([stop, `${stamp(stop)} g Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session STOP ${json({ durationSeconds: (stop - start) / 1000 })}`]);
  }
  events.sort((a, b) => a[0] - b[0]);
  for (const [, line] of events) out.push(line);
  return out.join('\n') + '\n';
}

export async function runTimelineChecks(page, { workspace, resultsDir, updateImages, only = [] }) {
  const outcomes = [];
  const check = async (title, body) => {
    if (only.length && !only.some((o) => title.includes(o))) return;
    const started = Date.now();
    try {
      const detail = await body();
      outcomes.push({ title: `UI: ${title}${detail ? ` (${detail})` : ''}`, ok: true, durationMs: Date.now() - started });
    } catch (error) {
      outcomes.push({ title: `UI: ${title}`, ok: false, message: error.message, durationMs: Date.now() - started });
      await page.screenshot({ path: path.join(resultsDir, `ui-timeline-failure-${outcomes.length}.png`) }).catch(() => {});
    }
  };

  const text = readFileSync(path.join(workspace, 'gateway.log'), 'utf8');
  const sessions = sampleSessions(text);
  // Written first, so the workbench has seen them by the time Quick Open looks for them. Named so the
  // language comes from the extension and the bundle's patterns (*.log…) leave them out: the server is
  // not kept busy indexing them for the checks that follow.
  const hostile = hostileLog();
  writeFileSync(path.join(workspace, 'hostile.bluecedar-log'), hostile.text);
  writeFileSync(path.join(workspace, 'sessions-20k.bluecedar-log'), manySessionsLog(20000));
  const generated = {
    'hostile-names.bluecedar-log': sessionsLog(HOSTILE_NAMES),
    'instant.bluecedar-log': sessionsLog(['alice', 'bob'], { minutes: 0, hour: 10 }),
    'years.bluecedar-log': sessionsLog(['alice', 'bob'], { day: 'Oct 31 2001', stopDay: 'Oct 31 2031' }),
    // Headers the detection knows, times no calendar has.
    'no-times.bluecedar-log': sessionsLog(['alice']).replace(/Oct 31 2021 \d\d:\d\d:\d\d/g, 'Feb 31 2021 99:99:99'),
  };
  for (const [name, text] of Object.entries(generated)) writeFileSync(path.join(workspace, name), text);
  let frame;
  await check(`the timeline of gateway.log draws its ${sessions.length} sessions as bars`, async () => {
    ({ frame } = await openTimeline(page, 'gateway.log'));
    const data = await dataset(frame);
    if (data.state !== 'ready') throw new Error(`timeline state ${data.state}`);
    if (Number(data.sessions) !== sessions.length) throw new Error(`${data.sessions} sessions in the view, ${sessions.length} in the log`);
    if (Number(data.bars) !== sessions.length) throw new Error(`${data.bars} bars drawn, ${sessions.length} sessions`);
    if (!(Number(data.findings) >= 2)) throw new Error(`${data.findings} findings in the view`);
    return `${data.bars} bars, ${data.marks} marks, ${data.findings} findings; page ready after ${data.readyMs} ms, server's answer ${data.requestMs} ms, first paint ${data.firstPaintMs} ms after the data arrived`;
  });
  if (!frame) return outcomes;

  const akim = sessions.find((s) => s.user === 'akim' && s.startLine !== undefined);
  await check(`a click on akim's bar reveals its Session START (line ${akim.startLine + 1}) in the editor`, async () => {
    // The view may be laid out again (the workbench resizing it) between reading where the bar is and
    // pointing at it: point again until the tooltip names akim, then click there.
    const target = await poll("the mouse over akim's bar", async () => {
      const [bx, by, bw, bh] = await selectSessionOf(frame, 'akim', sessions.length);
      const point = await chartPoint(frame, bx + Math.min(bw / 2, 20), by + bh / 2);
      await page.mouse.move(point.x, point.y);
      const tooltip = await poll('the tooltip over the bar', () => frame.evaluate(() => {
        const t = document.getElementById('tooltip');
        return t.hidden ? undefined : t.textContent;
      }), 5000);
      return tooltip.startsWith('akim ·') ? point : undefined;
    });
    await page.mouse.click(target.x, target.y);
    await poll(`the editor's cursor on line ${akim.startLine + 1}`, async () => (await cursorLine(page)) === akim.startLine + 1);
  });

  const tnguyen = sessions.find((s) => s.user === 'tnguyen');
  await check(`moving the editor's cursor to tnguyen's START (line ${tnguyen.startLine + 2}) highlights it in the timeline`, async () => {
    await page.locator('.tab', { hasText: /^gateway\.log/ }).first().click();
    await goToLine(page, tnguyen.startLine + 2);
    await poll('the timeline to follow the cursor', async () => (await dataset(frame)).cursorLine === String(tnguyen.startLine));
  });

  await check('messages the timeline page could not have sent are ignored: a reveal of another file, bad lines, unknown types', async () => {
    // Posted through the webview host's own channel, as a script in the page would (the page's API
    // object is taken by the view's script): the extension must check each one.
    const host = frame.parentFrame();
    const forge = (message) => host.evaluate((m) => window.__vscode_post_message__('onmessage', { message: m }), message);
    const other = path.join(workspace, 'oag-older-format.log');
    const forged = [
      { type: 'reveal', line: 2, file: other },
      { type: 'reveal', line: 2, file: `file://${other}` },
      { type: 'reveal', line: -5 },
      { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: '7' },
      { type: 'open', uri: `file://${other}` },
      null,
      [],
    ];
    for (const message of forged) await forge(message);
    // A reveal the page can send, after them: once it is done the others have been handled.
    await forge({ type: 'reveal', line: akim.startLine });
    await poll(`the editor's cursor on line ${akim.startLine + 1}`, async () => (await cursorLine(page)) === akim.startLine + 1);
    const opened = await page.locator('.tab', { hasText: 'oag-older-format.log' }).count();
    if (opened !== 0) throw new Error('a forged message opened oag-older-format.log');
  });

  await check('in a narrow panel the plot keeps to the panel: the last session is drawn inside it', async () => {
    const box = async () => {
      await frame.focus('#timeline');
      await frame.press('#timeline', 'Escape');
      await frame.press('#timeline', '['); // from nothing selected: the last session by start
      return poll('the selected bar to be painted', async () => (await dataset(frame)).selectedBox || undefined);
    };
    const widths = [];
    try {
      for (const width of [320, 200, 140]) {
        await frame.evaluate((w) => { document.body.style.width = `${w}px`; }, width);
        await poll(`the chart ${width} px wide`, () => frame.evaluate((w) => document.getElementById('chart').clientWidth === w, width));
        await poll(`the timeline redrawn ${width} px wide`, async () => {
          await frame.press('#timeline', '0');
          const [x, , w] = (await box()).split(',').map(Number);
          widths.push(`${width}: bar ${x}-${x + w}`);
          if (x + w > width) throw new Error(`at ${width} px the last session is drawn at ${x}-${x + w}, outside the panel`);
          return x >= 0;
        }, 10000);
        if (width === 200) await page.screenshot({ path: path.join(resultsDir, 'timeline-narrow.png') });
      }
    } finally {
      await frame.evaluate(() => { document.body.style.width = ''; });
    }
    return widths.join('; ');
  });

  await check('the summary (how much is drawn) is read by screen readers, and the controls have names', async () => {
    const found = await frame.evaluate(() => {
      const summary = document.getElementById('summary');
      const unnamed = [...document.querySelectorAll('button, select, main, canvas')]
        .filter((e) => !(e.getAttribute('aria-label') || e.textContent.trim() || e.getAttribute('title')))
        .map((e) => e.id || e.tagName);
      return { text: summary.textContent, hidden: summary.closest('[aria-hidden="true"]') !== null, unnamed };
    });
    if (!/sessions/.test(found.text)) throw new Error(`the summary says "${found.text}"`);
    if (found.hidden) throw new Error('the summary is inside an aria-hidden element');
    if (found.unnamed.length) throw new Error(`controls without a name: ${found.unnamed.join(', ')}`);
  });

  await check('screenshot of the timeline (dark theme)', async () => {
    // The timeline alone in the editor area (its group maximised with the keyboard, Ctrl+K Ctrl+M: no
    // Quick Input a webview taking the focus could close), the jailbroken session under the editor's
    // cursor highlighted.
    const tab = page.locator('.tab', { hasText: 'Timeline: gateway.log' }).first();
    const width = async () => (await (await frame.$('#chart')).boundingBox())?.width ?? 0;
    const narrow = await width();
    const toggleMaximized = async () => {
      await tab.click();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+M');
    };
    // The chord may not reach the workbench (the webview can hold the focus a moment after the tab's
    // click): then it is pressed again, never while a first press may still be taking effect.
    const toggleUntil = (what, done) => poll(what, async () => {
      if (await done()) return true;
      await toggleMaximized();
      return poll(what, done, 5000).then(() => true, () => false);
    });
    await toggleUntil('the timeline to fill the editor area', async () => (await width()) > narrow + 300);
    await page.mouse.move(5, 790);
    await poll('the timeline redrawn at its new size', async () => Number((await dataset(frame)).bars) === sessions.length);
    await page.screenshot({ path: path.join(resultsDir, 'screenshot-timeline.png') });
    await toggleUntil('the timeline back beside the log', async () => (await width()) < narrow + 50);
  });

  await check('switching to the light theme recolours the timeline', async () => {
    const pixel = () => frame.evaluate(() => {
      const canvas = document.getElementById('chart');
      const ratio = window.devicePixelRatio || 1;
      return [...canvas.getContext('2d').getImageData(Math.round(4 * ratio), Math.round(canvas.clientHeight * ratio) - 2, 1, 1).data].join(',');
    });
    const before = { theme: (await dataset(frame)).theme, pixel: await pixel() };
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    const after = await poll('the timeline in the other theme', async () => {
      const theme = (await dataset(frame)).theme;
      const now = await pixel();
      return theme !== before.theme && now !== before.pixel ? { theme, pixel: now } : undefined;
    });
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await poll('the timeline back in the first theme', async () => (await dataset(frame)).theme === before.theme);
    return `${before.theme} ${before.pixel} -> ${after.theme} ${after.pixel}`;
  });

  await check('log text with markup or script is shown as text in the timeline', async () => {
    const { user } = hostile;
    const { frame: view } = await openTimeline(page, 'hostile.bluecedar-log');
    const [bx, by, bw, bh] = await selectSessionOf(view, user, 1);
    const target = await chartPoint(view, bx + bw / 2, by + bh / 2);
    await page.mouse.move(target.x, target.y);
    const result = await poll('the tooltip over the hostile session', () => view.evaluate(() => {
      const t = document.getElementById('tooltip');
      return t.hidden ? undefined : {
        text: t.textContent,
        elements: document.querySelectorAll('#timeline img, #timeline script, #timeline b, #timeline i, #status *').length,
        pwned: window.__pwned ?? null,
      };
    }));
    if (!result.text.includes(user)) throw new Error(`the tooltip does not show the username literally: ${result.text}`);
    if (!result.text.includes('<b>phone</b>')) throw new Error(`the tooltip does not show the device name literally: ${result.text}`);
    if (result.elements !== 0 || result.pwned !== null) throw new Error(`markup from the log became elements (${result.elements}) or ran (${result.pwned})`);
  });

  await check('hostile names (markup, script URLs, bidi, zero-width, 100 000 characters, lone surrogates, emoji) are drawn as bounded, inert text', async () => {
    const { frame: view } = await openTimeline(page, 'hostile-names.bluecedar-log');
    const data = await dataset(view);
    if (data.state !== 'ready' || Number(data.rows) !== HOSTILE_NAMES.length || Number(data.bars) !== HOSTILE_NAMES.length) {
      throw new Error(`state ${data.state}, ${data.rows} rows, ${data.bars} bars for ${HOSTILE_NAMES.length} users`);
    }
    const seen = [];
    await view.focus('#timeline');
    await view.press('#timeline', 'Escape');
    let previous = '';
    for (let i = 0; i < HOSTILE_NAMES.length; i++) {
      await view.press('#timeline', ']');
      // Each session is on a row of its own: wait for the new selection to be painted.
      previous = await poll('the selected bar to be painted', async () => {
        const box = (await dataset(view)).selectedBox;
        return box && box !== previous ? box : undefined;
      });
      const [bx, by, bw, bh] = previous.split(',').map(Number);
      const target = await chartPoint(view, bx + Math.min(bw / 2, 20), by + bh / 2);
      await page.mouse.move(target.x, target.y);
      // The tooltip of this bar (not the last one's): its first line opens the status line of the selection.
      const tip = await poll('the tooltip over the selected bar', () => view.evaluate(() => {
        const t = document.getElementById('tooltip');
        if (t.hidden || !document.getElementById('status').textContent.startsWith((t.firstElementChild?.textContent ?? '\u0000').slice(0, 100))) return undefined;
        const box = t.getBoundingClientRect();
        const area = document.getElementById('timeline').getBoundingClientRect();
        return t.hidden ? undefined : {
          title: t.firstElementChild?.textContent ?? '', length: t.textContent.length,
          inside: box.left >= area.left - 1 && box.right <= area.right + 1 && box.top >= area.top - 1 && box.bottom <= area.bottom + 1,
        };
      }));
      seen.push(tip.title.slice(0, 40));
      if (!tip.inside) throw new Error(`the tooltip of "${tip.title.slice(0, 60)}" runs out of the view`);
      if (tip.length > 2000) throw new Error(`the tooltip of "${tip.title.slice(0, 60)}" holds ${tip.length} characters`);
      if (/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(tip.title)) {
        throw new Error(`the tooltip shows a direction, zero-width or lone surrogate character as it is: ${JSON.stringify(tip.title.slice(0, 60))}`);
      }
    }
    const result = await view.evaluate(() => ({
      elements: document.querySelectorAll('body img, body script:not([src]), body textarea, body a').length,
      pwned: window.__pwned ?? null,
    }));
    if (result.elements !== 0 || result.pwned !== null) throw new Error(`markup from the log became elements (${result.elements}) or ran (${result.pwned})`);
    if (new Set(seen).size !== HOSTILE_NAMES.length) throw new Error(`not every session's tooltip was seen: ${JSON.stringify(seen)}`);
    if (!seen.some((t) => t.startsWith('🚀 ops 😀'))) throw new Error(`emoji are not shown as they are: ${JSON.stringify(seen)}`);
    return seen.map((t) => JSON.stringify(t)).join(' ');
  });

  await check('degenerate time spans: everything at one instant, thirty years, no readable time', async () => {
    const instant = await openTimeline(page, 'instant.bluecedar-log');
    const one = await dataset(instant.frame);
    if (one.state !== 'ready' || Number(one.bars) !== 2) throw new Error(`one instant: state ${one.state}, ${one.bars} bars`);
    const years = await openTimeline(page, 'years.bluecedar-log');
    const span = await dataset(years.frame);
    if (span.state !== 'ready' || Number(span.bars) !== 2) throw new Error(`thirty years: state ${span.state}, ${span.bars} bars`);
    // Zoomed all the way in and panned to the end: still drawn, still the same bars.
    await years.frame.focus('#timeline');
    for (let i = 0; i < 60; i++) await years.frame.press('#timeline', '+');
    await years.frame.press('#timeline', 'End');
    let shown = '';
    const range = await poll('the range at the end of thirty years', () => years.frame.evaluate(() => document.getElementById('range').textContent)
      .then((text) => { shown = text; return /^2031-10-31 01:/.test(text) ? text : undefined; }), 10000)
      .catch((error) => { throw new Error(`${error.message}: End shows ${shown}`); });
    const none = await openTimeline(page, 'no-times.bluecedar-log');
    const empty = await dataset(none.frame);
    const said = await none.frame.evaluate(() => document.getElementById('status').textContent);
    if (empty.state !== 'empty' || !/readable time/.test(said)) throw new Error(`no times: state ${empty.state}, "${said}"`);
    return `one instant: ${one.bars} bars; thirty years zoomed in: ${range}; no times: "${said}"`;
  });

  await check('first paint of 20 000 sessions (measured, not asserted)', async () => {
    const { frame: view, elapsedMs } = await openTimeline(page, 'sessions-20k.bluecedar-log');
    const data = await dataset(view);
    if (Number(data.sessions) !== 20000) throw new Error(`${data.sessions} sessions in the view`);
    const figure = `first paint ${data.firstPaintMs} ms after the data arrived (rows laid out in ${data.layoutMs} ms, drawn by ${data.drawMs} ms), ${elapsedMs} ms from the command (the page ready after ${data.readyMs} ms, the server's answer ${data.requestMs} ms, passing it to the page ${data.transferMs} ms), ${data.bars} bars drawn`;
    console.log(`[timeline] 20 000 sessions: ${figure}`);
    writeFileSync(path.join(resultsDir, 'timeline-20k.json'), JSON.stringify({ sessions: 20000, firstPaintMs: Number(data.firstPaintMs), layoutMs: Number(data.layoutMs), drawMs: Number(data.drawMs), fromCommandMs: elapsedMs, readyMs: Number(data.readyMs), requestMs: Number(data.requestMs), transferMs: Number(data.transferMs), bars: Number(data.bars) }, null, 2));
    return figure;
  });

  // Leave the workbench as the next checks expect it: no webview holding the focus, no editors open,
  // none of the logs made here.
  rmSync(path.join(workspace, 'hostile.bluecedar-log'), { force: true });
  rmSync(path.join(workspace, 'sessions-20k.bluecedar-log'), { force: true });
  for (const name of Object.keys(generated)) rmSync(path.join(workspace, name), { force: true });
  await page.keyboard.press('Escape');
  await page.locator('.tab', { hasText: /^gateway\.log/ }).first().click().catch(() => {});
  await runCommand(page, 'View: Close All Editor Groups').catch(() => {});

  if (updateImages) {
    copyFileSync(path.join(resultsDir, 'screenshot-timeline.png'), path.join(root, 'images', 'screenshot-timeline.png'));
  }
  return outcomes;
}
