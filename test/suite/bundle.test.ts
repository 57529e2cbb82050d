// The bundle in the editor: the samples' rotated folder (messages, messages.1, messages.2.gz) is
// indexed as one set of sessions, so a STOP finds its START in an older file, even a gzipped one.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverText, openSample, positionOf, targetOf, waitFor } from './helpers';

interface Api {
  bundleStatus(): Promise<{ files: { path: string }[]; sessions: number; indexing: boolean } | undefined>;
  timelines(): { uri: string; sessions?: number; bars?: number }[];
}

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

async function bundleReady(): Promise<void> {
  const api = (await activateExtension()).exports as Api;
  await waitFor('the bundle to index the rotated samples', () => api.bundleStatus(),
    (s) => !!s && !s.indexing && s.files.filter((f) => /rotated/.test(f.path)).length === 3, 60_000);
}

suite('Bundle: sessions across rotated files', () => {
  suiteSetup(bundleReady);

  test('the newest file has no "no START in this file" diagnostic; its lenses name the older files', async () => {
    // Control: the same text outside the bundle (an untitled copy) does get the diagnostic.
    const original = await openSample('rotated/messages', 'bluecedar-log');
    const copy = await vscode.workspace.openTextDocument({ language: 'bluecedar-log', content: original.getText() });
    await waitFor('the orphan diagnostics of the copy', () => vscode.languages.getDiagnostics(copy.uri),
      (d) => d.filter((x) => codeOf(x) === 'stop-without-start').length === 2);
    // The file itself: once its lenses point into the older files, its diagnostics are final (the server
    // publishes them when the document opens, before it answers the lens request).
    const lenses = await waitFor('lenses of rotated/messages naming messages.1', () =>
      vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', original.uri, 100),
    (l) => (l ?? []).filter((x) => /^← START in messages\.1 \(line \d+/.test(x.command?.title ?? '')).length === 2);
    // Two session lenses (each STOP also has a "show only this session" lens of the filtered views).
    assert.strictEqual(lenses!.filter((l) => l.command?.command !== 'gatewayLogs.filter.showSession').length, 2);
    const codes = vscode.languages.getDiagnostics(original.uri).map(codeOf);
    assert.ok(!codes.includes('stop-without-start'), codes.join(', '));
  });

  test('F12 on a STOP opens its START in the older plain file', async () => {
    const doc = await openSample('rotated/messages', 'bluecedar-log');
    const at = positionOf(doc, /Session STOP \{\n\s+"sessionId": \{\n\s+"username": "bokafor"/);
    const targets = await waitFor('the definition of bokafor\'s STOP', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at), (t) => (t?.length ?? 0) > 0);
    const target = targetOf(targets![0]);
    assert.match(target.uri.path, /rotated\/messages\.1$/);
    const older = await vscode.workspace.openTextDocument(target.uri);
    const text = older.getText(new vscode.Range(target.range.start.line, 0, target.range.start.line + 6, 0));
    assert.match(text, /Session START \{[\s\S]*"username": "bokafor"/);
  });

  test('F12 from a STOP whose START is gzipped opens a window onto the .gz, with every feature', async () => {
    const doc = await openSample('rotated/messages.1', 'bluecedar-log');
    const at = positionOf(doc, /Session STOP \{"sessionId":\{"username":"nkowalski"/);
    const targets = await waitFor('the definition of nkowalski\'s first STOP', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at), (t) => (t?.length ?? 0) > 0);
    const target = targetOf(targets![0]);
    assert.strictEqual(target.uri.scheme, 'gateway-log-window');
    assert.match(target.uri.path, /messages\.2\.gz/);
    const window = await vscode.workspace.openTextDocument(target.uri);
    assert.strictEqual(window.languageId, 'bluecedar-log');
    assert.match(window.getText(new vscode.Range(target.range.start.line, 0, target.range.start.line + 5, 0)), /Session START \{[\s\S]*"username": "nkowalski"/);
    // A hover works in the window like in any log.
    const hover = await waitFor('a hover in the window', () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', window.uri, positionOf(window, 'Sev:', 1)), (h) => (h?.length ?? 0) > 0);
    assert.match(hoverText(hover), /Severity/);
  });

  test('Go to Symbol in Workspace finds a user\'s sessions in two files', async () => {
    const symbols = await waitFor('workspace symbols for nkowalski', () =>
      vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'nkowalski'), (s) => (s?.length ?? 0) >= 2);
    const files = new Set(symbols!.map((s) => s.containerName.split(' · ')[0]));
    assert.deepStrictEqual([...files].sort(), ['messages.1', 'messages.2.gz']);
    assert.ok(symbols!.every((s) => s.name.startsWith('nkowalski')));
  });

  test('the timeline of the bundle draws the sessions of every indexed file', async () => {
    const api = (await activateExtension()).exports as Api;
    const status = await api.bundleStatus();
    await vscode.commands.executeCommand('gatewayLogs.showBundleTimeline');
    const painted = await waitFor('the bundle timeline to paint', () => api.timelines().find((t) => /bundle/.test(t.uri)),
      (t) => t?.bars !== undefined && t.bars > 0, 60_000);
    assert.strictEqual(painted!.sessions, status!.sessions, 'one bar per session of the bundle');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
