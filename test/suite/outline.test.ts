import * as assert from 'assert';
import * as vscode from 'vscode';
import { openSample, waitFor } from './helpers';
import { bluecedarSessionEvents, oagSessionEvents } from './sessions';

function documentSymbols(doc: vscode.TextDocument): Thenable<vscode.DocumentSymbol[]> {
  return vscode.commands
    .executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)
    .then((symbols) => symbols ?? []);
}

function withChildren(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.filter((s) => (s.children?.length ?? 0) > 0);
}

suite('Outline (document symbols)', () => {
  test('Blue Cedar: one symbol per session, named after its user, with the events as children', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const starts = bluecedarSessionEvents(doc).filter((e) => e.kind === 'start');
    assert.ok(starts.length > 0, 'the sample has no Session START');
    const symbols = await waitFor('document symbols of gateway.log', () => documentSymbols(doc), (s) => withChildren(s).length > 0);
    const username = starts[0].key.split('/')[0];
    const session = symbols.find((s) => s.name.includes(username) && (s.children?.length ?? 0) > 0);
    assert.ok(session, `no session symbol names ${username}; top level: ${symbols.map((s) => s.name).join(' | ')}`);
    assert.ok(
      session.children.some((child) => child.range.start.line === starts[0].headerLine || child.range.contains(new vscode.Position(starts[0].headerLine, 0))),
      `the session of ${username} does not hold its Session START (line ${starts[0].headerLine + 1})`,
    );
  });

  test('OAG: session symbols hold the login and logout events', async () => {
    const doc = await openSample('audit.log', 'oag-log');
    const logins = oagSessionEvents(doc).filter((e) => e.kind === 'start');
    assert.ok(logins.length > 0, 'the sample has no USER_LOGIN with a session id');
    const symbols = await waitFor('document symbols of audit.log', () => documentSymbols(doc), (s) => withChildren(s).length > 0);
    const holder = symbols.find((s) => (s.children ?? []).some((c) => c.range.start.line === logins[0].headerLine));
    assert.ok(holder, `no top-level symbol holds the USER_LOGIN on line ${logins[0].headerLine + 1}; top level: ${symbols.map((s) => s.name).join(' | ')}`);
  });
});
