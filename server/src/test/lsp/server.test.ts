/** End to end over stdio: the standalone server answers hover, diagnostics, symbols and navigation. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { SERVER_COMMANDS } from '../../service/formats/ids';
import { REPO_ROOT, startServer, TestClient } from './lspClient';

const GATEWAY = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'gateway.log'), 'utf8');
const AUDIT = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'audit.log'), 'utf8');
const BROKEN_GATEWAY = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'malformed', 'broken-gateway.log'), 'utf8');
const GATEWAY_URI = 'file:///samples/gateway.log';
const AUDIT_URI = 'file:///samples/audit.log';

/** Position of the `nth` occurrence of `needle` (plus `shift` characters into it). */
function find(text: string, needle: string, nth = 0, shift = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `"${needle}" #${nth} not in text`);
  }
  const before = text.slice(0, at + shift);
  const line = before.split('\n').length - 1;
  return { line, character: at + shift - (before.lastIndexOf('\n') + 1) };
}

function lineOf(text: string, needle: string, nth = 0): number {
  return find(text, needle, nth, 0).line;
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

describe('standalone language server over stdio', () => {
  let client: TestClient;
  let gatewayDiagnostics: Promise<Diagnostic[]>;
  let auditDiagnostics: Promise<Diagnostic[]>;

  before(async () => {
    client = await startServer();
    gatewayDiagnostics = client.diagnostics(GATEWAY_URI);
    auditDiagnostics = client.diagnostics(AUDIT_URI);
    client.open(GATEWAY_URI, 'bluecedar-log', GATEWAY);
    client.open(AUDIT_URI, 'oag-log', AUDIT);
  });

  after(async () => {
    await client.stop();
  });

  test('publishes diagnostics on open, with no errors for well-formed samples', async () => {
    for (const diagnostics of [await gatewayDiagnostics, await auditDiagnostics]) {
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1), []);
      // The samples do contain an orphan STOP/logout, which is worth an Information.
      assert.ok(diagnostics.some((d) => d.code === 'stop-without-start'));
    }
  });

  test('hover on Blue Cedar header fields and JSON keys', async () => {
    const sev = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: find(GATEWAY, 'Sev:Warning') }));
    assert.match(sev, /\*\*Severity\*\*/);
    assert.match(sev, /Warning/);
    const component = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: find(GATEWAY, '[IKE]') }));
    assert.match(component, /IKE/);
    const username = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: find(GATEWAY, '"username"') }));
    assert.match(username, /username/);
    assert.match(username, /dpatel/);
    const bytes = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: find(GATEWAY, '"bytesRx"') }));
    assert.match(bytes, /\b(KB|MB|bytes)\b/);
  });

  test('hover on an EID says how many events share it and on the event name which rule paired the session', async () => {
    const eid = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: find(GATEWAY, 'EID: 2109085776', 0, 0) }));
    const sharing = GATEWAY.split('EID: 2109085776').length - 1;
    assert.match(eid, new RegExp(`\\b${sharing}\\b`));
    const stop = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: find(GATEWAY, 'Session STOP', 1) }));
    assert.match(stop, /Paired by/);
  });

  test('hover on OAG header positions and structured-data keys', async () => {
    const sessionId = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: AUDIT_URI }, position: find(AUDIT, 'SESSION_ID=') }));
    assert.match(sessionId, /\*\*Session ID\*\*|SESSION_ID/i);
    const result = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: AUDIT_URI }, position: find(AUDIT, 'RESULT="DENY"', 0, 9) }));
    assert.match(result, /DENY/);
    const event = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: AUDIT_URI }, position: find(AUDIT, ' USER_LOGOUT ', 0, 2) }));
    assert.match(event, /USER_LOGOUT|log(s|ged)? out/i);
  });

  test('document symbols list sessions first, with their events as children', async () => {
    for (const [uri, min] of [[GATEWAY_URI, 10], [AUDIT_URI, 10]] as const) {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const sessions = symbols.filter((s) => s.kind === 3 /* Namespace */);
      assert.ok(sessions.length >= min, `${uri}: ${sessions.length} sessions`);
      assert.ok(sessions.every((s) => (s.children ?? []).length >= 1));
      const firstGroup = symbols.findIndex((s) => s.kind !== 3);
      assert.ok(firstGroup === -1 || symbols.slice(firstGroup).every((s) => s.kind !== 3), 'sessions come first');
    }
  });

  test('definition goes from STOP to START and back, references list the whole session', async () => {
    // The second Session STOP belongs to a session whose START is in the file.
    const stopLine = lineOf(GATEWAY, 'Session STOP', 1);
    const toStart = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: GATEWAY_URI }, position: { line: stopLine, character: 2 } });
    assert.equal(toStart.length, 1);
    const startText = GATEWAY.split('\n').slice(toStart[0].range.start.line, toStart[0].range.start.line + 2).join('\n');
    assert.match(startText, /Session START/);
    const back = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: GATEWAY_URI }, position: { line: toStart[0].range.start.line, character: 2 } });
    assert.equal(back.length, 1);
    assert.ok(back[0].range.start.line <= stopLine && stopLine <= back[0].range.start.line + 1);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: GATEWAY_URI }, position: { line: stopLine, character: 2 }, context: { includeDeclaration: true } });
    assert.ok(references.length >= 2);
    assert.ok(references.some((r) => r.range.start.line === toStart[0].range.start.line));
  });

  test('OAG: definition from logout to login by SESSION_ID, and back', async () => {
    const logoutLine = lineOf(AUDIT, 'USER_LOGOUT', 1);
    const logoutText = AUDIT.split('\n')[logoutLine];
    const sessionId = /SESSION_ID="([^"]+)"/.exec(logoutText)![1];
    const toLogin = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: AUDIT_URI }, position: { line: logoutLine, character: 3 } });
    assert.equal(toLogin.length, 1);
    const loginText = AUDIT.split('\n')[toLogin[0].range.start.line];
    assert.match(loginText, /USER_LOGIN|USER_AUTHN/);
    assert.ok(loginText.includes(sessionId));
    const back = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: AUDIT_URI }, position: { line: toLogin[0].range.start.line, character: 3 } });
    assert.equal(back[0].range.start.line, logoutLine);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: AUDIT_URI }, position: { line: logoutLine, character: 3 }, context: { includeDeclaration: true } });
    const expected = AUDIT.split('\n').filter((l) => l.includes(`SESSION_ID="${sessionId}"`)).length;
    assert.equal(references.length, expected);
  });

  test('CodeLens on START and STOP lines shows the partner, the elapsed time and the event count', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: GATEWAY_URI } });
    const startLine = lineOf(GATEWAY, 'Session START');
    const onStart = lenses.filter((l) => Math.abs(l.range.start.line - startLine) <= 1);
    assert.ok(onStart.length >= 1);
    assert.match(onStart[0].command!.title, /→ STOP .*later · \d+ events?/);
    // A client that names no commands of its own gets the server's, which work in any editor.
    assert.equal(onStart[0].command!.command, SERVER_COMMANDS.revealEntry);
    const auditLenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: AUDIT_URI } });
    assert.ok(auditLenses.some((l) => /→ logout/.test(l.command!.title)));
  });

  test('folding ranges cover every multi-line entry', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: GATEWAY_URI } });
    const startLine = lineOf(GATEWAY, 'Session STOP {"sessionId"') - 1;
    assert.ok(ranges.some((r) => r.startLine === startLine && r.endLine > startLine + 5));
  });

  test('malformed JSON gets an Error at the offending spot; an edit updates, closing clears', async () => {
    const uri = 'file:///samples/broken-gateway.log';
    const first = client.diagnostics(uri);
    client.open(uri, 'bluecedar-log', BROKEN_GATEWAY);
    const errors = (await first).filter((d) => d.severity === 1);
    assert.ok(errors.length >= 1);
    for (const error of errors) {
      assert.ok(error.range.end.line - error.range.start.line <= 1, 'the range is the spot, not the whole entry');
    }

    // Break a well-formed document with one edit, then repair it.
    const editUri = 'file:///samples/edited.log';
    const opened = client.diagnostics(editUri);
    client.open(editUri, 'bluecedar-log', GATEWAY);
    await opened;
    const target = find(GATEWAY, '"durationSeconds":2417,', 0, '"durationSeconds":2417'.length);
    const broken = client.diagnostics(editUri, (d) => d.some((x) => x.severity === 1));
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: editUri, version: 2 },
      contentChanges: [{ range: { start: target, end: { line: target.line, character: target.character + 1 } }, text: '' }],
    });
    const afterEdit = await broken;
    const error = afterEdit.find((d) => d.severity === 1)!;
    assert.match(error.message, /Expected ','/);
    assert.ok(error.range.start.line >= target.line && error.range.start.line <= target.line + 1);
    const repaired = client.diagnostics(editUri, (d) => !d.some((x) => x.severity === 1));
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: editUri, version: 3 },
      contentChanges: [{ range: { start: target, end: target }, text: ',' }],
    });
    await repaired;
    const cleared = client.diagnostics(editUri, (d) => d.length === 0);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: editUri } });
    await cleared;
  });

  test('edits keep the session checks right: a changed durationSeconds is checked, later warnings move with their events', async () => {
    const uri = 'file:///samples/session-edits.log';
    let text = GATEWAY;
    const opened = client.diagnostics(uri);
    client.open(uri, 'bluecedar-log', text);
    const initial = await opened;
    const mismatches = (d: Diagnostic[]): Diagnostic[] => d.filter((x) => x.code === 'duration-text-mismatch');
    assert.deepEqual(mismatches(initial), []);
    let version = 1;
    const edit = (needle: string, replacement: string): { line: number; character: number } => {
      const at = find(text, needle, 0, 0);
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + needle.length } }, text: replacement }],
      });
      const offset = text.indexOf(needle);
      text = text.slice(0, offset) + replacement + text.slice(offset + needle.length);
      return at;
    };
    /** The text a diagnostic's range covers, in the current text. */
    const covered = (d: Diagnostic): string => {
      const lines = text.split('\n');
      return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    };

    // durationSeconds no longer matches its duration text: the STOP gets a warning.
    const checked = client.diagnostics(uri, (d) => mismatches(d).length === 1);
    const stopLine = edit('"durationSeconds":437', '"durationSeconds":999').line;
    const [warning] = mismatches(await checked);
    assert.equal(warning.severity, 2);
    assert.equal(covered(warning), 'Session STOP');
    assert.ok(warning.range.start.line <= stopLine);

    // Indent the STOP's event name (the same event, the same facts: nothing is paired or checked
    // again): the warning moves with it.
    const moved = client.diagnostics(uri, (d) => mismatches(d).length === 1 && mismatches(d)[0].range.start.character === warning.range.start.character + 2);
    edit('Session STOP {"sessionId":{"username":"akim"', '  Session STOP {"sessionId":{"username":"akim"');
    const [indented] = mismatches(await moved);
    assert.equal(covered(indented), 'Session STOP');
    // A longer username in its START (appGsid pairs this session, so that changes no pairing either).
    const renamed = client.diagnostics(uri, (d) => mismatches(d).length === 1);
    edit('"username":"akim"', '"username":"akim.with.a.longer.name"');
    const afterRename = await renamed;
    // Findings point at evidence in their own document: compare them without the URI.
    const anyUri = (list: Diagnostic[]): Diagnostic[] => list.map((d) => ({
      ...d, relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: '' } })),
    }));
    assert.deepEqual(anyUri(afterRename), anyUri(await freshDiagnostics(text)));
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  /** What a newly opened document with `text` gets (to compare an edited one with). */
  async function freshDiagnostics(text: string): Promise<Diagnostic[]> {
    const uri = `file:///samples/fresh-${Math.random().toString(36).slice(2)}.log`;
    const published = client.diagnostics(uri);
    client.open(uri, 'bluecedar-log', text);
    const diagnostics = await published;
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return diagnostics;
  }

  test('requests for unknown documents and out-of-range positions answer without failing', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.log' }, position: { line: 0, character: 0 } }), null);
    const far = await client.request('textDocument/hover', { textDocument: { uri: GATEWAY_URI }, position: { line: 1e6, character: 1e6 } });
    assert.equal(far, null);
    const negative = await client.request('textDocument/definition', { textDocument: { uri: GATEWAY_URI }, position: { line: -3, character: -1 } });
    assert.ok(Array.isArray(negative) || negative === null);
    // Still alive and answering.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: GATEWAY_URI } });
    assert.ok(symbols.length > 0);
  });
});
