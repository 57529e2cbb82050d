// What the extension accepts from a timeline webview. The page runs our script only, but it draws log
// text and VS Code passes on whatever its frame posts: every message is checked here before the panel
// acts on it, and a message the panel's own page could not have sent is dropped.

import type { TimelineData } from '../../../server/out/service/formats/timelineData';

/** A message the panel acts on. */
export type ViewRequest =
    | { type: 'ready' }
    | { type: 'reveal'; line: number; file?: string }
    | { type: 'painted'; ms: number; sessions?: number; bars?: number };

/** What a panel has shown: it accepts reveals only of what it was given. */
export interface Shown {
    /** The timeline of the bundle (entries name their files) or of one log (they name none). */
    bundle: boolean;
    /** Files named by the data last sent to the page (the bundle's timeline only). */
    files: ReadonlySet<string>;
}

/** The files named by a timeline's sessions, marks and findings (one pass; the server caps the lists). */
export function filesOf(data: Pick<TimelineData, 'sessions' | 'marks' | 'findings'> | null | undefined): Set<string> {
    const files = new Set<string>();
    for (const list of [data?.sessions, data?.marks, data?.findings]) {
        for (const item of list ?? []) {
            if (typeof item.file === 'string') {
                files.add(item.file);
            }
        }
    }
    return files;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * The request a message from the page makes, or undefined when the page of this panel could not have
 * sent it: an unknown type, a line that is not a whole number, a file in a log's own timeline, or a
 * file that the bundle's timeline was not given.
 */
export function readViewMessage(message: unknown, shown: Shown): ViewRequest | undefined {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        return undefined;
    }
    const m = message as Record<string, unknown>;
    switch (m.type) {
        case 'ready':
            return { type: 'ready' };
        case 'reveal': {
            if (!isCount(m.line) || m.line > Number.MAX_SAFE_INTEGER) {
                return undefined;
            }
            if (!shown.bundle) {
                return m.file === undefined ? { type: 'reveal', line: m.line } : undefined;
            }
            return typeof m.file === 'string' && shown.files.has(m.file) ? { type: 'reveal', line: m.line, file: m.file } : undefined;
        }
        case 'painted':
            return typeof m.ms === 'number' && Number.isFinite(m.ms) && m.ms >= 0
                ? { type: 'painted', ms: m.ms, sessions: isCount(m.sessions) ? m.sessions : undefined, bars: isCount(m.bars) ? m.bars : undefined }
                : undefined;
        default:
            return undefined;
    }
}
