/**
 * Every check that reports a problem: its code, its built-in severity and what it finds. The
 * extension contributes one setting per code (`gatewayLogs.diagnostics.<code>`, written into
 * package.json by `npm run sync:manifest`; a test keeps them in step), so a user can turn a check off
 * or change how seriously it is reported.
 */
import { ProblemSeverity } from './model';

export interface CheckDoc {
  severity: ProblemSeverity;
  /** One sentence for the settings page: what the check reports. */
  description: string;
}

export const DIAGNOSTIC_CODES = {
  // Both formats
  'bad-timestamp': { severity: 'error', description: 'A timestamp that cannot be read, or that is not a real date and time.' },
  'stray-text': { severity: 'warning', description: 'Text that belongs to no log entry (before the first entry, or an OAG line without a timestamp).' },
  'foreign-bad-timestamp': { severity: 'warning', description: 'A line of another program (sshd, systemd, a Java service…) whose timestamp is not a real date and time, so it cannot be placed in time.' },
  // Blue Cedar headers and payloads
  'bad-header': { severity: 'error', description: 'Blue Cedar: a line that starts like a log entry but whose header cannot be read.' },
  'missing-component': { severity: 'warning', description: 'Blue Cedar: a header without its `[COMPONENT]`.' },
  'unknown-component': { severity: 'information', description: 'Blue Cedar: a component the Blue Cedar reference does not list.' },
  'empty-field': { severity: 'warning', description: 'Blue Cedar: a header field (`SubCls`, `EID`, `Type`, `Sev`) without a value.' },
  'unknown-severity': { severity: 'warning', description: 'Blue Cedar: a `Sev` value that is not one of the six documented levels.' },
  'bad-eid': { severity: 'warning', description: 'Blue Cedar: an `EID` that is not a whole number.' },
  'unknown-type': { severity: 'information', description: 'Blue Cedar: a `Type` other than General or Acct.' },
  'missing-payload': { severity: 'warning', description: 'Blue Cedar: a Session START, Session STOP, Policy REJECT or Link Update without its JSON object.' },
  'json-syntax': { severity: 'error', description: 'Blue Cedar: malformed JSON in a payload, or a payload cut off before the next entry.' },
  'json-too-deep': { severity: 'error', description: 'Blue Cedar: a JSON payload nested too deeply to be analysed.' },
  'json-duplicate-key': { severity: 'warning', description: 'Blue Cedar: a key that pairing reads written twice in one JSON object (the last one counts).' },
  // OAG headers and structured data
  'missing-host': { severity: 'error', description: 'OAG: a timestamp not followed by a hostname.' },
  'unknown-event': { severity: 'information', description: 'OAG: an event type the Access Gateway reference does not document.' },
  'unknown-application': { severity: 'information', description: 'OAG: an application name the reference does not list.' },
  'sd-unclosed': { severity: 'error', description: 'OAG: structured data whose `[` is never closed.' },
  'sd-no-equals': { severity: 'error', description: 'OAG: a structured-data key without `=`.' },
  'sd-unquoted': { severity: 'error', description: 'OAG: a structured-data value without its opening quote.' },
  'sd-unterminated': { severity: 'error', description: 'OAG: a structured-data value whose closing quote is missing.' },
  'sd-after-value': { severity: 'error', description: 'OAG: stray characters right after a quoted structured-data value.' },
  'sd-typographic-quotes': { severity: 'warning', description: 'OAG: a structured-data value between typographic quotes (“…”) instead of plain double quotes; it is read as if they were plain.' },
  // Checks across the events of a session
  'stop-without-start': { severity: 'information', description: 'A Session STOP or logout whose START or login is not in this file (often in an earlier, rotated log).' },
  'unreadable-stop': { severity: 'information', description: 'A Session STOP that cannot be paired with its START because its JSON payload is broken.' },
  'start-without-stop': { severity: 'hint', description: 'A session that started (or logged in) and has no STOP or logout in this file.' },
  'stop-before-start': { severity: 'warning', description: 'A STOP or logout timestamped before its START or login.' },
  'duration-mismatch': { severity: 'warning', description: 'Blue Cedar: a STOP whose `durationSeconds` disagrees with the START and STOP timestamps.' },
  'duration-text-mismatch': { severity: 'warning', description: 'Blue Cedar: a STOP whose `duration` text disagrees with its `durationSeconds`.' },
  'start-twice': { severity: 'warning', description: 'Blue Cedar: a second Session START for an appGsid that has not stopped.' },
} as const satisfies Record<string, CheckDoc>;

export type ProblemCode = keyof typeof DIAGNOSTIC_CODES;

/** How a user may report a check: one of the severities, or not at all. */
export type CheckLevel = ProblemSeverity | 'off';

export const CHECK_LEVELS: readonly CheckLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/** What each level does, for the settings page. */
export const CHECK_LEVEL_DESCRIPTIONS: Readonly<Record<CheckLevel, string>> = {
  error: 'Report as an error.',
  warning: 'Report as a warning.',
  information: 'Report as information.',
  hint: 'Show as a hint (dotted underline, not in the Problems panel).',
  off: 'Do not report.',
};

export function isProblemCode(code: string): code is ProblemCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}
