import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DetectionTracker } from '../detectionTracker';

/** A tracker with a hand-driven clock and deferred callbacks run on demand (end of the task). */
function setup() {
    let time = 1_000_000;
    const pending: Array<() => void> = [];
    const tracker = new DetectionTracker({ now: () => time, defer: (cb) => pending.push(cb), associationWindowMs: 5000 });
    return {
        tracker,
        endTask: () => pending.splice(0).forEach((cb) => cb()),
        advance: (ms: number) => { time += ms; },
    };
}

/** What VS Code does on a language change: close and reopen the document in one task. */
function languageChange(t: ReturnType<typeof setup>, key: string): boolean {
    t.tracker.closed(key);
    const look = t.tracker.shouldLookAt(key);
    t.endTask();
    return look;
}

test('a document is looked at once while it stays open', () => {
    const t = setup();
    assert.equal(t.tracker.shouldLookAt('a'), true);
    t.tracker.lookedAt('a');
    assert.equal(t.tracker.shouldLookAt('a'), false);
    assert.equal(t.tracker.shouldLookAt('b'), true);
});

test('our own switch and a later choice by the user are both left alone', () => {
    const t = setup();
    t.tracker.lookedAt('a');
    assert.equal(languageChange(t, 'a'), false, 'the open event of our own switch');
    t.tracker.switchedLanguage('a');
    t.advance(60_000);
    assert.equal(languageChange(t, 'a'), false, 'the user picks Plain Text');
    assert.equal(t.tracker.shouldLookAt('a'), false);
});

test('a document that was really closed is looked at again when reopened', () => {
    const t = setup();
    t.tracker.lookedAt('a');
    t.tracker.switchedLanguage('a');
    t.tracker.closed('a');
    t.endTask(); // no open in the same task: a real close
    assert.equal(t.tracker.shouldLookAt('a'), true);
});

test('closing a document never looked at leaves no trace', () => {
    const t = setup();
    t.tracker.closed('x');
    t.endTask();
    assert.equal(t.tracker.shouldLookAt('x'), true);
});

test('after a files.associations change, VS Code undoing our switch is followed by a new look', () => {
    const t = setup();
    t.tracker.lookedAt('a');
    t.tracker.switchedLanguage('a');
    t.tracker.lookedAt('b'); // looked at, not ours
    t.tracker.associationsChanged();
    assert.equal(t.tracker.shouldLookAt('b'), true, 'every document may be looked at again');
    t.advance(100);
    assert.equal(languageChange(t, 'a'), true, 'the undo of our switch');
    // Once switched again, the user's next choice sticks even inside the window.
    t.tracker.lookedAt('a');
    t.tracker.switchedLanguage('a');
    assert.equal(languageChange(t, 'a'), false);
});

test('a language change long after an associations change is the user\'s choice', () => {
    const t = setup();
    t.tracker.lookedAt('a');
    t.tracker.switchedLanguage('a');
    t.tracker.associationsChanged();
    t.advance(6000);
    assert.equal(languageChange(t, 'a'), false);
});

test('during the window, documents we had not switched keep the user\'s choice', () => {
    const t = setup();
    t.tracker.lookedAt('mine');
    t.tracker.switchedLanguage('mine');
    t.tracker.associationsChanged();
    t.tracker.lookedAt('other');
    assert.equal(languageChange(t, 'other'), false);
});
