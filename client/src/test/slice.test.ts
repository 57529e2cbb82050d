import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { detectLineLanguage } from '../../../server/out/service/formats';
import { alignToEntries, formatMegabytes, readLogSlice, sliceFromBytes, wholeLineRange } from '../slice';

const samples = path.resolve(__dirname, '../../../samples');
const gateway = fs.readFileSync(path.join(samples, 'gateway.log'));
const audit = fs.readFileSync(path.join(samples, 'audit.log'));
const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** True when the file has an entry header starting exactly at byte `offset`. */
function headerStartsAt(file: Buffer, offset: number): boolean {
    if (offset !== 0 && file[offset - 1] !== 0x0a) {
        return false;
    }
    const nl = file.indexOf(0x0a, offset);
    return detectLineLanguage(file.toString('utf8', offset, nl < 0 ? file.length : nl)) !== undefined;
}

test('wholeLineRange drops cut lines only on the sides that were cut', () => {
    const chunk = bytes('ail of a line\nfull line 1\nfull line 2\npartial');
    assert.deepEqual(wholeLineRange(chunk, true, true), { start: 0, end: chunk.length });
    const cut = wholeLineRange(chunk, false, false);
    assert.equal(Buffer.from(chunk).toString('utf8', cut.start, cut.end), 'full line 1\nfull line 2\n');
    const headCut = wholeLineRange(chunk, true, false);
    assert.equal(Buffer.from(chunk).toString('utf8', headCut.start, headCut.end), 'ail of a line\nfull line 1\nfull line 2\n');
    const tailCut = wholeLineRange(chunk, false, true);
    assert.equal(Buffer.from(chunk).toString('utf8', tailCut.start, tailCut.end), 'full line 1\nfull line 2\npartial');
});

test('wholeLineRange of a chunk without a newline is empty when cut', () => {
    const chunk = bytes('no newline here');
    const r = wholeLineRange(chunk, false, false);
    assert.equal(r.end - r.start, 0);
});

test('wholeLineRange skips a UTF-8 byte order mark at the start of the file', () => {
    const chunk = bytes('\ufeffline\n');
    assert.deepEqual(wholeLineRange(chunk, true, true), { start: 3, end: chunk.length });
});

test('a head slice of a Blue Cedar log ends before the entry that was cut', () => {
    const max = 5000;
    const slice = sliceFromBytes(gateway.subarray(0, max), 0, gateway.length, 'head');
    assert.equal(slice.language, 'bluecedar-log');
    assert.equal(slice.startByte, 0);
    assert.equal(slice.firstLine, 1);
    assert.ok(slice.endByte <= max);
    assert.equal(slice.text, gateway.toString('utf8', 0, slice.endByte));
    assert.ok(headerStartsAt(gateway, slice.endByte), 'the next byte starts an entry');
});

test('a tail slice of a Blue Cedar log starts at an entry header', () => {
    const max = 7000;
    const position = gateway.length - max;
    const slice = sliceFromBytes(gateway.subarray(position), position, gateway.length, 'tail');
    assert.equal(slice.language, 'bluecedar-log');
    assert.equal(slice.endByte, gateway.length);
    assert.ok(slice.startByte >= position);
    assert.ok(headerStartsAt(gateway, slice.startByte));
    assert.equal(slice.text, gateway.toString('utf8', slice.startByte));
    assert.equal(slice.firstLine, undefined);
});

test('an OAG slice keeps every whole line', () => {
    const position = 3000;
    const slice = sliceFromBytes(audit.subarray(position, position + 4000), position, audit.length, 'tail');
    assert.equal(slice.language, 'oag-log');
    for (const line of slice.text.split('\n').filter((l) => l !== '')) {
        assert.equal(detectLineLanguage(line), 'oag-log', line);
    }
    assert.ok(headerStartsAt(audit, slice.startByte));
    assert.equal(audit[slice.endByte - 1], 0x0a);
});

test('a slice never splits a multi-byte character', () => {
    const text = 'Oct 31 2021 22:47:05 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,\n' +
        'Session START {"sessionId":{"username":"akim","device":{"deviceName":"Alice Kim’s iPhone"}}}\n';
    const file = Buffer.from(text.repeat(50), 'utf8');
    const apostrophe = file.indexOf(Buffer.from('’', 'utf8'));
    for (const cut of [apostrophe + 1, apostrophe + 2]) {
        const head = sliceFromBytes(file.subarray(0, cut + 500), 0, file.length, 'head');
        const tail = sliceFromBytes(file.subarray(cut), cut, file.length, 'tail');
        assert.ok(!head.text.includes('\ufffd'));
        assert.ok(!tail.text.includes('\ufffd'));
        assert.equal(Buffer.byteLength(tail.text, 'utf8'), tail.endByte - tail.startByte);
    }
});

test('alignToEntries keeps a slice that holds a single entry', () => {
    const text = 'Oct 31 2021 22:47:05 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,\n{"a":\n';
    assert.deepEqual(alignToEntries(text, true, true), { start: 0, end: text.length, language: 'bluecedar-log' });
    assert.deepEqual(alignToEntries('just text\n', true, true), { start: 0, end: 10, language: undefined });
});

test('any head or tail slice of the samples is a run of whole entries with exact byte offsets', () => {
    fc.assert(
        fc.property(
            fc.constantFrom(gateway, audit),
            fc.integer({ min: 1, max: 40000 }),
            fc.constantFrom<'head' | 'tail'>('head', 'tail'),
            (file, max, end) => {
                const length = Math.min(max, file.length);
                const position = end === 'head' ? 0 : file.length - length;
                const slice = sliceFromBytes(file.subarray(position, position + length), position, file.length, end);
                assert.equal(slice.text, file.toString('utf8', slice.startByte, slice.endByte));
                assert.ok(slice.startByte >= position && slice.endByte <= position + length);
                if (slice.text.length > 0) {
                    assert.ok(headerStartsAt(file, slice.startByte), 'starts at an entry');
                    assert.ok(slice.endByte === file.length || headerStartsAt(file, slice.endByte), 'ends before an entry');
                }
            },
        ),
        { numRuns: 300 },
    );
});

/** The samples with Windows (CRLF) and old Mac (lone CR) line ends. */
const withLineEnds = (file: Buffer, eol: '\r\n' | '\r'): Buffer => Buffer.from(file.toString('utf8').replace(/\n/g, eol), 'utf8');

/** True when an entry header starts at byte `offset`, after a line break of any kind. */
function headerStartsAfterAnyBreak(file: Buffer, offset: number): boolean {
    if (offset !== 0 && file[offset - 1] !== 0x0a && file[offset - 1] !== 0x0d) {
        return false;
    }
    const line = /^[^\r\n]*/.exec(file.toString('utf8', offset, Math.min(file.length, offset + 4096)))![0];
    return detectLineLanguage(line) !== undefined;
}

test('slices of logs with CRLF or lone CR line ends are runs of whole entries', () => {
    fc.assert(
        fc.property(
            fc.constantFrom('gateway', 'audit'), fc.constantFrom<'\r\n' | '\r'>('\r\n', '\r'),
            fc.integer({ min: 3000, max: 40000 }), fc.constantFrom<'head' | 'tail'>('head', 'tail'),
            (sample, eol, max, end) => {
                const file = withLineEnds(sample === 'gateway' ? gateway : audit, eol);
                const length = Math.min(max, file.length);
                const position = end === 'head' ? 0 : file.length - length;
                const slice = sliceFromBytes(file.subarray(position, position + length), position, file.length, end);
                assert.ok(slice.text.length > 0, `a ${length}-byte ${end} slice is not empty`);
                assert.equal(slice.text, file.toString('utf8', slice.startByte, slice.endByte));
                assert.ok(headerStartsAfterAnyBreak(file, slice.startByte), 'starts at an entry');
                assert.ok(slice.endByte === file.length || headerStartsAfterAnyBreak(file, slice.endByte), 'ends before an entry');
                assert.ok(!slice.text.startsWith('\n'), 'no half of a CRLF');
            },
        ),
        { numRuns: 200 },
    );
});

test('a chunk cut between the CR and the LF of a line end keeps only whole lines', () => {
    const text = 'Oct 31 2021 22:47:05 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, one\r\n';
    const chunk = bytes(text + text.slice(0, -1));
    assert.deepEqual(wholeLineRange(chunk, true, false), { start: 0, end: text.length });
    assert.deepEqual(wholeLineRange(bytes('\n' + text), false, true), { start: 1, end: text.length + 1 });
    assert.deepEqual(wholeLineRange(bytes('x\ry\rz'), false, false), { start: 2, end: 4 });
});

test('readLogSlice reads the requested end of a file and leaves the file untouched', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-slice-'));
    try {
        const file = path.join(dir, 'big.log');
        fs.writeFileSync(file, Buffer.concat([gateway, gateway, gateway]));
        const before = fs.statSync(file);
        const size = before.size;

        const head = await readLogSlice(file, 'head', 10_000);
        assert.equal(head.fileSize, size);
        assert.equal(head.startByte, 0);
        assert.ok(head.endByte <= 10_000);
        assert.equal(head.language, 'bluecedar-log');
        assert.equal(head.text, gateway.toString('utf8', 0, head.endByte));

        const tail = await readLogSlice(file, 'tail', 10_000);
        assert.equal(tail.endByte, size);
        assert.ok(tail.startByte >= size - 10_000);
        assert.equal(tail.text, fs.readFileSync(file).toString('utf8', tail.startByte));

        const whole = await readLogSlice(file, 'tail', size * 2);
        assert.equal(whole.startByte, 0);
        assert.equal(whole.endByte, size);
        assert.equal(whole.firstLine, 1);

        const after = fs.statSync(file);
        assert.equal(after.mtimeMs, before.mtimeMs);
        assert.equal(after.size, before.size);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test('readLogSlice of an empty file is empty', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-slice-'));
    try {
        const file = path.join(dir, 'empty.log');
        fs.writeFileSync(file, '');
        const slice = await readLogSlice(file, 'head', 1024);
        assert.equal(slice.text, '');
        assert.equal(slice.language, undefined);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test('formatMegabytes', () => {
    assert.equal(formatMegabytes(20 * 1024 * 1024), '20.0 MB');
    assert.equal(formatMegabytes(77_000_000), '73.4 MB');
});
