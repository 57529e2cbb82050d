/** Above each START/STOP and login/logout: where its partner is and how long the session lasted. */
import { CodeLens } from 'vscode-languageserver-types';
import { Analysis, headerLineRange } from '../analysis';
import { plural, humanDuration } from '../wording';
import { startWord, stopWord } from '../sessionLabels';

export const REVEAL_COMMAND = 'gatewayLogs.revealEntry';

export function codeLenses(analysis: Analysis, uri: string, max = Number.MAX_SAFE_INTEGER): CodeLens[] {
  const { log, sessions } = analysis;
  const lenses: CodeLens[] = [];
  for (const session of sessions.sessions) {
    if (lenses.length >= max) {
      break;
    }
    const start = session.start !== undefined ? log.entries[session.start] : undefined;
    const stop = session.stop !== undefined ? log.entries[session.stop] : undefined;
    const events = plural(session.members.length, 'event');
    const elapsed = start?.time !== undefined && stop?.time !== undefined ? humanDuration((stop.time - start.time) / 1000) : undefined;
    if (start) {
      lenses.push({
        range: headerLineRange(log, start),
        command: stop
          ? { title: `→ ${stopWord(analysis)}${elapsed ? ` ${elapsed} later` : ''} · ${events}`, command: REVEAL_COMMAND, arguments: [uri, stop.startLine] }
          : { title: `no ${stopWord(analysis)} in this file · ${events}`, command: '' },
      });
    }
    if (stop) {
      lenses.push({
        range: headerLineRange(log, stop),
        command: start
          ? { title: `← ${startWord(analysis)}${elapsed ? ` ${elapsed} earlier` : ''} · ${events}`, command: REVEAL_COMMAND, arguments: [uri, start.startLine] }
          : { title: `no ${startWord(analysis)} in this file (earlier log?) · ${events}`, command: '' },
      });
    }
  }
  return lenses;
}
