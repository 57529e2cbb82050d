/** How a session and its events are named wherever they are shown (outline, CodeLens, hover). */
import { Analysis } from './analysis';
import { truncate } from './markdown';
import { clockTime, humanDuration } from './wording';
import { LogEntry } from './model';
import { Session } from './sessions';

function representative(analysis: Analysis, session: Session): LogEntry {
  return analysis.log.entries[session.start ?? session.stop ?? session.members[0]];
}

/** `jruser · PromCLI · ios` (Blue Cedar) or `alice@example.com · Sample Header App` (OAG). */
export function sessionName(analysis: Analysis, session: Session): string {
  const entry = representative(analysis, session);
  const parts: string[] = [];
  if (analysis.log.format === 'bluecedar') {
    const info = entry.session ?? {};
    parts.push(info.username || '(no user)');
    if (info.appName || info.appPackageId) {
      parts.push(info.appName || info.appPackageId!);
    }
    if (info.osType) {
      parts.push(info.osType);
    }
  } else {
    const members = session.members.map((i) => analysis.log.entries[i]);
    parts.push(members.find((e) => e.subject)?.subject || '(no subject)');
    const app = members.find((e) => e.app)?.app;
    if (app) {
      parts.push(app);
    }
  }
  return parts.join(' · ');
}

/** `13:45:35 → 13:46:24 · 49 s · gsid 2572815711`, saying which end is missing. */
export function sessionDetail(analysis: Analysis, session: Session): string {
  const { entries } = analysis.log;
  const start = session.start !== undefined ? entries[session.start] : undefined;
  const stop = session.stop !== undefined ? entries[session.stop] : undefined;
  const parts: string[] = [];
  if (start && stop) {
    parts.push(`${clockTime(start)} → ${clockTime(stop)}`);
    if (start.time !== undefined && stop.time !== undefined) {
      parts.push(humanDuration((stop.time - start.time) / 1000));
    }
  } else if (start) {
    parts.push(`${clockTime(start)} → (no ${stopWord(analysis)} in file)`);
  } else if (stop) {
    parts.push(`(no ${startWord(analysis)} in file) → ${clockTime(stop)}`);
  } else {
    parts.push(`${clockTime(entries[session.members[0]])} · no ${startWord(analysis)} or ${stopWord(analysis)}`);
  }
  parts.push(ruleLabel(session));
  return parts.join(' · ');
}

export function ruleLabel(session: Session): string {
  switch (session.rule) {
    case 'appGsid':
      return `gsid ${session.key}`;
    case 'identity':
      return 'paired by user, device and app';
    default:
      return `session ${session.key.length > 14 ? truncate(session.key, 12) : session.key}`;
  }
}

export function startWord(analysis: Analysis): string {
  return analysis.log.format === 'bluecedar' ? 'START' : 'login';
}

export function stopWord(analysis: Analysis): string {
  return analysis.log.format === 'bluecedar' ? 'STOP' : 'logout';
}

/** One event as a line of the outline: `Session START 13:45:35`, `USER_AUTHZ DENY 09:40:55`. */
export function eventName(analysis: Analysis, entry: LogEntry): string {
  const text = analysis.log.text;
  let name = entry.eventName;
  if (!name) {
    const lineEnd = text.indexOf('\n', entry.messageStart);
    name = text.slice(entry.messageStart, Math.min(entry.end, lineEnd === -1 ? entry.end : lineEnd)).trim();
    if (!name) {
      name = entry.component ? `[${entry.component}]` : 'entry';
    }
  }
  if (entry.result) {
    name += ` ${entry.result}`;
  }
  return name;
}
