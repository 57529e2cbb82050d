/**
 * Another editor, for real: Debian's headless Neovim starts the built server, opens the sample logs
 * with the filetype Neovim gives them by itself (none for `*.log`), and gets diagnostics, hover,
 * document symbols and definition. `npm run install:vscode` installs Neovim with the other Debian
 * packages the tests need.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, SERVER_PATH } from './lspClient';

const NVIM = process.env.GLT_NVIM ?? 'nvim';
const SCRIPT = path.join(REPO_ROOT, 'test', 'neovim', 'lsp-check.lua');

interface NeovimResult {
  filetype: string;
  diagnosticsArrived: boolean;
  diagnostics: { line: number; severity: number; message: string; code?: string }[];
  answers: { method: string; result: any; error: unknown }[];
  failure?: string;
}

interface Request {
  method: string;
  line?: number;
  character?: number;
}

function runNeovim(sample: string, requests: (text: string) => Request[]): { result: NeovimResult; text: string } {
  const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, `Neovim is needed for this test (run npm run install:vscode): ${version.error ?? version.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-nvim-'));
  try {
    // A plain copy under its usual name, as a user would open it.
    const file = path.join(dir, path.basename(sample));
    fs.copyFileSync(path.join(REPO_ROOT, 'samples', sample), file);
    const text = fs.readFileSync(file, 'utf8');
    const out = path.join(dir, 'result.json');
    const run = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env, GLT_NODE: process.execPath, GLT_SERVER: SERVER_PATH, GLT_FILE: file, GLT_OUT: out,
        GLT_REQUESTS: JSON.stringify(requests(text)), XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir,
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${run.status}, ${run.stderr}${run.stdout})`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
    assert.equal(result.failure, undefined, `the Neovim script failed: ${result.failure}`);
    return { result, text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

test('Neovim: a Blue Cedar log with Neovim\'s own filetype gets diagnostics, hover, symbols and definition', () => {
  const { result, text } = runNeovim('gateway.log', (t) => {
    const sevLine = lineOf(t, 'Sev:Informational');
    const stopHeader = lineOf(t, 'Session STOP {"sessionId":{"username":"akim"') - 1;
    return [
      { method: 'textDocument/hover', line: sevLine, character: t.split('\n')[sevLine].indexOf('Sev:') },
      { method: 'textDocument/documentSymbol' },
      { method: 'textDocument/definition', line: stopHeader, character: 3 },
    ];
  });
  assert.equal(result.filetype, '', 'Neovim gives *.log files no filetype of its own');
  assert.ok(result.diagnosticsArrived, 'diagnostics were published');
  const orphan = result.diagnostics.find((d) => d.code === 'stop-without-start');
  assert.ok(orphan, `the session checks ran: ${JSON.stringify(result.diagnostics.map((d) => d.code))}`);
  assert.match(text.split('\n').slice(orphan.line, orphan.line + 2).join('\n'), /Session STOP/);
  const [hover, symbols, definition] = result.answers;
  assert.match(hover.result.contents.value, /\*\*Severity\*\*/);
  assert.ok(symbols.result.some((s: { name: string }) => /akim/.test(s.name)), 'the sessions are in the outline');
  assert.equal(definition.result.length, 1);
  const target = definition.result[0].range.start.line;
  assert.match(text.split('\n').slice(target, target + 2).join('\n'), /Session START\s+\{"sessionId":\{"username":"akim"/);
});

/** The first logout line whose session's login is earlier in the text. */
function pairedLogoutLine(text: string): number {
  const lines = text.split('\n');
  return lines.findIndex((line, i) => {
    const id = /USER_LOGOUT \[SESSION_ID="([^"]+)"/.exec(line)?.[1];
    return id !== undefined && lines.slice(0, i).some((l) => /USER_(LOGIN|AUTHN) /.test(l) && l.includes(`SESSION_ID="${id}"`));
  });
}

test('Neovim: an OAG audit log is recognised by its content too', () => {
  const { result, text } = runNeovim('audit.log', (t) => {
    const logout = pairedLogoutLine(t);
    return [
      { method: 'textDocument/hover', line: logout, character: t.split('\n')[logout].indexOf('USER_LOGOUT') },
      { method: 'textDocument/documentSymbol' },
      { method: 'textDocument/definition', line: logout, character: 2 },
    ];
  });
  assert.ok(result.diagnosticsArrived);
  const [hover, symbols, definition] = result.answers;
  assert.match(hover.result.contents.value, /log(ged)? out/i);
  assert.ok(symbols.result.length > 5);
  const target = definition.result[0].range.start.line;
  assert.match(text.split('\n')[target], /USER_LOGIN|USER_AUTHN/);
});

/** The Lua block that follows `heading` in the README, with the server's path put in. */
function readmeConfig(heading: string): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `the README has no "${heading}"`);
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `no Lua block after "${heading}"`);
  assert.ok(block[1].includes("'node', '/path/to/gateway-log-tools/dist/server.js'"), 'the README starts the server with node and dist/server.js');
  return block[1].replace("'node', '/path/to/gateway-log-tools/dist/server.js'", `${JSON.stringify(process.execPath)}, ${JSON.stringify(SERVER_PATH)}`);
}

test('Neovim 0.7: the README\'s configuration, as written, on a fresh config gives diagnostics, hover, definition, references, symbols, workspace symbols and lenses', () => {
  const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, `Neovim is needed for this test (run npm run install:vscode): ${version.error ?? version.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-nvim-readme-'));
  try {
    // A folder of logs as a user has it (the samples, rotated files included), Neovim started in it.
    const logs = path.join(dir, 'logs');
    fs.cpSync(path.join(REPO_ROOT, 'samples'), logs, { recursive: true });
    const config = path.join(dir, 'config');
    fs.mkdirSync(path.join(config, 'nvim'), { recursive: true });
    fs.writeFileSync(path.join(config, 'nvim', 'init.lua'), readmeConfig('**Neovim 0.7**'));
    const text = fs.readFileSync(path.join(logs, 'gateway.log'), 'utf8');
    const lines = text.split('\n');
    const sevLine = lineOf(text, 'Sev:Informational');
    const stopHeader = lineOf(text, 'Session STOP {"sessionId":{"username":"akim"') - 1;
    const out = path.join(dir, 'result.json');
    const run = spawnSync(NVIM, ['--headless', '-i', 'NONE', '-n', 'gateway.log', '-c', `luafile ${path.join(REPO_ROOT, 'test', 'neovim', 'readme-check.lua')}`], {
      cwd: logs,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env, GLT_OUT: out, GLT_QUERY: 'nkowalski',
        GLT_REQUESTS: JSON.stringify([
          { method: 'textDocument/hover', line: sevLine, character: lines[sevLine].indexOf('Sev:') },
          { method: 'textDocument/definition', line: stopHeader, character: 3 },
          { method: 'textDocument/references', line: stopHeader, character: 3 },
          { method: 'textDocument/documentSymbol' },
        ]),
        XDG_CONFIG_HOME: config, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir,
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${run.status}, ${run.stderr}${run.stdout})`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(result.failure, undefined, `the Neovim script failed: ${result.failure}`);
    assert.ok(result.diagnosticsArrived, 'diagnostics were published');
    assert.ok(result.diagnostics.some((d: { code?: string }) => d.code === 'stop-without-start'), JSON.stringify(result.diagnostics));
    const [hover, definition, references, symbols] = result.answers;
    assert.match(hover.result.contents.value, /\*\*Severity\*\*/);
    const target = definition.result[0].range.start.line;
    assert.match(lines.slice(target, target + 2).join('\n'), /Session START\s+\{"sessionId":\{"username":"akim"/);
    const referenced = references.result.map((r: { range: { start: { line: number } } }) => r.range.start.line);
    const within = (header: number): boolean => referenced.some((l: number) => l === header || l === header + 1);
    assert.ok(within(target) && within(stopHeader), `references of akim's session (START ${target}, STOP ${stopHeader}): ${referenced}`);
    assert.ok(symbols.result.some((s: { name: string }) => /akim/.test(s.name)), 'the sessions are in the outline');
    // nkowalski's sessions are in the rotated files only: found through the bundle of the folder.
    const found = result.workspaceSymbols.result ?? [];
    assert.ok(found.some((s: { name: string; location: { uri: string } }) => /nkowalski/.test(s.name) && /rotated/.test(s.location.uri)),
      `workspace symbols for nkowalski: ${JSON.stringify(found).slice(0, 400)}`);
    assert.ok(result.lensesShown && result.lenses.length > 5, `lenses Neovim shows: ${result.lenses?.length}`);
    assert.ok(result.ranLens, 'a lens that jumps to the other end of a session');
    // Neovim 0.7 cannot open documents for the server: it is told the line instead.
    assert.ok(result.messages.some((m: string) => /line \d+/.test(m)), `messages after running the lens: ${JSON.stringify(result.messages)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Neovim 0.8+: the README\'s configuration is valid Lua (Neovim 0.7 cannot run it: it is parsed only)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-nvim-parse-'));
  try {
    const file = path.join(dir, 'init.lua');
    fs.writeFileSync(file, readmeConfig('**Neovim 0.8 or later**'));
    const run = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c',
      `lua local f, e = loadfile(${JSON.stringify(file)}); io.stdout:write(f and 'parsed' or ('error: ' .. e)); vim.cmd('qa!')`], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(`${run.stdout}${run.stderr}`.trim(), 'parsed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
