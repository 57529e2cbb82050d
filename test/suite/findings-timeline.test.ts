// In-editor checks of the findings and the timeline on the packaged extension: the sample's
// jailbroken session and REJECT burst in the Problems, the Outline and the hover; the timeline
// command draws the sample's sessions and a webview message reveals a line in the log's editor.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, BLUECEDAR_ENTRY_START, entriesOf, hoverAt, hoverText, openSample, waitFor } from './helpers';
import { bluecedarSessionEvents } from './sessions';

interface TimelineState {
  uri: string;
  sessions?: number;
  bars?: number;
  firstPaintMs?: number;
}

interface Api {
  timelines(): TimelineState[];
}

function findings(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gateway-logs' && String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('finding-'));
}

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

suite('Findings and timeline', () => {
  test('gateway.log: the jailbroken-device session and the REJECT burst are in the Problems, on their events', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const list = await waitFor('findings of gateway.log', () => findings(doc.uri), (d) => d.some((x) => codeOf(x) === 'finding-failure-burst'));
    const entries = entriesOf(doc, BLUECEDAR_ENTRY_START);
    const jailbroken = list.find((d) => codeOf(d) === 'finding-jailbroken-allowed');
    assert.ok(jailbroken, 'no jailbroken-device finding');
    const tnguyenStart = entries.find((e) => /Session START/.test(e.text) && /"username":"tnguyen"/.test(e.text));
    assert.ok(tnguyenStart && jailbroken.range.start.line >= tnguyenStart.headerLine && jailbroken.range.start.line <= tnguyenStart.lastLine);
    assert.strictEqual(jailbroken.severity, vscode.DiagnosticSeverity.Warning);
    const burst = list.find((d) => codeOf(d) === 'finding-failure-burst')!;
    const rejects = entries.filter((e) => /Policy REJECT/.test(e.text) && /"username":"mreyes"/.test(e.text));
    assert.strictEqual(rejects.length, 5);
    assert.deepStrictEqual(burst.relatedInformation?.map((r) => r.location.range.start.line), rejects.map((e) => e.headerLine));
    const hover = hoverText(await hoverAt(doc, burst.range.start.translate(0, 2)));
    assert.match(hover, /Finding: Burst of rejections/);
    assert.match(hover, new RegExp(`line ${rejects[0].headerLine + 1} · 23:15:27`));
  });

  test('the Outline has a Findings group naming tnguyen', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const symbols = await waitFor('a Findings group in the outline',
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri),
      (s) => (s ?? []).some((x) => x.name.startsWith('Findings')));
    const group = symbols!.find((x) => x.name.startsWith('Findings'))!;
    assert.ok(group.children.some((c) => /Jailbroken device allowed: tnguyen/.test(c.name)), group.children.map((c) => c.name).join(' | '));
  });

  test('Show Timeline draws a bar for each session of gateway.log', async () => {
    const extension = await activateExtension();
    const api = extension.exports as Api;
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const sessions = new Set(bluecedarSessionEvents(doc).map((e) => e.key.split('/')[1]));
    await vscode.commands.executeCommand('gatewayLogs.showTimeline');
    const state = await waitFor('the timeline to be painted',
      () => api.timelines().find((t) => t.uri === doc.uri.toString()),
      (t) => t?.firstPaintMs !== undefined, 60000);
    assert.strictEqual(state!.sessions, sessions.size);
    assert.strictEqual(state!.bars, sessions.size);
  });

  test('Show Timeline on a document that is not a log says so and opens nothing', async () => {
    await activateExtension();
    const doc = await vscode.workspace.openTextDocument({ content: 'just text', language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
    const shown = await vscode.commands.executeCommand<boolean>('gatewayLogs.showTimeline');
    assert.strictEqual(shown, false);
  });
});
