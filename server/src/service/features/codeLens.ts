/** Above each START/STOP and login/logout: where its partner is and how long the session lasted. */
import { CodeLens } from 'vscode-languageserver-types';
import { Analysis, headerLineRange } from '../analysis';
import { startWord, stopWord } from '../sessionLabels';
import { humanDuration, plural } from '../wording';

/**
 * The commands lenses carry, chosen by the server for its client (the service layer knows no ids).
 * Both take the document URI and a 0-based line.
 */
export interface LensCommands {
  /** Moves to the entry at that line (the other end of the session). */
  reveal: string;
  /** Tells what is known of the session of the entry at that line (lenses that only inform). */
  describe: string;
}

export function codeLenses(analysis: Analysis, uri: string, commands: LensCommands, max = Number.MAX_SAFE_INTEGER): CodeLens[] {
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
          ? { title: `→ ${stopWord(analysis)}${elapsed ? ` ${elapsed} later` : ''} · ${events}`, command: commands.reveal, arguments: [uri, stop.startLine] }
          : { title: `no ${stopWord(analysis)} in this file · ${events}`, command: commands.describe, arguments: [uri, start.startLine] },
      });
    }
    if (stop) {
      lenses.push({
        range: headerLineRange(log, stop),
        command: start
          ? { title: `← ${startWord(analysis)}${elapsed ? ` ${elapsed} earlier` : ''} · ${events}`, command: commands.reveal, arguments: [uri, start.startLine] }
          : { title: `no ${startWord(analysis)} in this file (earlier log?) · ${events}`, command: commands.describe, arguments: [uri, stop.startLine] },
      });
    }
  }
  return lenses;
}
