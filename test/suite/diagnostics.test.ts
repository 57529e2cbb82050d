import * as assert from 'assert';
import * as vscode from 'vscode';
import { offsetOf, openSample, waitFor } from './helpers';

const SOURCE = 'gateway-logs';

function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function errorsOn(diagnostics: vscode.Diagnostic[], lines: number[]): vscode.Diagnostic[] {
  return diagnostics.filter(
    (d) => d.severity === vscode.DiagnosticSeverity.Error && lines.some((l) => d.range.start.line <= l && l <= d.range.end.line),
  );
}

function lineOf(doc: vscode.TextDocument, needle: string | RegExp): number {
  return doc.positionAt(offsetOf(doc.getText(), needle)).line;
}

function describe(diagnostics: vscode.Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`)
    .join('; ');
}

suite('Diagnostics', () => {
  test('broken-gateway.log: an Error where a comma is missing in a JSON payload', async () => {
    const doc = await openSample('malformed/broken-gateway.log', 'bluecedar-log');
    // The key after `"version":"12"` (which lacks its comma) starts on the next line.
    const versionLine = lineOf(doc, /"version":"12"\s*$/m);
    const diagnostics = await waitFor(
      'diagnostics of broken-gateway.log',
      () => ourDiagnostics(doc.uri),
      (d) => errorsOn(d, [versionLine, versionLine + 1]).length > 0,
    );
    const error = errorsOn(diagnostics, [versionLine, versionLine + 1])[0];
    const nextKey = doc.lineAt(versionLine + 1).text.indexOf('"securityPatchVersion"');
    const atNextKey = error.range.start.line === versionLine + 1 && error.range.start.character === nextKey;
    const afterValue = error.range.start.line === versionLine && error.range.start.character >= doc.lineAt(versionLine).text.trimEnd().length;
    assert.ok(atNextKey || afterValue, `the error should point at the next key or right after "12": ${describe([error])}`);
  });

  test('broken-gateway.log: an Error on the Python spelling False, none on the sparse but valid Policy REJECT', async () => {
    const doc = await openSample('malformed/broken-gateway.log', 'bluecedar-log');
    const falseLine = lineOf(doc, '"jailbroken":False');
    const sparseLine = lineOf(doc, '"remediation"');
    const diagnostics = await waitFor(
      'an Error on the line with False',
      () => ourDiagnostics(doc.uri),
      (d) => errorsOn(d, [falseLine]).length > 0,
    );
    const falseColumn = doc.lineAt(falseLine).text.indexOf('False');
    assert.ok(
      errorsOn(diagnostics, [falseLine]).some((d) => d.range.contains(new vscode.Position(falseLine, falseColumn + 1))),
      `the error should cover False: ${describe(errorsOn(diagnostics, [falseLine]))}`,
    );
    assert.deepStrictEqual(errorsOn(diagnostics, [sparseLine]).map((d) => d.message), [], 'valid sparse JSON must not be an Error');
  });

  test('broken-audit.log: an Error where the structured data is never closed', async () => {
    const doc = await openSample('malformed/broken-audit.log', 'oag-log');
    const lastLine = lineOf(doc, '[USER="oag-mgmt" Shutting down system.');
    const diagnostics = await waitFor(
      'an Error on the last line of broken-audit.log',
      () => ourDiagnostics(doc.uri),
      (d) => errorsOn(d, [lastLine]).length > 0,
    );
    assert.ok(errorsOn(diagnostics, [lastLine]).length > 0, describe(diagnostics));
  });

  test('gateway.log, which is well-formed, has no Error diagnostics', async () => {
    const broken = await openSample('malformed/broken-gateway.log', 'bluecedar-log');
    await waitFor('diagnostics of broken-gateway.log', () => ourDiagnostics(broken.uri), (d) => d.length > 0);
    const doc = await openSample('gateway.log', 'bluecedar-log');
    // Once the server has answered a request about the document it has analysed it
    // and published its diagnostics (it publishes on open, before answering).
    await waitFor(
      'document symbols of gateway.log',
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri),
      (s) => (s?.length ?? 0) > 0,
    );
    const errors = ourDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(describe(errors), '', 'gateway.log should have no Error diagnostics');
  });
});
