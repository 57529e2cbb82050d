import * as assert from 'assert';
import * as vscode from 'vscode';
import { BLUECEDAR_ENTRY_START, entriesOf, openSample, waitFor } from './helpers';
import { bluecedarSessionEvents, oagSessionEvents } from './sessions';

function codeLenses(doc: vscode.TextDocument): Thenable<vscode.CodeLens[]> {
  // Resolve every lens so that its command (title) is filled in.
  return vscode.commands
    .executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 1000)
    .then((lenses) => lenses ?? []);
}

function foldingRanges(doc: vscode.TextDocument): Thenable<vscode.FoldingRange[]> {
  return vscode.commands
    .executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri)
    .then((ranges) => ranges ?? []);
}

suite('CodeLens and folding', () => {
  test('Blue Cedar: every Session START carries a CodeLens with a title', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const starts = bluecedarSessionEvents(doc).filter((e) => e.kind === 'start');
    const lenses = await waitFor('CodeLenses of gateway.log', () => codeLenses(doc), (l) => l.length > 0);
    for (const start of starts) {
      const keywordLine = doc.positionAt(start.keywordOffset).line;
      const lens = lenses.find((l) => l.range.start.line >= start.headerLine && l.range.start.line <= keywordLine);
      assert.ok(lens, `no CodeLens on the Session START at line ${start.headerLine + 1}`);
      assert.ok(lens.command?.title, `the CodeLens at line ${start.headerLine + 1} has no title`);
    }
  });

  test('jump lenses run the client\'s reveal command; a lens that only informs runs the server\'s', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const lenses = await waitFor('CodeLenses of gateway.log', () => codeLenses(doc), (l) => l.length > 0);
    const jump = lenses.find((l) => l.command?.title.startsWith('→ STOP'));
    assert.strictEqual(jump?.command?.command, 'gatewayLogs.revealEntry');
    const inform = lenses.find((l) => l.command?.title.startsWith('no START'));
    assert.strictEqual(inform?.command?.command, 'gatewayLogs.server.describeSession');
    // Every lens command exists in this window: the server's are registered by the language client.
    const known = new Set(await vscode.commands.getCommands(true));
    for (const lens of lenses) {
      assert.ok(known.has(lens.command!.command), `lens command ${lens.command!.command} is not registered`);
    }
  });

  test('OAG: USER_LOGIN lines carry a CodeLens', async () => {
    const doc = await openSample('audit.log', 'oag-log');
    const logins = oagSessionEvents(doc).filter((e) => e.kind === 'start');
    assert.ok(logins.length > 0, 'the sample has no USER_LOGIN');
    const lenses = await waitFor('CodeLenses of audit.log', () => codeLenses(doc), (l) => l.length > 0);
    const lensLines = new Set(lenses.map((l) => l.range.start.line));
    assert.ok(lensLines.has(logins[0].headerLine), `no CodeLens on the USER_LOGIN at line ${logins[0].headerLine + 1}`);
  });

  test('Blue Cedar: every multi-line entry folds from its header to its last line', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const multiLine = entriesOf(doc, BLUECEDAR_ENTRY_START).filter((e) => e.lastLine > e.headerLine);
    assert.ok(multiLine.length > 0, 'the sample has no multi-line entry');
    const ranges = await waitFor('folding ranges of gateway.log', () => foldingRanges(doc), (r) => r.length > 0);
    for (const entry of multiLine) {
      const range = ranges.find((r) => r.start === entry.headerLine);
      assert.ok(range, `no folding range starts at the entry header on line ${entry.headerLine + 1}`);
      assert.strictEqual(range.end, entry.lastLine, `the entry at line ${entry.headerLine + 1} should fold to line ${entry.lastLine + 1}`);
    }
  });
});
