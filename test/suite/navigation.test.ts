import * as assert from 'assert';
import * as vscode from 'vscode';
import { openSample, targetOf, waitFor } from './helpers';
import { bluecedarSessionEvents, firstCompletePair, oagSessionEvents, SessionEvent, SessionPair } from './sessions';

type Target = { uri: vscode.Uri; range: vscode.Range };

function definitionsAt(doc: vscode.TextDocument, position: vscode.Position): Thenable<Target[]> {
  return vscode.commands
    .executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, position)
    .then((locations) => (locations ?? []).map(targetOf));
}

function referencesAt(doc: vscode.TextDocument, position: vscode.Position): Thenable<Target[]> {
  return vscode.commands
    .executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, position)
    .then((locations) => (locations ?? []).map(targetOf));
}

/** A target lands on an event when it starts between the event's header line and its keyword's line. */
function landsOn(target: Target, doc: vscode.TextDocument, event: SessionEvent): boolean {
  const keywordLine = doc.positionAt(event.keywordOffset).line;
  return (
    target.uri.toString() === doc.uri.toString() &&
    target.range.start.line >= event.headerLine &&
    target.range.start.line <= keywordLine
  );
}

function describePair(doc: vscode.TextDocument, pair: SessionPair): string {
  return `session ${pair.start.key} (start line ${pair.start.headerLine + 1}, stop line ${pair.stop.headerLine + 1}) of ${doc.uri.path}`;
}

async function checkPairNavigation(doc: vscode.TextDocument, pair: SessionPair): Promise<void> {
  const onStop = doc.positionAt(pair.stop.keywordOffset + 2);
  const fromStop = await waitFor(
    `the definition from the stop event of ${describePair(doc, pair)}`,
    () => definitionsAt(doc, onStop),
    (targets) => targets.length > 0,
  );
  assert.ok(
    fromStop.some((t) => landsOn(t, doc, pair.start)),
    `definition should land on line ${pair.start.headerLine + 1}; got lines ${fromStop.map((t) => t.range.start.line + 1).join(', ')}`,
  );

  const onStart = doc.positionAt(pair.start.keywordOffset + 2);
  const fromStart = await waitFor(
    `the definition from the start event of ${describePair(doc, pair)}`,
    () => definitionsAt(doc, onStart),
    (targets) => targets.length > 0,
  );
  assert.ok(
    fromStart.some((t) => landsOn(t, doc, pair.stop)),
    `definition should land on line ${pair.stop.headerLine + 1}; got lines ${fromStart.map((t) => t.range.start.line + 1).join(', ')}`,
  );
}

suite('Session navigation', () => {
  test('Blue Cedar: definition goes from Session STOP to its Session START and back', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    await checkPairNavigation(doc, firstCompletePair(bluecedarSessionEvents(doc)));
  });

  test('Blue Cedar: references list every event of the session, the start and the stop among them', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const pair = firstCompletePair(bluecedarSessionEvents(doc));
    const references = await waitFor(
      `references of ${describePair(doc, pair)}`,
      () => referencesAt(doc, doc.positionAt(pair.stop.keywordOffset + 2)),
      (targets) => targets.length >= 2,
    );
    assert.ok(references.some((t) => landsOn(t, doc, pair.start)), 'the start event is not among the references');
    assert.ok(references.some((t) => landsOn(t, doc, pair.stop)), 'the stop event is not among the references');
  });

  test('OAG: definition goes from USER_LOGOUT to the USER_LOGIN of the same SESSION_ID and back', async () => {
    const doc = await openSample('audit.log', 'oag-log');
    await checkPairNavigation(doc, firstCompletePair(oagSessionEvents(doc)));
  });

  test('OAG: references list several events of the session', async () => {
    const doc = await openSample('audit.log', 'oag-log');
    const pair = firstCompletePair(oagSessionEvents(doc));
    const references = await waitFor(
      `references of ${describePair(doc, pair)}`,
      () => referencesAt(doc, doc.positionAt(pair.start.keywordOffset + 2)),
      (targets) => targets.length >= 2,
    );
    assert.ok(references.some((t) => landsOn(t, doc, pair.start)), 'the login is not among the references');
    assert.ok(references.some((t) => landsOn(t, doc, pair.stop)), 'the logout is not among the references');
  });

  test('the Go to Paired Event command moves the cursor from the stop to the start event', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const pair = firstCompletePair(bluecedarSessionEvents(doc));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const onStop = doc.positionAt(pair.stop.keywordOffset + 2);
    // Wait until the server can answer before the command runs.
    await waitFor('the server to answer a definition', () => definitionsAt(doc, onStop), (t) => t.length > 0);
    editor.selection = new vscode.Selection(onStop, onStop);
    await vscode.commands.executeCommand('gatewayLogs.goToPairedEvent');
    const line = await waitFor(
      'the cursor to move to the start event',
      () => vscode.window.activeTextEditor?.selection.active.line,
      (l) => l !== undefined && l >= pair.start.headerLine && l <= doc.positionAt(pair.start.keywordOffset).line,
      10000,
    );
    assert.ok(line! < onStop.line);
  });
});
