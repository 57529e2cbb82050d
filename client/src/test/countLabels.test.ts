import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counted, sessionsMessage, valueItems } from '../views/countLabels';

test('a count says one entry, not "1 entries", and groups thousands', () => {
    assert.equal(counted(1, 'entries'), '1 entry');
    assert.equal(counted(0, 'entries'), '0 entries');
    assert.equal(counted(2, 'entries'), '2 entries');
    assert.equal(counted(1234, 'entries'), '1,234 entries');
    assert.equal(counted(1, 'sessions'), '1 session');
    assert.equal(counted(1, 'files'), '1 file');
});

test('the filter builder\'s values read "1 entry" beside a value one entry names', () => {
    const items = valueItems([{ value: 'mreyes', count: 5 }, { value: 'awatanabe', count: 1 }], 'entries');
    assert.deepEqual(items.map((i) => [i.label, i.description, i.value]), [['mreyes', '5 entries', 'mreyes'], ['awatanabe', '1 entry', 'awatanabe']]);
    assert.equal(valueItems([{ value: 'akim', count: 1 }], 'sessions')[0].description, '1 session');
    // Labels are inert (an icon syntax is written out), the value is kept as the log writes it.
    const [icon] = valueItems([{ value: '$(alert)', count: 1 }], 'entries');
    assert.notEqual(icon.label, '$(alert)');
    assert.equal(icon.value, '$(alert)');
});

test('the Sessions view\'s message counts in the singular too', () => {
    assert.equal(sessionsMessage({ indexing: false, filter: '', days: 1, sessions: 1, files: 1 }), '1 session in 1 file');
    assert.equal(sessionsMessage({ indexing: false, filter: '', days: 3, sessions: 44, files: 9 }), '44 sessions in 9 files');
    assert.equal(sessionsMessage({ indexing: true, filter: 'akim', days: 0, sessions: 44, files: 9 }), 'Indexing log files… · Filter: akim (no session matches)');
    assert.equal(sessionsMessage({ indexing: false, filter: 'akim', days: 2, sessions: 44, files: 9 }), 'Filter: akim · 44 sessions in 9 files');
    assert.equal(sessionsMessage({ indexing: false, filter: '', days: 0, sessions: 0, files: 0 }), undefined);
});
