// In-editor checks of the client's own behaviour: content detection (and the user's
// files.associations winning over it), the reveal and slice commands, restarting the server.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, currentDocument, sampleUri, waitFor } from './helpers';

async function writeSampleCopy(name: string, source: string): Promise<vscode.Uri> {
  const bytes = await vscode.workspace.fs.readFile(sampleUri(source));
  const target = sampleUri(name);
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}

suite('Client: detection and commands', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('an untitled document with Blue Cedar content is switched to bluecedar-log', async () => {
    const bytes = await vscode.workspace.fs.readFile(sampleUri('gateway.log'));
    const doc = await vscode.workspace.openTextDocument({ content: Buffer.from(bytes).toString('utf8').slice(0, 4000) });
    await waitFor('the untitled document to become bluecedar-log', () => currentDocument(doc.uri)?.languageId, (id) => id === 'bluecedar-log');
  });

  test('text pasted into an empty untitled document is detected', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const bytes = await vscode.workspace.fs.readFile(sampleUri('audit.log'));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), Buffer.from(bytes).toString('utf8').slice(0, 3000)));
    await waitFor('the pasted text to be recognised as oag-log', () => currentDocument(doc.uri)?.languageId, (id) => id === 'oag-log');
  });

  test('a language set by files.associations wins over content detection', async () => {
    const config = vscode.workspace.getConfiguration('files');
    await config.update('associations', { 'kept-as-log-*.log': 'log' }, vscode.ConfigurationTarget.Workspace);
    let covered: vscode.Uri;
    let control: vscode.Uri;
    try {
      covered = await writeSampleCopy('kept-as-log-gateway.log', 'gateway.log');
      control = await writeSampleCopy('detected-gateway.log', 'gateway.log');
      const coveredDoc = await vscode.workspace.openTextDocument(covered);
      await vscode.workspace.openTextDocument(control);
      await waitFor('the control copy to become bluecedar-log', () => currentDocument(control)?.languageId, (id) => id === 'bluecedar-log');
      assert.strictEqual(coveredDoc.languageId, 'log');
      assert.strictEqual(currentDocument(covered)?.languageId, 'log');
    } finally {
      await config.update('associations', undefined, vscode.ConfigurationTarget.Workspace);
    }
    // VS Code re-applies file associations to every open document when they change; the
    // extension detects the documents it had switched again.
    await waitFor('the control copy to be bluecedar-log again', () => currentDocument(control)?.languageId, (id) => id === 'bluecedar-log');
  });

  test('choosing Plain Text by hand sticks', async () => {
    const uri = await writeSampleCopy('chosen-plaintext.log', 'gateway.log');
    await vscode.workspace.openTextDocument(uri);
    const detected = await waitFor('the copy to become bluecedar-log', () => currentDocument(uri), (d) => d?.languageId === 'bluecedar-log');
    const plain = await vscode.languages.setTextDocumentLanguage(detected!, 'plaintext');
    // Open another log and wait for its detection: by then the extension has seen both events.
    const other = await writeSampleCopy('after-plaintext.log', 'audit.log');
    await vscode.workspace.openTextDocument(other);
    await waitFor('the other copy to become oag-log', () => currentDocument(other)?.languageId, (id) => id === 'oag-log');
    assert.strictEqual(plain.languageId, 'plaintext');
    assert.strictEqual(currentDocument(uri)?.languageId, 'plaintext');
  });

  test('gatewayLogs.revealEntry puts the cursor on the given line and shows it', async () => {
    const uri = sampleUri('gateway.log');
    await vscode.workspace.openTextDocument(uri);
    await vscode.commands.executeCommand('gatewayLogs.revealEntry', uri.toString(), 300);
    const editor = await waitFor('an editor on gateway.log', () => vscode.window.activeTextEditor, (e) => e?.document.uri.toString() === uri.toString());
    assert.strictEqual(editor!.selection.active.line, 300);
    assert.strictEqual(editor!.selection.active.character, 0);
    await waitFor('line 300 to be visible', () => vscode.window.activeTextEditor?.visibleRanges, (ranges) => !!ranges?.some((r) => r.start.line <= 300 && r.end.line >= 300));
  });

  test('gatewayLogs.openSlice opens the first part of a log as a read-only view titled with the file and its times', async () => {
    const uri = sampleUri('gateway.log');
    const original = Buffer.from(await vscode.workspace.fs.readFile(uri));
    const config = vscode.workspace.getConfiguration('gatewayLogs');
    const opened = vscode.commands.executeCommand<vscode.TextDocument | undefined>('gatewayLogs.openSlice', uri);
    let done = false;
    void opened.then(() => (done = true), () => (done = true));
    // Accept the first quick-pick item ("First N MB") once the pick is showing.
    await waitFor('the slice quick pick to be accepted', async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    }, (d) => d);
    const doc = await opened;
    assert.ok(doc, 'no slice document was opened');
    assert.strictEqual(doc!.uri.scheme, 'gateway-log-slice');
    assert.strictEqual(doc!.isUntitled, false);
    assert.strictEqual(doc!.languageId, 'bluecedar-log');
    // The sample is smaller than the slice size, so the slice is the whole file.
    assert.ok(config.get<number>('sliceSizeMB')! * 1024 * 1024 > original.length);
    assert.strictEqual(doc!.getText(), original.toString('utf8'));
    // Its tab names the file and the times it spans.
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.strictEqual(tab?.label, 'gateway.log · Oct 31 2021 22:45:00 – Nov 1 00:22:00');
    // A view, not a copy: nothing to save (the browser test checks that typing in it is refused).
    assert.strictEqual(doc!.isDirty, false);
    // The language server serves it: the outline of the view lists the sessions.
    const symbols = await waitFor('the outline of the slice view',
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc!.uri),
      (list) => (list?.length ?? 0) > 0);
    assert.ok(symbols!.some((s) => s.name.includes('dpatel')));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc!.uri.toString())),
      'the view is still open after closing it (a save prompt?)');
    const after = Buffer.from(await vscode.workspace.fs.readFile(uri));
    assert.ok(after.equals(original), 'the log file changed');
  });

  test('gatewayLogs.openSlice with a time range opens exactly the entries of that range', async () => {
    const uri = sampleUri('gateway.log');
    const original = Buffer.from(await vscode.workspace.fs.readFile(uri));
    const text = original.toString('utf8');
    // Expected: from the first entry at 22:50:00 or later to the last one at 22:55:00 or earlier.
    const headers = [...text.matchAll(/^Oct 31 2021 (\d{2}:\d{2}:\d{2})/gm)].map((m) => ({ offset: m.index!, time: m[1] }));
    const first = headers.find((h) => h.time >= '22:50:00')!;
    const next = headers.find((h) => h.time > '22:55:00')!;
    assert.ok(first && next && first.offset < next.offset, 'the sample should have entries around 22:50-22:55');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('gatewayLogs.openSlice', uri, '2021-10-31 22:50 to 22:55');
    assert.ok(doc, 'no slice document was opened');
    assert.strictEqual(doc!.uri.scheme, 'gateway-log-slice');
    assert.strictEqual(doc!.languageId, 'bluecedar-log');
    assert.strictEqual(doc!.getText(), text.slice(first.offset, next.offset));
    assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /^gateway\.log · Oct 31 2021 22:5\d:\d\d – Oct 31 2021 22:5\d:\d\d$/);
    const after = Buffer.from(await vscode.workspace.fs.readFile(uri));
    assert.ok(after.equals(original), 'the log file changed');
  });

  test('gatewayLogs.restartServer restarts the server and features come back', async () => {
    const uri = sampleUri('audit.log');
    await vscode.workspace.openTextDocument(uri);
    const doc = await waitFor('audit.log to become oag-log', () => currentDocument(uri), (d) => d?.languageId === 'oag-log');
    const symbols = () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc!.uri);
    await waitFor('symbols before the restart', symbols, (s) => (s?.length ?? 0) > 0);
    await vscode.commands.executeCommand('gatewayLogs.restartServer');
    await waitFor('symbols after the restart', symbols, (s) => (s?.length ?? 0) > 0);
  });
});
