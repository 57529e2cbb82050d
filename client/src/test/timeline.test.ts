// The timeline view's pure parts: times as written (held to the server's wording), rows and lanes,
// the viewport's zoom and pan, hit testing, and the page's Content-Security-Policy.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { contentSecurityPolicy, timelineHtml } from '../timeline/html';
import { clipText, clockTime, dateTime, tickLabel, zoneText } from '../webview/format';
import { HitList } from '../webview/hits';
import { tooltipLines } from '../webview/tooltipText';
import { extentOf, layoutRows, MAX_LANES, NO_ROW_KEY, sessionsByStart } from '../webview/layout';
import { TimelineData, TimelineSession } from '../webview/model';
import { clamp, fit, LABEL_WIDTH, MIN_SPAN_MS, panBy, plotArea, reveal, showRange, timeAt, x, zoomAt } from '../webview/viewport';

const MIN = 60_000;
const T0 = Date.UTC(2021, 9, 31, 22, 0, 0);

function session(id: number, over: Partial<TimelineSession>): TimelineSession {
    return { id, user: 'alice', device: 'phone', app: 'Mail', line: id * 10, startLine: id * 10, start: T0, stop: T0 + 10 * MIN, ...over };
}

function data(sessions: TimelineSession[], over: Partial<TimelineData> = {}): TimelineData {
    return { format: 'bluecedar', start: T0, end: T0 + 120 * MIN, sessions, marks: [], findings: [], entries: 0, omitted: { sessions: 0, marks: 0 }, ...over };
}

describe('times as written', () => {
    // The server's own formatter, from its compiled output (tests may read across; product code may not).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wording = require(path.resolve(__dirname, '../../../server/out/service/wording.js')) as {
        dateTime(e: { time?: number; zone?: number }): string;
        clockTime(e: { time?: number; zone?: number }): string;
        zoneText(z?: number): string;
    };

    test('the view writes every time exactly as the server does, with and without offsets', () => {
        let seed = 7;
        const next = (): number => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return seed / 2147483648;
        };
        for (let i = 0; i < 500; i++) {
            const time = Math.floor(Date.UTC(1995, 0, 1) + next() * 40 * 365 * 86_400_000);
            const zone = i % 3 === 0 ? undefined : Math.round((next() - 0.5) * 28) * 30;
            assert.equal(dateTime(time, zone), wording.dateTime({ time, zone }));
            assert.equal(clockTime(time, zone), wording.clockTime({ time, zone }));
            assert.equal(zoneText(zone), wording.zoneText(zone));
        }
        assert.equal(dateTime(undefined, 0), wording.dateTime({}));
        assert.equal(dateTime(Date.UTC(2021, 8, 14, 13, 0, 52), -300), '2021-09-14 08:00:52-05:00');
    });

    test('axis labels: the date at midnight, hours and minutes, seconds for fine steps', () => {
        assert.equal(tickLabel(Date.UTC(2021, 10, 1), undefined, 15 * MIN), '2021-11-01');
        assert.equal(tickLabel(Date.UTC(2021, 10, 1, 5, 0), -300, 15 * MIN), '2021-11-01');
        assert.equal(tickLabel(Date.UTC(2021, 10, 1, 13, 45), undefined, 15 * MIN), '13:45');
        assert.equal(tickLabel(Date.UTC(2021, 10, 1, 13, 45, 30), undefined, 10_000), '13:45:30');
    });
});

describe('rows and lanes', () => {
    test('one row per user, device or app, ordered by first activity, marks and findings on their rows', () => {
        const sessions = [
            session(0, { user: 'bob', device: 'Bob phone', deviceId: 'B1', app: 'Mail', start: T0 + 30 * MIN, stop: T0 + 40 * MIN }),
            session(1, { user: 'alice', device: 'Alice phone', deviceId: 'A1', app: 'Mail', start: T0, stop: T0 + 20 * MIN }),
            session(2, { user: 'alice', device: 'Alice tablet', deviceId: 'A2', app: 'Wiki', start: T0 + 50 * MIN, stop: T0 + 60 * MIN }),
        ];
        const d = data(sessions, {
            marks: [
                { kind: 'reject', time: T0 + 5 * MIN, label: 'Policy REJECT', user: 'carol', deviceId: 'C1', line: 100 },
                { kind: 'error', time: T0 + 6 * MIN, label: 'CFM Critical', line: 101 },
            ],
            findings: [{ code: 'finding-x', title: 'X', severity: 'warning', message: 'm', time: T0 + 50 * MIN, user: 'alice', line: sessions[2].line }],
        });
        const byUser = layoutRows(d, 'user');
        assert.deepEqual(byUser.rows.map((r) => r.key), [NO_ROW_KEY, 'alice', 'carol', 'bob']);
        assert.deepEqual(byUser.rows[1].sessions, [1, 2]);
        assert.equal(byUser.rows[byUser.rowOfMark[0]].key, 'carol');
        assert.equal(byUser.rows[byUser.rowOfMark[1]].key, NO_ROW_KEY);
        const byDevice = layoutRows(d, 'device');
        assert.deepEqual(byDevice.rows.map((r) => r.label), ['(no session)', 'Alice phone', 'C1', 'Bob phone', 'Alice tablet']);
        // The finding is on session 2's event: it goes where session 2 goes.
        assert.equal(byDevice.rowOfFinding[0], byDevice.rowOfSession[2]);
        const byApp = layoutRows(d, 'app');
        assert.deepEqual(byApp.rows.filter((r) => r.key !== NO_ROW_KEY).map((r) => [r.key, r.sessions]), [['Mail', [1, 0]], ['Wiki', [2]]]);
    });

    test('overlapping sessions of a row get lanes, at most MAX_LANES; a missing START or STOP opens the bar to the log edge', () => {
        const sessions = Array.from({ length: 6 }, (_, i) => session(i, { start: T0 + i * MIN, stop: T0 + 30 * MIN }));
        sessions.push(session(6, { start: T0 + 40 * MIN, stop: T0 + 50 * MIN }));
        sessions.push(session(7, { start: undefined, stop: T0 + 5 * MIN }));
        sessions.push(session(8, { start: T0 + 100 * MIN, stop: undefined }));
        const layout = layoutRows(data(sessions), 'user');
        assert.equal(layout.rows.length, 1);
        assert.equal(layout.rows[0].lanes, MAX_LANES);
        assert.ok([...layout.laneOfSession].every((lane) => lane >= 0 && lane < MAX_LANES));
        assert.equal(layout.laneOfSession[6], layout.laneOfSession[0], 'a later session reuses a freed lane');
        assert.deepEqual([layout.from[7], layout.to[7], layout.open[7]], [T0, T0 + 5 * MIN, 1]);
        assert.deepEqual([layout.from[8], layout.to[8], layout.open[8]], [T0 + 100 * MIN, T0 + 120 * MIN, 2]);
        assert.deepEqual(extentOf(sessions[8], { start: T0, end: T0 + 120 * MIN }), { from: T0 + 100 * MIN, to: T0 + 120 * MIN, openStart: false, openEnd: true });
        assert.deepEqual(sessionsByStart(layout), [0, 7, 1, 2, 3, 4, 5, 6, 8]);
    });

    test('20 000 sessions lay out quickly enough to repeat per grouping (linear after sorting)', () => {
        const many = Array.from({ length: 20_000 }, (_, i) => session(i, { user: `u${i % 400}`, start: T0 + i * 1000, stop: T0 + i * 1000 + 5 * MIN }));
        const layout = layoutRows(data(many, { end: T0 + 20_000_000 }), 'user');
        assert.equal(layout.rows.length, 400);
        assert.equal(layout.rows.reduce((n, r) => n + r.sessions.length, 0), 20_000);
    });
});

describe('viewport', () => {
    const bounds = fit(T0, T0 + 100 * MIN, 100, 1000);

    test('fit shows everything with a margin; x and timeAt are inverse', () => {
        assert.ok(bounds.from < T0 && bounds.to > T0 + 100 * MIN);
        assert.equal(Math.round(timeAt(bounds, x(bounds, T0 + 37 * MIN))), T0 + 37 * MIN);
        assert.equal(fit(T0, T0, 0, 100).to - fit(T0, T0, 0, 100).from, 60_000 * 1.04);
    });

    test('zooming keeps the time under the pointer in place, stops at one second, and never leaves the bounds', () => {
        const anchor = 600;
        const before = timeAt(bounds, anchor);
        const zoomed = zoomAt(bounds, 4, anchor, bounds);
        assert.ok(Math.abs(timeAt(zoomed, anchor) - before) < 1);
        assert.ok(Math.abs((zoomed.to - zoomed.from) - (bounds.to - bounds.from) / 4) < 1);
        let deep = zoomed;
        for (let i = 0; i < 100; i++) deep = zoomAt(deep, 10, anchor, bounds);
        assert.equal(deep.to - deep.from, MIN_SPAN_MS);
        const out = zoomAt(zoomed, 1 / 100, anchor, bounds);
        assert.deepEqual([out.from, out.to], [bounds.from, bounds.to]);
    });

    test('panning moves by pixels within the bounds; a range and a time can be brought into view', () => {
        const zoomed = zoomAt(bounds, 10, 600, bounds);
        const span = zoomed.to - zoomed.from;
        const moved = panBy(zoomed, 100, bounds);
        assert.ok(Math.abs(moved.from - zoomed.from - span / 10) < 1);
        assert.equal(panBy(zoomed, -1e9, bounds).from, bounds.from);
        assert.equal(panBy(zoomed, 1e9, bounds).to, bounds.to);
        const range = showRange(bounds, T0 + 20 * MIN, T0 + 10 * MIN, bounds);
        assert.deepEqual([range.from, range.to], [T0 + 10 * MIN, T0 + 20 * MIN]);
        const shown = reveal(range, T0 + 90 * MIN, bounds);
        assert.ok(shown.from <= T0 + 90 * MIN && T0 + 90 * MIN <= shown.to);
        assert.equal(reveal(range, T0 + 15 * MIN, bounds), range);
        assert.deepEqual(clamp({ ...bounds, from: NaN, to: NaN }, bounds).from, bounds.from);
    });
});

describe('hit testing', () => {
    test('the last item drawn at a point wins; misses are undefined', () => {
        const hits = new HitList();
        hits.add('session', 3, 10, 10, 100, 9);
        hits.add('mark', 1, 50, 5, 8, 18);
        assert.equal(hits.at(52, 12)?.kind, 'mark');
        assert.equal(hits.at(20, 12)?.index, 3);
        assert.equal(hits.at(300, 300), undefined);
        assert.equal(hits.count('session'), 1);
        assert.deepEqual(hits.find('session', 3), { kind: 'session', index: 3, x: 10, y: 10, w: 100, h: 9 });
    });
});

describe('the webview page', () => {
    const page = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/timeline.js', styleUri: 'https://x/timeline.css' };

    test('a strict policy: nothing by default, scripts only with the nonce, no inline script or style, nothing remote', () => {
        const csp = contentSecurityPolicy(page);
        assert.match(csp, /^default-src 'none'/);
        assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!file\+)/);
        const html = timelineHtml(page);
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        assert.deepEqual(scripts, ['<script nonce="abc123" src="https://x/timeline.js">']);
        assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
        assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
    });
});

describe('the plot in a panel of any width', () => {
    test('the plot stays inside the chart, the labels giving way in a narrow panel', () => {
        for (let chart = 0; chart <= 2000; chart += 7) {
            const { left, width } = plotArea(chart);
            assert.ok(left >= 0 && left <= LABEL_WIDTH, `labels ${left} px at ${chart}`);
            assert.ok(width >= 1, `plot ${width} px at ${chart}`);
            if (chart >= 20) {
                assert.ok(left + width <= chart, `the plot ends at ${left + width} in a chart of ${chart} px`);
            }
            if (chart >= 100) {
                assert.ok(width >= chart / 2, `the plot is ${width} px of ${chart}`);
            }
        }
        assert.deepEqual(plotArea(1000), { left: LABEL_WIDTH, width: 1000 - LABEL_WIDTH - 10 });
    });
});

describe('tooltip lines', () => {
    test('a file name is written out: direction-changing and invisible characters shown, one line', () => {
        const file = '/logs/messages\u202Ezg.1\nline two';
        const data = {
            zone: undefined, sessions: [], findings: [],
            marks: [{ kind: 'reject', time: 0, label: 'Policy REJECT', user: 'mreyes', file, line: 4 }],
        } as unknown as TimelineData;
        const lines = tooltipLines(data, { kind: 'mark', index: 0 } as Parameters<typeof tooltipLines>[1]);
        const where = lines.find((l) => l.includes('line 5'))!;
        assert.ok(where.includes('/logs/messages\\u202Ezg.1 line two line 5'), where);
        assert.doesNotMatch(where, /[\u202E\n]/);
    });

    test('a long line is cut with an ellipsis, never inside a surrogate pair (an emoji stays whole or goes)', () => {
        assert.equal(clipText('short', 300), 'short');
        const emoji = '🚀';
        for (let pad = 0; pad < 4; pad++) {
            const line = 'a'.repeat(295 + pad) + emoji.repeat(10);
            const cut = clipText(line, 300);
            assert.ok(cut.endsWith('…') && cut.length <= 301, cut);
            assert.doesNotMatch(cut, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, `a lone surrogate at ${295 + pad}`);
        }
    });
});
