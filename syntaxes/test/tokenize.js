'use strict';
// Loads the extension's TextMate grammars with the same engine VS Code uses
// (vscode-textmate + the Oniguruma WebAssembly build) and tokenizes text.
// Shared by the grammar hang guard and the benchmarks.

const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const SYNTAXES_DIR = path.resolve(__dirname, '..');

/** scopeName -> grammar file, for the grammars this extension contributes. */
const GRAMMAR_FILES = {
  'source.bluecedar-log': path.join(SYNTAXES_DIR, 'bluecedar-log.tmLanguage.json'),
  'source.oag-log': path.join(SYNTAXES_DIR, 'oag-log.tmLanguage.json'),
};

let onigLibPromise;
function getOnigLib() {
  if (!onigLibPromise) {
    const wasmPath = require.resolve('vscode-oniguruma/release/onig.wasm');
    const wasm = fs.readFileSync(wasmPath);
    onigLibPromise = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
  }
  return onigLibPromise;
}

let registry;
function getRegistry() {
  if (!registry) {
    registry = new vsctm.Registry({
      onigLib: getOnigLib(),
      loadGrammar: async (scopeName) => {
        const file = GRAMMAR_FILES[scopeName];
        if (!file) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
  }
  return registry;
}

/**
 * Loads one of the extension's grammars.
 * @param {'source.bluecedar-log'|'source.oag-log'} scopeName
 * @returns {Promise<import('vscode-textmate').IGrammar>}
 */
async function loadGrammar(scopeName) {
  if (!GRAMMAR_FILES[scopeName]) throw new Error(`unknown grammar ${scopeName}`);
  const grammar = await getRegistry().loadGrammar(scopeName);
  if (!grammar) throw new Error(`could not load ${scopeName}`);
  return grammar;
}

/**
 * Loads one of the extension's grammars in a registry of its own that uses a
 * colour theme, so binary tokens carry the colours the editor would show.
 * @param {string} scopeName
 * @param {import('vscode-textmate').IRawTheme} rawTheme
 * @returns {Promise<{ grammar: import('vscode-textmate').IGrammar, colorMap: string[] }>}
 */
async function loadGrammarWithTheme(scopeName, rawTheme) {
  if (!GRAMMAR_FILES[scopeName]) throw new Error(`unknown grammar ${scopeName}`);
  const themed = new vsctm.Registry({
    onigLib: getOnigLib(),
    theme: rawTheme,
    loadGrammar: async (name) => {
      const file = GRAMMAR_FILES[name];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
  const grammar = await themed.loadGrammar(scopeName);
  return { grammar, colorMap: themed.getColorMap() };
}

/** Foreground colour and font style bits of a binary token's metadata. */
function decodeStyle(metadata, colorMap) {
  return {
    foreground: colorMap[(metadata & 0x00ff8000) >>> 15],
    fontStyle: (metadata & 0x00007800) >>> 11, // 1 italic, 2 bold, 4 underline, 8 strikethrough
  };
}

/**
 * Tokenizes lines in order, carrying the rule stack from line to line like the
 * editor does.
 * @param {import('vscode-textmate').IGrammar} grammar
 * @param {string[]} lines
 * @param {{ binary?: boolean, timeLimitMs?: number, onLine?: (index: number, result: any) => void }} [options]
 *   binary: use tokenizeLine2 (what VS Code uses; no scope arrays) instead of tokenizeLine.
 *   timeLimitMs: per-line limit passed to the tokenizer (0 = none). VS Code passes a limit too.
 * @returns {{ lines: number, tokens: number, stoppedEarly: number, ruleStack: any, results?: any[] }}
 *   results (one entry per line) is only kept when onLine is not given and binary is false.
 */
function tokenizeLines(grammar, lines, options = {}) {
  const { binary = false, timeLimitMs = 0, onLine } = options;
  let ruleStack = vsctm.INITIAL;
  let tokens = 0;
  let stoppedEarly = 0;
  const results = !onLine && !binary ? [] : undefined;
  for (let i = 0; i < lines.length; i++) {
    const r = binary
      ? grammar.tokenizeLine2(lines[i], ruleStack, timeLimitMs)
      : grammar.tokenizeLine(lines[i], ruleStack, timeLimitMs);
    tokens += binary ? r.tokens.length / 2 : r.tokens.length;
    if (r.stoppedEarly) stoppedEarly++;
    ruleStack = r.ruleStack;
    if (onLine) onLine(i, r);
    else if (results) results.push(r);
  }
  return { lines: lines.length, tokens, stoppedEarly, ruleStack, results };
}

/** Splits text into lines the way the editor does (\r\n, \r or \n). */
function splitLines(text) {
  return text.split(/\r\n|\r|\n/);
}

module.exports = { GRAMMAR_FILES, loadGrammar, loadGrammarWithTheme, decodeStyle, tokenizeLines, splitLines };
