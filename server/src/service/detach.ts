/**
 * Strings kept on entries as strings of their own. V8 keeps a slice of 13 or more characters as a view
 * of the string it was cut from, so a value kept on an entry would keep a whole document version alive.
 */
import { LogEntry } from './model';
import { detached } from './text';

/**
 * Copies out of the text the strings that entries [from, to) keep (see detached). The entries of a
 * full parse share the version they were read from; once copied, an edit leaves that version
 * unreferenced. The server does this for large documents in idle time, a chunk at a time.
 */
export function detachEntryStrings(entries: readonly LogEntry[], from: number, to: number): void {
  for (let i = from; i < Math.min(to, entries.length); i++) {
    detachStrings(entries[i]);
  }
}

/** Every string an entry keeps (facts, session details, problem messages) as a string of its own. */
function detachStrings(entry: LogEntry): void {
  for (const key of ENTRY_STRINGS) {
    const value = entry[key];
    if (value !== undefined) {
      entry[key] = detached(value);
    }
  }
  const session = entry.session;
  if (session) {
    for (const key of SESSION_STRINGS) {
      const value = session[key];
      if (value !== undefined) {
        session[key] = detached(value);
      }
    }
  }
  for (const problem of entry.problems) {
    problem.message = detached(problem.message);
  }
}

/** The string properties of LogEntry and SessionInfo (a unit test checks none is missing). */
export const ENTRY_STRINGS = ['component', 'eventName', 'severity', 'sessionId', 'subject', 'app', 'result', 'remoteIp', 'reason', 'program'] as const;
export const SESSION_STRINGS = [
  'username', 'osType', 'deviceName', 'uniqueId', 'appName', 'appPackageId', 'assignedIp', 'publicSrcIp', 'duration',
  'securityPatchVersion', 'mobileCountryCode', 'appGsid',
] as const;
