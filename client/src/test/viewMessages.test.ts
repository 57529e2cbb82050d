// What the extension accepts from a timeline page: only what that page could have sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filesOf, readViewMessage } from '../timeline/viewMessages';

const log = { bundle: false, files: new Set<string>() };
const bundle = { bundle: true, files: new Set(['/logs/gateway.log', '/logs/messages.2.gz']) };

test('a log\'s timeline reveals lines of its own log only', () => {
    assert.deepEqual(readViewMessage({ type: 'reveal', line: 12 }, log), { type: 'reveal', line: 12 });
    assert.deepEqual(readViewMessage({ type: 'reveal', line: 0 }, log), { type: 'reveal', line: 0 });
    // A file of the bundle, or any other path, is not this log's.
    assert.equal(readViewMessage({ type: 'reveal', line: 12, file: '/logs/gateway.log' }, log), undefined);
    assert.equal(readViewMessage({ type: 'reveal', line: 12, file: '/etc/passwd' }, log), undefined);
    assert.equal(readViewMessage({ type: 'reveal', line: 12, file: null }, log), undefined);
});

test('the bundle\'s timeline reveals entries of the files it was given only', () => {
    assert.deepEqual(readViewMessage({ type: 'reveal', line: 3, file: '/logs/messages.2.gz' }, bundle), { type: 'reveal', line: 3, file: '/logs/messages.2.gz' });
    assert.equal(readViewMessage({ type: 'reveal', line: 3, file: '/logs/other.log' }, bundle), undefined);
    assert.equal(readViewMessage({ type: 'reveal', line: 3, file: 'file:///logs/gateway.log' }, bundle), undefined);
    assert.equal(readViewMessage({ type: 'reveal', line: 3 }, bundle), undefined, 'an entry of the bundle names its file');
    assert.equal(readViewMessage({ type: 'reveal', line: 3, file: ['/logs/gateway.log'] }, bundle), undefined);
});

test('lines that are not whole numbers of a line, and messages of other shapes, are dropped', () => {
    for (const line of [-1, 1.5, NaN, Infinity, -Infinity, 1e300, '3', null, undefined, {}, [1]]) {
        assert.equal(readViewMessage({ type: 'reveal', line }, log), undefined, String(line));
    }
    for (const message of [null, undefined, 'reveal', 42, [], [{ type: 'ready' }], { type: 'open', uri: 'file:///etc/passwd' }, { type: 'REVEAL', line: 1 }, { line: 1 }]) {
        assert.equal(readViewMessage(message, log), undefined, JSON.stringify(message));
    }
    assert.deepEqual(readViewMessage({ type: 'ready', extra: '<script>' }, log), { type: 'ready' });
});

test('painted: a finite time, and counts only when they are counts', () => {
    assert.deepEqual(readViewMessage({ type: 'painted', ms: 12.5, sessions: 4, bars: 3 }, log), { type: 'painted', ms: 12.5, sessions: 4, bars: 3 });
    assert.deepEqual(readViewMessage({ type: 'painted', ms: 1, sessions: '4', bars: -1 }, log), { type: 'painted', ms: 1, sessions: undefined, bars: undefined });
    for (const ms of [NaN, Infinity, -1, '5', undefined]) {
        assert.equal(readViewMessage({ type: 'painted', ms }, log), undefined, String(ms));
    }
});

test('filesOf collects the files of sessions, marks and findings', () => {
    const files = filesOf({
        sessions: [{ file: '/a.log' }, { file: undefined }],
        marks: [{ file: '/b.log.gz' }],
        findings: [{ file: '/a.log' }, { file: '/c.log' }],
    } as never);
    assert.deepEqual([...files].sort(), ['/a.log', '/b.log.gz', '/c.log']);
    assert.equal(filesOf(null).size, 0);
});
