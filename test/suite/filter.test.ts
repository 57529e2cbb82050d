// Filtered views in the editor, on the packaged extension: "Show Only This Session" from a STOP shows
// exactly that session's events (its START, STOP and the events linked to it by EID), as a document of
// our language (read-only: the browser checks type into it) where hover and F12 work; "Reveal in Original" and F12 on an entry's time
// land on the entry in the log; export writes the expected NDJSON; the Sessions view's "Show Session
// Events" gathers a session across rotated files; a view follows edits of its log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, BLUECEDAR_ENTRY_START, entriesOf, hoverText, openSample, positionOf, targetOf, waitFor } from './helpers';
import { bluecedarSessionEvents, firstCompletePair } from './sessions';

const VIEW_SCHEME = 'gateway-log-view';

/** The entries of the sample that belong to a session: its START, STOP, and entries whose EID is its appGsid. */
function expectedMembers(doc: vscode.TextDocument, gsid: string): string[] {
  return entriesOf(doc, BLUECEDAR_ENTRY_START)
    .filter((e) => new RegExp(`EID: ${gsid},|"appGsid"\\s*:\\s*${gsid}\\b`).test(e.text))
    .map((e) => doc.lineAt(e.headerLine).text);
}

function headerLines(doc: vscode.TextDocument): string[] {
  // entriesOf starts a first entry at line 0 even when it is a gap line: keep real headers only.
  return entriesOf(doc, BLUECEDAR_ENTRY_START).map((e) => doc.lineAt(e.headerLine).text).filter((l) => BLUECEDAR_ENTRY_START.test(l));
}

async function showSessionOfFirstPair(): Promise<{ source: vscode.TextDocument; view: vscode.TextDocument; gsid: string; stopLine: number }> {
  const source = await openSample('gateway.log', 'bluecedar-log');
  const { stop } = firstCompletePair(bluecedarSessionEvents(source));
  const gsid = stop.key.split('/')[1];
  // As the lens above the STOP does: the document and the STOP's header line.
  const uri = await waitFor('a view of the STOP\'s session', () =>
    vscode.commands.executeCommand<string | undefined>('gatewayLogs.filter.showSession', source.uri.toString(), stop.headerLine), (u) => !!u);
  const view = await waitFor('the view document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(uri!).toString()), (d) => !!d && d.getText().length > 0);
  return { source, view: view!, gsid, stopLine: stop.headerLine };
}

suite('Filtered views', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('Show Only This Session from a STOP: exactly its events, as a read-only log of our language', async () => {
    const { source, view, gsid, stopLine } = await showSessionOfFirstPair();
    assert.strictEqual(view.uri.scheme, VIEW_SCHEME);
    assert.strictEqual(view.languageId, 'bluecedar-log');
    const expected = expectedMembers(source, gsid);
    assert.ok(expected.length >= 2, 'the sample session has a START and a STOP');
    assert.deepStrictEqual(headerLines(view), expected);
    // The cursor is on the STOP the command ran from.
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), view.uri.toString());
    assert.strictEqual(view.lineAt(editor.selection.active.line).text, source.lineAt(stopLine).text);
  });

  test('in the view, hover explains fields and F12 goes from the STOP to its START', async () => {
    const { view } = await showSessionOfFirstPair();
    const hover = await waitFor('a hover in the view', () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', view.uri, positionOf(view, 'Sev:', 1)), (h) => (h?.length ?? 0) > 0);
    assert.match(hoverText(hover), /Severity/);
    const stopAt = positionOf(view, 'Session STOP', 2);
    const targets = await waitFor('the definition of the STOP in the view', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', view.uri, stopAt), (t) => (t?.length ?? 0) > 0);
    const target = targetOf(targets![0]);
    assert.strictEqual(target.uri.toString(), view.uri.toString());
    assert.match(view.getText(new vscode.Range(target.range.start.line, 0, target.range.start.line + 2, 0)), /Session START/);
  });

  test('Reveal in Original, and F12 on an entry\'s time, land on that entry in the log', async () => {
    const { source, view } = await showSessionOfFirstPair();
    // A line inside the STOP's JSON: the same line of the original.
    const line = positionOf(view, '"durationSeconds"').line;
    const text = view.lineAt(line).text;
    const editor = await vscode.window.showTextDocument(view);
    editor.selection = new vscode.Selection(line, 3, line, 3);
    assert.strictEqual(await vscode.commands.executeCommand('gatewayLogs.filter.revealInOriginal'), true);
    const landed = await waitFor('the original in front', () => vscode.window.activeTextEditor, (e) => e?.document.uri.toString() === source.uri.toString());
    assert.strictEqual(landed!.document.lineAt(landed!.selection.active.line).text, text);
    const stopHeader = positionOf(view, 'Session STOP').line - 1;
    const targets = await waitFor('the definition of the STOP\'s time', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', view.uri, new vscode.Position(stopHeader, 3)), (t) => (t?.length ?? 0) > 0);
    const target = targetOf(targets![0]);
    assert.strictEqual(target.uri.toString(), source.uri.toString());
    assert.strictEqual(source.lineAt(target.range.start.line).text, view.lineAt(stopHeader).text);
  });

  test('export writes the view\'s entries as NDJSON, with their lines and parsed fields', async () => {
    const { source, view, gsid } = await showSessionOfFirstPair();
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'glt-export-')), 'session.ndjson');
    const result = await vscode.commands.executeCommand<{ entries: number }>('gatewayLogs.filter.export', view.uri.toString(), target, 'ndjson');
    const expected = entriesOf(source, BLUECEDAR_ENTRY_START).filter((e) => new RegExp(`EID: ${gsid},|"appGsid"\\s*:\\s*${gsid}\\b`).test(e.text));
    assert.strictEqual(result?.entries, expected.length);
    const records = fs.readFileSync(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepStrictEqual(records.map((r) => r.line), expected.map((e) => e.headerLine + 1));
    assert.deepStrictEqual(records.map((r) => r.text), expected.map((e) => e.text.replace(/\s+$/, '')));
    assert.ok(records.every((r) => r.session === gsid), JSON.stringify(records.map((r) => r.session)));
    const stop = records.find((r) => r.kind === 'sessionStop')!;
    assert.strictEqual((stop.fields as Record<string, string>)['sessionId.app.appGsid'], gsid);
    assert.match(String(stop.time), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  test('the Sessions view\'s Show Session Events gathers a session across rotated files, one gzipped', async () => {
    const api = (await activateExtension()).exports as { bundleStatus(): Promise<{ files: { path: string }[]; indexing: boolean } | undefined> };
    await waitFor('the bundle to index the rotated samples', () => api.bundleStatus(),
      (s) => !!s && !s.indexing && s.files.filter((f) => /rotated/.test(f.path)).length === 3, 60_000);
    const older = await openSample('rotated/messages.1', 'bluecedar-log');
    const stop = positionOf(older, /Session STOP \{"sessionId":\{"username":"nkowalski"/).line - 1;
    // A Sessions view node carries where its session starts; here, the STOP's place is as good.
    const uri = await vscode.commands.executeCommand<string | undefined>('gatewayLogs.sessions.showEvents', { location: { uri: older.uri.toString(), line: stop } });
    assert.ok(uri);
    const view = await waitFor('the session view', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(uri!).toString()), (d) => !!d && d.getText().length > 0);
    const headers = headerLines(view!);
    assert.strictEqual(headers.length, 6, headers.join('\n'));
    assert.ok(headers.every((h) => /EID: 3901122018|EID: 0, Type: Acct/.test(h)), headers.join('\n'));
    // The first is the START, in the gzipped file: revealed through a window.
    const editor = await vscode.window.showTextDocument(view!);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = view!.lineAt(0).text === '' ? 1 : 0;
    await vscode.commands.executeCommand('gatewayLogs.filter.revealInOriginal', view!.uri.toString(), first);
    const landed = await waitFor('a window onto messages.2.gz', () => vscode.window.activeTextEditor, (e) => e?.document.uri.scheme === 'gateway-log-window');
    assert.match(landed!.document.uri.path, /messages\.2\.gz/);
    assert.strictEqual(landed!.document.lineAt(landed!.selection.active.line).text, view!.lineAt(first).text);
  });

  test('a view follows edits of its log', async () => {
    const sample = await openSample('gateway.log', 'bluecedar-log');
    const copy = await vscode.workspace.openTextDocument({ language: 'bluecedar-log', content: sample.getText() });
    await vscode.window.showTextDocument(copy);
    const uri = await vscode.commands.executeCommand<string | undefined>('gatewayLogs.filter.apply', copy.uri.toString(), [{ type: 'text', pattern: 'follow-me' }]);
    assert.ok(uri);
    const view = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(uri!).toString());
    assert.strictEqual(headerLines(view()!).length, 0);
    const editor = await vscode.window.showTextDocument(copy);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'Oct 31 2021 22:44:00 bcgw-prod-01 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, follow-me\n'));
    await waitFor('the view to show the new entry', () => view()?.getText() ?? '', (t) => /follow-me/.test(t));
    assert.strictEqual(headerLines(view()!).length, 1);
  });
});
