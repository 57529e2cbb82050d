import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { ReadAt, withFileReader } from '../slice';
import {
    compareTimes, entryTime, MONTH_NAMES as MONTHS, parseTimeRange, parseTypedTime, WallClock,
} from '../../../server/out/service/formats';
import { offsetOfTime, sliceByTime, WINDOW } from '../timeSlice';

interface Entry {
    offset: number;
    seconds: number;
}

/** Seconds since 2021-11-11 00:00 as each format writes it. */
function stamp(format: 'bluecedar' | 'oag', seconds: number): string {
    const d = new Date(Date.UTC(2021, 10, 11) + seconds * 1000);
    const two = (n: number): string => String(n).padStart(2, '0');
    const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    return format === 'oag'
        ? `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${time}.000-05:00`
        : `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.getUTCFullYear()} ${time}`;
}

/**
 * A log of `count` entries, several per second, some with multi-line JSON and some with lines
 * longer than the search window, so that probes land inside payloads and inside long lines.
 */
function makeLog(format: 'bluecedar' | 'oag', count: number, seed: number, eol = '\n'): { bytes: Buffer; entries: Entry[] } {
    let state = seed;
    const random = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const parts: string[] = [];
    const entries: Entry[] = [];
    let offset = 0;
    let seconds = 0;
    for (let i = 0; i < count; i++) {
        seconds += random() < 0.4 ? 0 : Math.floor(random() * 30);
        const filler = random() < 0.01 ? 'y'.repeat(70_000 + Math.floor(random() * 70_000)) : 'x'.repeat(Math.floor(random() * 400));
        const text = format === 'oag'
            ? `${stamp('oag', seconds)} oag-host ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="s${i}" RESULT="ALLOW"] ${filler}\n`
            : `${stamp('bluecedar', seconds)} tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START {\n`
                + `  "sessionId": {\n    "username": "u${i}",\n    "note": "${filler}"\n  }\n}\n`;
        entries.push({ offset, seconds });
        parts.push(eol === '\n' ? text : text.replace(/\n/g, eol));
        offset += Buffer.byteLength(parts[parts.length - 1]);
    }
    return { bytes: Buffer.from(parts.join('')), entries };
}

function memoryReader(bytes: Buffer): ReadAt {
    return async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length));
}

function at(seconds: number): WallClock {
    return entryTime(stamp('oag', seconds))!;
}

test('entryTime reads every header form of both formats; other lines have none', () => {
    const withYear = entryTime('Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT,')!;
    const syslog = entryTime('Oct  2 13:45:35 tilera3 Mocana: [AAA]')!;
    const micro = entryTime('Oct 22 2021 13:31:13.664259: [AAA]')!;
    const oag = entryTime('2021-09-14T08:05:03.127-05:00 host ACCESS_GATEWAY')!;
    assert.equal(withYear.year, 2021);
    assert.equal(syslog.year, undefined);
    assert.equal(micro.year, 2021);
    assert.equal(oag.year, 2021);
    assert.ok(compareTimes(micro, entryTime('Oct 22 2021 13:31:13.663 x')!) > 0, 'fractions count');
    assert.ok(compareTimes(syslog, withYear) < 0, 'without a year, month and day decide');
    assert.equal(compareTimes(oag, parseTypedTime('2021-09-14 08:05:03.127')!), 0, 'OAG times are compared as written');
    for (const line of ['  "username": "x",', '}', 'Received unexpected accounting STOP signal', '22020-06-25T14:18:52.458-05:', '',
        'Nov 99 2021 25:61:00 tilera3 Mocana: [AAA], junk', '2021-13-40T10:00:00.000Z host']) {
        assert.equal(entryTime(line), undefined, line);
    }
});

test('typed times: ISO and syslog forms, with or without year and seconds; nonsense refused', () => {
    assert.equal(compareTimes(parseTypedTime('2021-11-11 22:24')!, entryTime('Nov 11 2021 22:24:00 gw Mocana:')!), 0);
    assert.equal(compareTimes(parseTypedTime('2021-11-11T22:24:37')!, entryTime('Nov 11 2021 22:24:37 gw Mocana:')!), 0);
    assert.equal(compareTimes(parseTypedTime('nov 11 22:24:37')!, entryTime('Nov 11 2021 22:24:37 gw Mocana:')!), 0);
    assert.equal(parseTypedTime('Nov 11 22:24')!.year, undefined);
    for (const bad of ['', 'yesterday', '2021-13-01 10:00', '2021-11-11 25:00', 'Nov 11', '2021-11-11']) {
        assert.equal(parseTypedTime(bad), undefined, bad);
    }
});

test('a typed range: start alone, start to end, end as a time of day; mistakes are explained', () => {
    const only = parseTimeRange('2021-11-11 22:00');
    assert.ok(typeof only !== 'string' && only.to === undefined);
    const range = parseTimeRange('2021-11-11 22:00 to 22:30');
    assert.ok(typeof range !== 'string');
    assert.equal(compareTimes(range.to!, parseTypedTime('2021-11-11 22:30')!), 0);
    assert.match(parseTimeRange('2021-11-11 22:30 to 22:00') as string, /before the start/);
    assert.match(parseTimeRange('soon to later') as string, /"soon" is not a time/);
    assert.match(parseTimeRange('2021-11-11 22:00 to later') as string, /"later" is not a time/);
});

for (const format of ['bluecedar', 'oag'] as const) {
    const log = makeLog(format, 3000, format === 'oag' ? 7 : 11);
    const read = memoryReader(log.bytes);
    const last = log.entries[log.entries.length - 1].seconds;

    test(`${format}: offsetOfTime finds the first entry at or after any time, as a scan would`, async () => {
        assert.ok(log.bytes.length > 20 * 64 * 1024, 'the log should be many search windows long');
        await fc.assert(
            fc.asyncProperty(fc.integer({ min: -10, max: last + 10 }), fc.boolean(), async (seconds, after) => {
                const expected = log.entries.find((e) => (after ? e.seconds > seconds : e.seconds >= seconds));
                const found = await offsetOfTime(read, log.bytes.length, at(seconds), after);
                assert.equal(found, expected ? expected.offset : log.bytes.length);
            }),
            { numRuns: 150 },
        );
    });

    test(`${format}: sliceByTime holds exactly the entries of the range, whole`, async () => {
        await fc.assert(
            fc.asyncProperty(fc.integer({ min: 0, max: last }), fc.integer({ min: 0, max: 3000 }), async (from, span) => {
                const to = from + span;
                const slice = await sliceByTime(read, log.bytes.length, { from: at(from), to: at(to) }, 45 * 1024 * 1024);
                const inside = log.entries.filter((e) => e.seconds >= from && e.seconds <= to);
                assert.equal(slice.truncated, false);
                if (inside.length === 0) {
                    assert.equal(slice.text, '');
                    return;
                }
                const first = inside[0].offset;
                const afterLast = log.entries[log.entries.indexOf(inside[inside.length - 1]) + 1]?.offset ?? log.bytes.length;
                assert.equal(slice.startByte, first);
                assert.equal(slice.endByte, afterLast);
                assert.equal(slice.text, log.bytes.toString('utf8', first, afterLast));
            }),
            { numRuns: 60 },
        );
    });

    test(`${format}: a range larger than the slice size is cut to whole entries and says so`, async () => {
        const slice = await sliceByTime(read, log.bytes.length, { from: at(0), to: undefined }, 256 * 1024);
        assert.equal(slice.truncated, true);
        assert.equal(slice.startByte, 0);
        assert.ok(slice.endByte <= 256 * 1024);
        assert.ok(log.entries.some((e) => e.offset === slice.endByte), 'the slice should end where an entry begins');
    });
}

for (const eol of ['\r\n', '\r']) {
    const name = eol === '\r' ? 'lone CR' : 'CRLF';
    for (const format of ['bluecedar', 'oag'] as const) {
        const log = makeLog(format, 1500, format === 'oag' ? 17 : 19, eol);
        const read = memoryReader(log.bytes);
        const last = log.entries[log.entries.length - 1].seconds;

        test(`${format} with ${name} line ends: the time search finds the entry a scan would, and slices hold whole entries`, async () => {
            await fc.assert(
                fc.asyncProperty(fc.integer({ min: -10, max: last + 10 }), fc.boolean(), async (seconds, after) => {
                    const expected = log.entries.find((e) => (after ? e.seconds > seconds : e.seconds >= seconds));
                    assert.equal(await offsetOfTime(read, log.bytes.length, at(seconds), after), expected ? expected.offset : log.bytes.length);
                }),
                { numRuns: 40 },
            );
            const cut = await sliceByTime(read, log.bytes.length, { from: at(last / 3), to: undefined }, 200 * 1024);
            assert.equal(cut.truncated, true);
            assert.ok(log.entries.some((e) => e.offset === cut.startByte), 'the slice starts where an entry begins');
            assert.ok(log.entries.some((e) => e.offset === cut.endByte), 'the slice ends where an entry begins');
            assert.equal(cut.text, log.bytes.toString('utf8', cut.startByte, cut.endByte));
        });
    }
}

test('a header cut by the end of a search window is still found', async () => {
    for (let shift = 1; shift < 80; shift += 7) {
        const first = `${stamp('oag', 0)} h A B C D INFO E [X="1"] first\n`;
        // A long line that ends `shift` bytes before the window read from offset 1 ends.
        const long = `${'z'.repeat(WINDOW + 1 - first.length - shift - 1)}\n`;
        const wanted = `${stamp('oag', 10)} h A B C D INFO E [X="1"] wanted\n`;
        const bytes = Buffer.from(first + long + wanted + `${stamp('oag', 20)} h A B C D INFO E [X="1"] later\n`);
        const found = await offsetOfTime(memoryReader(bytes), bytes.length, at(5));
        assert.equal(found, first.length + long.length, `shift ${shift}`);
    }
});

test('withFileReader reads a real file and leaves it unchanged', async () => {
    const log = makeLog('oag', 500, 3);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'glt-time-')), 'big.log');
    fs.writeFileSync(file, log.bytes);
    const before = fs.statSync(file).mtimeMs;
    const target = log.entries[250];
    const found = await withFileReader(file, (read, size) => offsetOfTime(read, size, at(target.seconds)));
    assert.equal(found, log.entries.find((e) => e.seconds >= target.seconds)!.offset);
    assert.ok(fs.readFileSync(file).equals(log.bytes));
    assert.equal(fs.statSync(file).mtimeMs, before);
});

/** `size` bytes of an ordinary application log (no gateway header anywhere), made on demand. */
function headerlessReader(size: number, counter: { bytes: number }): ReadAt {
    const line = Buffer.from('2021/11/11 22:24:37 worker[42]: request served in 12 ms\n');
    return async (position, length) => {
        const end = Math.min(size, position + length);
        counter.bytes += end - position;
        const out = Buffer.alloc(Math.max(0, end - position));
        for (let i = 0; i < out.length; i++) {
            out[i] = line[(position + i) % line.length];
        }
        return out;
    };
}

test('a 64 MB file without gateway headers: the time search gives up early, after a bounded read', async () => {
    const size = 64 * 1024 * 1024;
    const counter = { bytes: 0 };
    const range = parseTimeRange('2021-11-11 22:00 to 22:30');
    assert.ok(typeof range !== 'string');
    await assert.rejects(sliceByTime(headerlessReader(size, counter), size, range, 15 * 1024 * 1024), /no (Blue Cedar or OAG )?entry header/i);
    assert.ok(counter.bytes <= 8 * 1024 * 1024, `read ${counter.bytes} bytes`);
});

test('the time search reports its progress and stops when cancelled', async () => {
    const log = makeLog('oag', 4000, 5);
    const size = log.bytes.length;
    const progress: number[] = [];
    const found = await offsetOfTime(memoryReader(log.bytes), size, at(log.entries[2000].seconds), false, {
        onProgress: (done) => progress.push(done),
    });
    assert.equal(found, log.entries.find((e) => e.seconds >= log.entries[2000].seconds)!.offset);
    assert.ok(progress.length >= 3, `${progress.length} progress reports`);
    assert.ok(progress.every((p, i) => p >= 0 && p <= 1 && (i === 0 || p >= progress[i - 1])), JSON.stringify(progress));

    const controller = new AbortController();
    let reads = 0;
    const read: ReadAt = async (position, length) => {
        reads++;
        return log.bytes.subarray(position, Math.min(size, position + length));
    };
    const range = { from: at(100), to: at(log.entries[3000].seconds) };
    const search = sliceByTime(read, size, range, 45 * 1024 * 1024, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
    });
    await assert.rejects(search, (error: Error) => error.name === 'AbortError');
    const readsWhenAborted = reads;
    assert.ok(readsWhenAborted < 10, `${readsWhenAborted} reads before stopping`);
});
