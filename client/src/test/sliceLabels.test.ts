import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeSliceQuery, encodeSliceQuery, exampleRange, sliceTitle, timeSpan } from '../sliceLabels';
import { parseTimeRange } from '../../../server/out/service/formats/timeRange';

const samples = path.resolve(__dirname, '../../../samples');
const gateway = fs.readFileSync(path.join(samples, 'gateway.log'), 'utf8');
const audit = fs.readFileSync(path.join(samples, 'audit.log'), 'utf8');

test('a slice is titled with its file and the times of its first and last entries', () => {
    assert.equal(sliceTitle('huge-gateway.log', gateway), 'huge-gateway.log · Oct 31 2021 22:45:00 – Nov 1 00:22:00');
    assert.equal(sliceTitle('audit.log', audit), 'audit.log · 2021-09-14 07:59:58 – 2021-09-14 09:00:12');
    // A slice of one entry names one time; a text without times is still called a slice.
    const oneLine = gateway.split('\n')[0] + '\n';
    assert.equal(sliceTitle('g.log', oneLine), 'g.log · Oct 31 2021 22:45:00');
    assert.equal(sliceTitle('g.log', 'no entries here'), 'g.log · slice');
    // The title is a URI path segment: never a slash in it, whatever the file is called.
    assert.ok(!/[/\\]/.test(sliceTitle('a/b\\c.log', gateway)));
});

test('the times of a slice are found whatever its line ends (CRLF, lone CR)', () => {
    for (const eol of ['\r\n', '\r']) {
        assert.equal(sliceTitle('g.log', gateway.replace(/\n/g, eol)), 'g.log · Oct 31 2021 22:45:00 – Nov 1 00:22:00');
        assert.equal(sliceTitle('a.log', audit.replace(/\n/g, eol)), 'a.log · 2021-09-14 07:59:58 – 2021-09-14 09:00:12');
    }
});

test('the first and last times are the first and last entry headers, not times quoted in messages', () => {
    const text = 'stray line 2021-01-01T00:00:00Z\n' + gateway + 'continuation line Nov 30 2021 23:59:59\n';
    assert.deepEqual(timeSpan(text), { first: 'Oct 31 2021 22:45:00', last: 'Nov  1 00:22:00' });
});

test('the time-range example comes from the file\'s own first and last times and is a range the prompt accepts', () => {
    for (const text of [gateway, audit]) {
        const { first, last } = timeSpan(text);
        const example = exampleRange(first, last);
        assert.ok(example, `no example for ${first} … ${last}`);
        assert.notEqual(typeof parseTimeRange(example), 'string', example);
    }
    assert.equal(exampleRange('Oct 31 2021 22:45:00', 'Nov  1 00:22:00'), 'Oct 31 2021 22:45:00 to Nov 1 00:22:00');
    assert.equal(exampleRange('2021-09-14T07:59:58.412', '2021-09-14T09:00:12.000'), '2021-09-14 07:59:58 to 2021-09-14 09:00:12');
    assert.equal(exampleRange(undefined, 'Nov  1 00:22:00'), undefined);
});

test('a slice view\'s query names the file and bytes it shows, and nothing else is accepted', () => {
    const source = { file: 'file:///C%3A/logs/gateway%20one.log', startByte: 12, endByte: 3456, language: 'bluecedar-log' as const };
    assert.deepEqual(decodeSliceQuery(encodeSliceQuery(source)), source);
    assert.deepEqual(decodeSliceQuery(encodeSliceQuery({ ...source, language: undefined })), { ...source, language: undefined });
    assert.equal(decodeSliceQuery('file=x&start=10&end=5'), undefined);
    assert.equal(decodeSliceQuery('start=0&end=5'), undefined);
    assert.equal(decodeSliceQuery('file=x&start=-1&end=5'), undefined);
    assert.equal(decodeSliceQuery('file=x&start=0&end=5&language=plaintext')?.language, undefined);
});
