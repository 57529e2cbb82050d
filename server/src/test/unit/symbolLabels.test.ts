/** Outline and Go to Symbol names say what happened, to whom and when (issue 17, item 3). */
import assert from 'node:assert/strict';
import test from 'node:test';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../../service/features/symbols';
import { clockTime } from '../../service/wording';
import { analyzeText, bcReject, oagLogin, oagLogout, readSample } from './helpers';

function flatten(symbols: DocumentSymbol[], parent?: DocumentSymbol): { symbol: DocumentSymbol; parent?: DocumentSymbol }[] {
  return symbols.flatMap((s) => [{ symbol: s, parent }, ...flatten(s.children ?? [], s)]);
}

test('every event symbol of the samples ends with its time as the log writes it', () => {
  for (const [file, format] of [['gateway.log', 'bluecedar'], ['audit.log', 'oag']] as const) {
    const analysis = analyzeText(readSample(file), format);
    const events = flatten(documentSymbols(analysis, 5000)).filter((x) => x.parent);
    assert.ok(events.length > 50);
    for (const { symbol } of events) {
      const entry = analysis.log.entries.find((e) => e.startLine === symbol.selectionRange.start.line)!;
      assert.ok(symbol.name.endsWith(` · ${clockTime(entry)}`), `${file}: ${symbol.name}`);
    }
    // Groups say their time too: a session its span, a group of loose events its first and last.
    for (const { symbol } of flatten(documentSymbols(analysis, 5000)).filter((x) => !x.parent)) {
      assert.match(symbol.detail ?? '', /\d\d:\d\d:\d\d/, `${file}: ${symbol.name}`);
    }
  }
});

test('Blue Cedar names: a Policy REJECT its user and reason, a Link Update its port and state, IKE its peer', () => {
  const analysis = analyzeText(readSample('gateway.log'), 'bluecedar');
  const names = flatten(documentSymbols(analysis, 5000)).map((x) => x.symbol.name);
  for (const expected of [
    /^Policy REJECT · mreyes · attempting login with jailbroken device · 23:15:27$/,
    /^Policy REJECT · fmartin · device failed validation · 23:31:13$/,
    /^Policy REJECT · hlopez · invalid or malformed MAC address · /,
    /^Link Update · ethernet1 down · 23:22:14$/,
    /^Link Update · ethernet0 up · /,
    /^IKE peer 98\.207\.113\.66 · 22:55:39$/,
    /^IPSEC · Installed inbound SA spi=0x18fe25af for 73\.189\.40\.7 · /,
    /^Unexpected accounting STOP · handle 0x295923e0b100 · /,
  ]) {
    assert.ok(names.some((n) => expected.test(n)), `no symbol matches ${expected}`);
  }
  // No event is named by a bare address.
  assert.ok(!names.some((n) => /^\d{1,3}(\.\d{1,3}){3} · /.test(n)));
});

test('a reason the gateway writes long is cut, and a REJECT without a user says so', () => {
  const long = 'The MDM server says: ' + 'x'.repeat(300);
  const analysis = analyzeText(bcReject(Date.UTC(2021, 10, 11, 22, 0, 0), '', long), 'bluecedar');
  const [group] = documentSymbols(analysis, 10);
  const name = group.children![0].name;
  assert.match(name, /^Policy REJECT · \(no user\) · the MDM server says: x+… · 22:00:00$/);
  assert.ok(name.length < 120);
});

test('OAG: a refused login is a refusal, not a session that never logged out', () => {
  const t = Date.UTC(2021, 8, 14, 13, 0, 0);
  const text = oagLogin(t, '_failed', 'admin', 'LOCAL', 'FAIL') + oagLogin(t + 1000, '_open', 'carol') + oagLogin(t + 2000, '_done', 'dave') + oagLogout(t + 3000, '_done', 'dave', 'Wiki');
  const analysis = analyzeText(text, 'oag');
  const tops = documentSymbols(analysis, 100);
  const refused = tops.find((s) => s.name.includes('admin'))!;
  assert.doesNotMatch(refused.name, /⚠/);
  assert.match(refused.detail!, /login refused \(VALID_CREDENTIALS\)/);
  assert.doesNotMatch(refused.detail!, /no logout/);
  const open = tops.find((s) => s.name.includes('carol'))!;
  assert.match(open.name, /^⚠ /);
  assert.match(open.detail!, /no logout in file/);
  assert.doesNotMatch(tops.find((s) => s.name.includes('dave'))!.name, /⚠/);
});
