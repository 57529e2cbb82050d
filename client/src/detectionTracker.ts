// Bookkeeping of content detection: which open documents were already looked at, and
// whether a language change came from us, from the user or from VS Code re-applying file
// associations. Pure (no 'vscode' import); documents are identified by their URI string.
//
// Facts it relies on: VS Code reports a language change to extensions as a close of the
// document immediately followed, in the same task, by an open of it; a real close is not
// followed by that open. Changing `files.associations` makes VS Code give every open
// document the language of its file name again.

export interface TrackerOptions {
    now?: () => number;
    /** Runs a callback after the current task (default: queueMicrotask). */
    defer?: (callback: () => void) => void;
    /** How long after a files.associations change a language change counts as its effect. */
    associationWindowMs?: number;
}

export class DetectionTracker {
    /** Documents looked at while they stay open (switched or found not to be ours). */
    private readonly handled = new Set<string>();
    /** Documents we gave one of our languages. */
    private readonly switched = new Set<string>();
    /** Documents closed in the current task: an open in the same task is a language change. */
    private readonly closing = new Set<string>();
    /** Documents whose next language change is VS Code undoing our switch. */
    private undoExpected = new Set<string>();
    private associationsChangedAt = Number.NEGATIVE_INFINITY;
    private readonly now: () => number;
    private readonly defer: (callback: () => void) => void;
    private readonly windowMs: number;

    constructor(options: TrackerOptions = {}) {
        this.now = options.now ?? Date.now;
        this.defer = options.defer ?? queueMicrotask;
        this.windowMs = options.associationWindowMs ?? 5000;
    }

    /**
     * Called when a document is opened (or an untitled one changes). True when detection may
     * look at it: it was not looked at yet and its language did not just change by choice.
     */
    shouldLookAt(key: string): boolean {
        if (this.closing.delete(key)) {
            const undone = this.undoExpected.delete(key) && this.now() - this.associationsChangedAt <= this.windowMs;
            if (!undone) {
                return false; // a language change by us or by the user: leave it
            }
            this.handled.delete(key);
            this.switched.delete(key);
        }
        return !this.handled.has(key);
    }

    /** The document was looked at; do not look again while it stays open. */
    lookedAt(key: string): void {
        this.handled.add(key);
    }

    /** We gave the document one of our languages. */
    switchedLanguage(key: string): void {
        this.handled.add(key);
        this.switched.add(key);
    }

    closed(key: string): void {
        if (!this.handled.has(key) && !this.switched.has(key)) {
            return;
        }
        this.closing.add(key);
        this.defer(() => {
            if (this.closing.delete(key)) {
                // Really closed: look again when it is reopened.
                this.handled.delete(key);
                this.switched.delete(key);
                this.undoExpected.delete(key);
            }
        });
    }

    /** `files.associations` changed: every open document may be looked at again. */
    associationsChanged(): void {
        this.associationsChangedAt = this.now();
        this.undoExpected = new Set(this.switched);
        this.handled.clear();
    }
}
