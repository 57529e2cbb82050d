import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, openSample } from './helpers';

suite('Extension and language detection', () => {
  test('the extension is installed and activates', async () => {
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
  });

  test('both languages are registered', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('bluecedar-log'), 'bluecedar-log not registered');
    assert.ok(languages.includes('oag-log'), 'oag-log not registered');
  });

  test('gateway.log opens as a Blue Cedar Gateway Log although .log belongs to the Log language', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    assert.strictEqual(doc.languageId, 'bluecedar-log');
  });

  test('audit.log opens as an Okta Access Gateway Audit Log', async () => {
    const doc = await openSample('audit.log', 'oag-log');
    assert.strictEqual(doc.languageId, 'oag-log');
  });
});
