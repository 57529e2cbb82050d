'use strict';
// The grammars colour a severity (Blue Cedar `Sev:`) or a log level (OAG) as one exactly when the
// language server's vocabulary knows it, so colour and diagnostics never disagree. Needs `tsc -b`
// (the vocabulary is read from the server's compiled formats module).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { loadGrammar, tokenizeLines } = require('./tokenize');

const vocabulary = require(path.resolve(__dirname, '..', '..', 'server', 'out', 'service', 'formats', 'vocabulary.js'));

/** Scopes of the token covering the first character of `word` on the line. */
function scopesAt(grammar, line, word) {
  const at = line.lastIndexOf(word);
  const [result] = tokenizeLines(grammar, [line]).results;
  const token = result.tokens.find((t) => t.startIndex <= at && at < t.endIndex);
  return token ? token.scopes : [];
}

/** Every spelling worth trying for each word: as listed, lower case, upper case, capitalised, and near misses. */
function variants(words) {
  const out = new Set(['Unknown', 'Info', 'Warn', 'Notice', 'NOTICE', 'WARNING', 'CRITICAL', 'Emergency']);
  for (const w of words) {
    out.add(w);
    out.add(w.toLowerCase());
    out.add(w.toUpperCase());
    out.add(w[0].toUpperCase() + w.slice(1).toLowerCase());
  }
  return [...out];
}

test('Blue Cedar: Sev values coloured as severities are exactly the server\'s severities', async () => {
  const grammar = await loadGrammar('source.bluecedar-log');
  for (const value of variants(vocabulary.BLUECEDAR_SEVERITIES)) {
    const line = `Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:${value}, text`;
    const scopes = scopesAt(grammar, line, `${value}, text`).join(' ');
    const known = vocabulary.isOneOf(vocabulary.BLUECEDAR_SEVERITIES, value);
    const coloured = /\.severity\.(?!unknown)/.test(scopes);
    assert.equal(coloured, known, `Sev:${value} -> ${scopes}`);
    if (known) {
      assert.match(scopes, new RegExp(`\\.severity\\.${value.toLowerCase()}\\.`), `Sev:${value} -> ${scopes}`);
    }
  }
});

test('OAG: words coloured as log levels are exactly the server\'s levels', async () => {
  const grammar = await loadGrammar('source.oag-log');
  for (const value of variants(vocabulary.OAG_LEVELS)) {
    const line = `2020-06-24T09:40:36.000-05:00 gw ACCESS_GATEWAY WEB_CONSOLE APP - ${value} SYSTEM_APP_EVENT [REASON="CREATE"] text`;
    const scopes = scopesAt(grammar, line, `${value} SYSTEM_APP_EVENT`).join(' ');
    const known = vocabulary.isOneOf(vocabulary.OAG_LEVELS, value);
    assert.equal(/\.severity\./.test(scopes), known, `${value} -> ${scopes}`);
    if (known) {
      assert.match(scopes, new RegExp(`\\.severity\\.${value.toLowerCase()}\\.`), `${value} -> ${scopes}`);
    }
  }
});
