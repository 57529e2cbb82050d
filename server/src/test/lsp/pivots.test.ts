/**
 * Over stdio: Find All References on a username and on an IP address return every entry carrying
 * it (issue 17, item 2). The expected entries come from cutting the text into entries here, by the
 * header pattern, and matching each entry's text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { REPO_ROOT, startServer, TestClient } from './lspClient';

const GATEWAY = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'gateway.log'), 'utf8');
const AUDIT = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'audit.log'), 'utf8');
const GATEWAY_URI = 'file:///samples/gateway.log';
const AUDIT_URI = 'file:///samples/audit.log';

interface Block {
  firstLine: number;
  lastLine: number;
  text: string;
}

/** The text cut into entries: each starts on a line that starts a header (`header`), up to the next. */
function blocks(text: string, header: RegExp): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  lines.forEach((line, i) => {
    if (header.test(line) || out.length === 0) {
      out.push({ firstLine: i, lastLine: i, text: line });
    } else {
      const last = out[out.length - 1];
      last.lastLine = i;
      last.text += '\n' + line;
    }
  });
  return out;
}

const BLUECEDAR_HEADER = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d/;
const OAG_HEADER = /^\d{4}-\d\d-\d\dT/;

function position(text: string, needle: string, shift: number): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `${needle} is in the sample`);
  const before = text.slice(0, at + shift);
  return { line: before.split('\n').length - 1, character: at + shift - (before.lastIndexOf('\n') + 1) };
}

/** Which blocks the locations fall in, in order. */
function blocksOf(all: Block[], locations: Location[]): number[] {
  return locations.map((l) => all.findIndex((b) => b.firstLine <= l.range.start.line && l.range.start.line <= b.lastLine));
}

describe('pivots over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = await startServer();
    const opened = Promise.all([client.diagnostics(GATEWAY_URI), client.diagnostics(AUDIT_URI)]);
    client.open(GATEWAY_URI, 'bluecedar-log', GATEWAY);
    client.open(AUDIT_URI, 'oag-log', AUDIT);
    await opened;
  });

  after(async () => {
    await client.stop();
  });

  const references = (uri: string, at: { line: number; character: number }): Promise<Location[]> =>
    client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at, context: { includeDeclaration: true } });

  test('references on a Blue Cedar username return every entry of that user', async () => {
    const all = blocks(GATEWAY, BLUECEDAR_HEADER);
    const expected = all.flatMap((b, i) => (/"username"\s*:\s*"tnguyen"/.test(b.text) ? [i] : []));
    assert.ok(expected.length >= 2);
    const found = await references(GATEWAY_URI, position(GATEWAY, '"tnguyen"', 3));
    assert.deepEqual(blocksOf(all, found), expected);
  });

  test('references on an IP address return every entry writing it, the IKE line included', async () => {
    const all = blocks(GATEWAY, BLUECEDAR_HEADER);
    const expected = all.flatMap((b, i) => (/(?<![\d.])98\.207\.113\.66(?!\d|\.\d)/.test(b.text) ? [i] : []));
    assert.ok(expected.some((i) => all[i].text.includes('[IKE]')));
    const found = await references(GATEWAY_URI, position(GATEWAY, '98.207.113.66', 4));
    assert.deepEqual(blocksOf(all, found), expected);
    assert.ok(found.every((l) => l.uri === GATEWAY_URI && l.range.end.character - l.range.start.character === '98.207.113.66'.length));
  });

  test('OAG: references on a SUBJECT and on a REMOTE_IP return every line carrying them', async () => {
    const all = blocks(AUDIT, OAG_HEADER);
    const subject = 'carol.wu@acme-corp.com';
    const bySubject = all.flatMap((b, i) => (b.text.includes(`SUBJECT="${subject}"`) ? [i] : []));
    assert.ok(bySubject.length >= 3);
    assert.deepEqual(blocksOf(all, await references(AUDIT_URI, position(AUDIT, `"${subject}"`, 2))), bySubject);
    const ip = '10.20.1.15';
    const byIp = all.flatMap((b, i) => (new RegExp(`(?<![\\d.])${ip.replace(/\./g, '\\.')}(?!\\d|\\.\\d)`).test(b.text) ? [i] : []));
    assert.ok(byIp.length >= 2);
    assert.deepEqual(blocksOf(all, await references(AUDIT_URI, position(AUDIT, `REMOTE_IP="${ip}"`, 12))), byIp);
  });
});
