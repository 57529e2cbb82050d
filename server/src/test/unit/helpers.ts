/** Small shared helpers for the service-layer unit tests. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { Analysis, analyze } from '../../service/analysis';
import { codeLenses } from '../../service/features/codeLens';
import { diagnostics } from '../../service/features/diagnostics';
import { foldingRanges } from '../../service/features/folding';
import { doHover } from '../../service/features/hover';
import { findDefinition, findHighlights, findReferences } from '../../service/features/navigation';
import { documentSymbols } from '../../service/features/symbols';
import { entryFields } from '../../service/fields';
import { parseLog, ParseOptions } from '../../service/parse';
import { Field, LogEntry, LogFormat, ParsedLog } from '../../service/model';
import { computeLineStarts, lineContentEnd, Position } from '../../service/text';

/** A fixed "now" so year inference never depends on the day the tests run. */
export const NOW = new Date(Date.UTC(2022, 5, 15, 12, 0, 0));
export const OPTIONS: ParseOptions = { now: NOW };

/** The commands CodeLenses carry in the unit tests (the server picks real ones per client). */
export const LENS_COMMANDS = { reveal: 'test.reveal', describe: 'test.describe' };

export function parse(text: string, format: LogFormat, options: ParseOptions = OPTIONS): ParsedLog {
  return parseLog(text, format, options);
}

export function analyzeText(text: string, format: LogFormat, options: ParseOptions = OPTIONS): Analysis {
  return analyze(parseLog(text, format, options));
}

/** The repository root, from server/out/test/unit. */
export const ROOT = resolve(__dirname, '..', '..', '..', '..');

export function readSample(relative: string): string {
  return readFileSync(resolve(ROOT, 'samples', relative), 'utf8');
}

/** The field of `entry` with this canonical name (first one). */
export function field(log: ParsedLog, entry: LogEntry, name: string): Field {
  const found = entryFields(log, entry).find((f) => f.name === name);
  assert.ok(found, `no field '${name}' in entry at line ${entry.startLine + 1}; fields: ${entryFields(log, entry).map((f) => f.name).join(', ')}`);
  return found;
}

export function hasField(log: ParsedLog, entry: LogEntry, name: string): boolean {
  return entryFields(log, entry).some((f) => f.name === name);
}

/** Key text, value text and whole text of a field, as sliced from the document. */
export function fieldText(log: ParsedLog, f: Field): { key: string; value: string; whole: string } {
  return {
    key: log.text.slice(f.keyStart, f.keyEnd),
    value: log.text.slice(f.valueStart, f.valueEnd),
    whole: log.text.slice(f.start, f.end),
  };
}

/** Offset of the n-th (0-based) occurrence of `needle`, failing the test when missing. */
export function offsetOf(text: string, needle: string, occurrence = 0, from = 0): number {
  let at = text.indexOf(needle, from);
  for (let i = 0; i < occurrence && at !== -1; i++) {
    at = text.indexOf(needle, at + 1);
  }
  assert.notEqual(at, -1, `'${needle}' (occurrence ${occurrence}) not found`);
  return at;
}

/** 0-based line of the first line containing `needle`. */
export function lineContaining(text: string, needle: string, occurrence = 0): number {
  const at = offsetOf(text, needle, occurrence);
  return positionOf(text, at).line;
}

export function positionOf(text: string, offset: number): Position {
  const starts = computeLineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) {
    line++;
  }
  return { line, character: offset - starts[line] };
}

/** Position of the n-th occurrence of `needle` (plus `shift` characters). */
export function positionOfText(text: string, needle: string, occurrence = 0, shift = 0): Position {
  return positionOf(text, offsetOf(text, needle, occurrence) + shift);
}

export interface SimpleRange {
  start: Position;
  end: Position;
}

/** Text of an LSP range in `text` (UTF-16 positions). */
export function textOfRange(text: string, range: SimpleRange): string {
  const starts = computeLineStarts(text);
  const at = (p: Position): number => starts[p.line] + p.character;
  return text.slice(at(range.start), at(range.end));
}

/** Asserts that a position lies inside the document: an existing line, a character within its content. */
export function assertPositionInside(text: string, position: Position, what: string): void {
  const starts = computeLineStarts(text);
  assert.ok(Number.isInteger(position.line) && position.line >= 0 && position.line < starts.length,
    `${what}: line ${position.line} outside 0..${starts.length - 1}`);
  const length = lineContentEnd(text, starts, position.line) - starts[position.line];
  assert.ok(Number.isInteger(position.character) && position.character >= 0 && position.character <= length,
    `${what}: character ${position.character} outside line ${position.line} of length ${length}`);
}

export function assertRangeInside(text: string, range: SimpleRange, what: string): void {
  assertPositionInside(text, range.start, `${what} start`);
  assertPositionInside(text, range.end, `${what} end`);
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character),
    `${what}: start after end ${JSON.stringify(range)}`);
}

// ---------------------------------------------------------------------------------------------
// Entry builders (realistic fragments in the reference's forms)

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `Nov 11 2021 22:24:37` (or syslog form `Oct  2 13:45:35` without a year). */
export function bcTime(ms: number, withYear = true): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return withYear ? `${MONTH_NAMES[d.getUTCMonth()]} ${day} ${d.getUTCFullYear()} ${clock}` : `${MONTH_NAMES[d.getUTCMonth()]} ${day} ${clock}`;
}

export function bcHeader(ms: number, opts: { component?: string; eid?: number; type?: string; sev?: string; withYear?: boolean } = {}): string {
  return `${bcTime(ms, opts.withYear ?? true)} tilera3 Mocana: [${opts.component ?? 'AAA'}], SubCls:ACCT, EID: ${opts.eid ?? 0}, Type: ${opts.type ?? 'Acct'}, Sev:${opts.sev ?? 'Informational'},`;
}

export interface BcSession {
  username: string;
  osType?: string;
  uniqueId?: string;
  appName?: string;
  appPackageId?: string;
  assignedIp?: string;
  appGsid: number;
  duration?: string;
  durationSeconds?: number;
}

export function sessionJson(s: BcSession, stop: boolean): string {
  const sessionId: Record<string, unknown> = { username: s.username };
  if (stop) {
    if (s.duration !== undefined) sessionId.duration = s.duration;
    if (s.durationSeconds !== undefined) sessionId.durationSeconds = s.durationSeconds;
  }
  sessionId.device = { osType: s.osType ?? 'ios', deviceName: `${s.username}'s phone`, uniqueId: s.uniqueId ?? `00:00:00:00:00:${pad2(s.username.length)}`, jailbroken: false };
  sessionId.app = {
    assignedIp: s.assignedIp ?? '10.24.0.51', publicSrcIp: '108.99.99.25', appName: s.appName ?? 'PromCLI',
    appPackageId: s.appPackageId ?? 'com.mocana.promcli', appGsid: s.appGsid,
  };
  return JSON.stringify({ sessionId });
}

/** Pretty multi-line JSON, like the reference's indented layout. */
export function prettyJson(json: string): string {
  return JSON.stringify(JSON.parse(json), null, 2);
}

export function bcStart(ms: number, s: BcSession, opts: { withYear?: boolean; pretty?: boolean } = {}): string {
  const json = sessionJson(s, false);
  return `${bcHeader(ms, { withYear: opts.withYear })}\nSession START ${opts.pretty ? prettyJson(json) : json}\n`;
}

export function bcStop(ms: number, s: BcSession, opts: { withYear?: boolean; pretty?: boolean } = {}): string {
  const json = sessionJson(s, true);
  return `${bcHeader(ms, { withYear: opts.withYear })}\nSession STOP ${opts.pretty ? prettyJson(json) : json}\n`;
}

export function bcLinked(ms: number, eid: number, message: string, component = 'INTFMGR'): string {
  return `${bcTime(ms)} tilera3 Mocana: [${component}], SubCls:999, EID: ${eid}, Type: General, Sev:Informational, ${message}\n`;
}

export function bcReject(ms: number, username: string, reason = 'Attempting login with jailbroken device'): string {
  return `${bcHeader(ms, { type: 'General' })}\nPolicy REJECT {"reason":${JSON.stringify(reason)},"sessionId":{"username":${JSON.stringify(username)},"device":{"osType":"android","uniqueId":"00:00:00:00:00:03","jailbroken":true},"app":{"appName":"PromCLI","appGsid":0}}}\n`;
}

/** `2020-06-24T09:40:36.000-05:00` for a UTC millisecond time shown in UTC-5. */
export function oagTime(ms: number, offsetMinutes = -300): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local.toISOString().slice(0, 23)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

export function oagLine(ms: number, header: string, event: string, sd: string, message = ''): string {
  return `${oagTime(ms)} oag01.example.com ${header} ${event} ${sd}${message ? ' ' + message : ''}\n`;
}

export function oagLogin(ms: number, sessionId: string, subject: string, kind: 'LOCAL' | 'SAML' = 'SAML', result = 'PASS'): string {
  return kind === 'LOCAL'
    ? oagLine(ms, 'ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO', 'USER_LOGIN', `[SESSION_ID="${sessionId}" SUBJECT="${subject}" TYPE="LOCAL" RESULT="${result}" REASON="VALID_CREDENTIALS" REMOTE_IP="10.0.0.1"]`, `User login:${subject}`)
    : oagLine(ms, 'ACCESS_GATEWAY ACCESS AUTHN SAML INFO', 'USER_AUTHN', `[SESSION_ID="${sessionId}" SUBJECT="${subject}" TYPE="SAML_2_0" RESULT="${result}" REASON="Valid SAML Assertion"]`, `User login:${subject}`);
}

export function oagSession(ms: number, sessionId: string, subject: string, app: string): string {
  return oagLine(ms, 'ACCESS_GATEWAY ACCESS AUTHZ SESSION INFO', 'USER_SESSION', `[SESSION_ID="${sessionId}" SUBJECT="${subject}" APP="${app}" APP_TYPE="HEADER_APP" RESULT="ALLOW" REASON="VALID_SESSION"]`, 'session valid');
}

export function oagAuthz(ms: number, sessionId: string, subject: string, app: string, resource: string, result = 'ALLOW'): string {
  return oagLine(ms, 'ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO', 'USER_AUTHZ', `[SESSION_ID="${sessionId}" SUBJECT="${subject}" RESOURCE="${resource}" METHOD="GET" APP="${app}" RESULT="${result}" REASON="N/A"]`, `${result.toLowerCase()} access to resource`);
}

export function oagLogout(ms: number, sessionId: string, subject: string, app: string): string {
  return oagLine(ms, 'ACCESS_GATEWAY ACCESS AUTHN SESSION INFO', 'USER_LOGOUT', `[SESSION_ID="${sessionId}" SUBJECT="${subject}" APP="${app}" RESULT="PASS" REASON="VALID_SESSION"]`, `User logout success: ${subject}`);
}

/** A small deterministic PRNG (for generated fixtures that must not change between runs). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Running every feature and checking what it returns

/** Every feature at the given positions; asserts that each returned range lies inside the document. */
export function exerciseFeatures(text: string, format: LogFormat, positions: Position[], uri = 'file:///x.log'): Analysis {
  const analysis = analyzeText(text, format);
  const lineCount = computeLineStarts(text).length;
  for (const d of diagnostics(analysis, 1000)) {
    assertRangeInside(text, d.range, `diagnostic ${d.code}`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0);
  }
  const checkSymbol = (s: DocumentSymbol, path: string): void => {
    assertRangeInside(text, s.range, `symbol ${path} range`);
    assertRangeInside(text, s.selectionRange, `symbol ${path} selectionRange`);
    assert.ok(contains(s.range, s.selectionRange), `symbol ${path}: selectionRange outside range`);
    // VS Code rejects a falsy name. (A name of only spaces, e.g. from a SUBJECT of control
    // characters, is shown blank but accepted.)
    assert.ok(s.name.length > 0, `symbol ${path}: empty name`);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(s.name, /[\u0000-\u001f\u007f]/, `symbol ${path}: control character in name`);
    for (const [i, child] of (s.children ?? []).entries()) {
      assert.ok(contains(s.range, child.range), `symbol ${path}/${i}: child outside its parent`);
      checkSymbol(child, `${path}/${i}`);
    }
  };
  documentSymbols(analysis, 5000).forEach((s, i) => checkSymbol(s, String(i)));
  documentSymbols(analysis, 3).forEach((s, i) => checkSymbol(s, `capped ${i}`));
  for (const f of foldingRanges(analysis)) {
    assert.ok(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lineCount, `folding ${JSON.stringify(f)}`);
  }
  for (const lens of codeLenses(analysis, uri, LENS_COMMANDS)) {
    assertRangeInside(text, lens.range, 'codeLens');
    const command = lens.command!;
    assert.ok(command, 'codeLens without command');
    // Every lens carries a real command (clients other than VS Code report an empty one as an error).
    assert.ok(command.command === LENS_COMMANDS.reveal || command.command === LENS_COMMANDS.describe, command.command);
    assert.equal(command.arguments!.length, 2);
    assert.equal(command.arguments![0], uri);
    assert.ok(Number.isInteger(command.arguments![1]) && command.arguments![1] >= 0 && command.arguments![1] < lineCount);
  }
  for (const position of positions) {
    const where = JSON.stringify(position);
    for (const loc of findDefinition(analysis, uri, position)) {
      assertRangeInside(text, loc.range, `definition at ${where}`);
    }
    for (const loc of findReferences(analysis, uri, position)) {
      assertRangeInside(text, loc.range, `reference at ${where}`);
    }
    for (const h of findHighlights(analysis, position)) {
      assertRangeInside(text, h.range, `highlight at ${where}`);
    }
    const hover = doHover(analysis, position);
    if (hover) {
      assert.ok(hover.range, `hover without range at ${where}`);
      assertRangeInside(text, hover.range, `hover at ${where}`);
      assert.equal(typeof (hover.contents as { value: string }).value, 'string');
    }
  }
  return analysis;
}

function contains(outer: SimpleRange, inner: SimpleRange): boolean {
  const le = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Removes CommonMark code spans (a backtick run up to the next run of the same length). */
export function stripCodeSpans(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    if (markdown[i] !== '`' || (i > 0 && markdown[i - 1] === '\\')) {
      out += markdown[i++];
      continue;
    }
    let n = 0;
    while (markdown[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < markdown.length) {
      if (markdown[j] === '`') {
        let m = 0;
        while (markdown[j + m] === '`') m++;
        if (m === n) {
          close = j;
          break;
        }
        j += m;
      } else {
        j++;
      }
    }
    if (close === -1) {
      out += markdown.slice(i, i + n);
      i += n;
    } else {
      out += ' ';
      i = close + n;
    }
  }
  return out;
}

/** What must agree: the entries, the stray problems, the line starts. */
export function projection(log: ParsedLog): unknown {
  return {
    // Every property of every entry (index included), not only the ones features use today.
    entries: log.entries.map((e, i) => ({ ...e, indexMatches: e.index === i, problems: e.problems.map((p) => ({ ...p })) })),
    problems: log.problems.map((p) => ({ ...p })),
    lineStarts: log.lineStarts,
  };
}

/** Property-test run count; FC_RUNS_FACTOR=10 (say) runs a longer search locally. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * Number(process.env.FC_RUNS_FACTOR ?? 1)));
}
