// How counts read in the filter builder's lists and the Sessions view's message: "1 entry", "2 entries",
// "1,234 sessions". Pure: no 'vscode' import.

import { Counted, inertLabel } from '../../../server/out/service/formats';

export type CountedNoun = 'entries' | 'sessions' | 'files';

const SINGULAR: Record<CountedNoun, string> = { entries: 'entry', sessions: 'session', files: 'file' };

/** `n` with its noun, in the singular for one; thousands grouped as in the rest of the extension. */
export function counted(n: number, noun: CountedNoun): string {
    return `${n.toLocaleString('en-US')} ${n === 1 ? SINGULAR[noun] : noun}`;
}

/** Pick items for values a log names (users, devices…) with how many entries or sessions name each. */
export function valueItems(values: readonly Counted[], noun: CountedNoun): { label: string; description: string; value: string }[] {
    // Labels are made inert (a value like `$(alert)` would show as an icon); the value is kept as it is.
    return values.map((v) => ({ label: inertLabel(v.value), description: counted(v.count, noun), value: v.value }));
}

export interface SessionsMessageFacts {
    indexing: boolean;
    /** The view's filter as typed ('' for none). */
    filter: string;
    /** Days listed at the top of the tree. */
    days: number;
    sessions: number;
    files: number;
}

/** What the Gateway Sessions view says above its tree (undefined: nothing to say). */
export function sessionsMessage(facts: SessionsMessageFacts): string | undefined {
    const parts: string[] = [];
    if (facts.indexing) {
        parts.push('Indexing log files…');
    }
    if (facts.filter) {
        parts.push(`Filter: ${facts.filter}${facts.days === 0 ? ' (no session matches)' : ''}`);
    }
    if (!facts.indexing && facts.files > 0) {
        parts.push(`${counted(facts.sessions, 'sessions')} in ${counted(facts.files, 'files')}`);
    }
    return parts.length > 0 ? parts.join(' · ') : undefined;
}
