// Inspects the packaged VSIX (made by `npm run package`): it must hold the
// bundles, the documents, the icon and the grammars, nothing else, and the
// bundled language server must start from the package alone.
// Run: npm run package && node --test test/package.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsixPath = process.env.GLT_VSIX ?? path.join(root, 'dist-vsix', 'gateway-log-tools.vsix');

/** Reads a zip's central directory; returns name -> () => Buffer. */
function readZip(buffer) {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.notEqual(eocd, -1, 'VSIX is not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    assert.equal(buffer.readUInt32LE(offset), 0x02014b50, 'bad central directory entry');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, () => {
      const localNameLength = buffer.readUInt16LE(localOffset + 26);
      const localExtraLength = buffer.readUInt16LE(localOffset + 28);
      const start = localOffset + 30 + localNameLength + localExtraLength;
      const data = buffer.subarray(start, start + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`unsupported zip compression method ${method} for ${name}`);
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

let zip;
let names;
let manifest;

before(() => {
  assert.ok(existsSync(vsixPath), `${path.relative(root, vsixPath)} is missing: run "npm run package" first`);
  zip = readZip(readFileSync(vsixPath));
  names = [...zip.keys()];
  manifest = JSON.parse(zip.get('extension/package.json')().toString('utf8'));
});

const has = (name) => zip.has(name);
const findCaseInsensitive = (pattern) => names.find((n) => pattern.test(n));

test('the VSIX holds both bundles, and package.json "main" points at the client bundle', () => {
  assert.ok(has('extension/dist/extension.js'), 'dist/extension.js missing');
  assert.ok(has('extension/dist/server.js'), 'dist/server.js missing');
  // The server starts worker threads of the bundle indexer from this file, beside it.
  assert.ok(has('extension/dist/indexWorker.js'), 'dist/indexWorker.js missing');
  const main = path.posix.normalize(path.posix.join('extension', manifest.main));
  assert.ok(has(main) || has(`${main}.js`), `"main" (${manifest.main}) is not in the package`);
});

test('the VSIX holds README, CHANGELOG, LICENSE and the icon', () => {
  assert.ok(findCaseInsensitive(/^extension\/readme\.md$/i), 'README.md missing');
  assert.ok(findCaseInsensitive(/^extension\/changelog\.md$/i), 'CHANGELOG.md missing');
  assert.ok(findCaseInsensitive(/^extension\/license(\.txt|\.md)?$/i), 'LICENSE missing');
  assert.ok(manifest.icon, 'package.json has no "icon"');
  const icon = zip.get(`extension/${manifest.icon}`);
  assert.ok(icon, `icon ${manifest.icon} missing`);
  const png = icon();
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'icon is not a PNG');
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'icon is smaller than 128x128');
});

test('the packaged manifest declares it runs in Restricted Mode and says why virtual workspaces are not supported', () => {
  // Untrusted logs are opened exactly in Restricted Mode; the extension runs nothing from the workspace.
  assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
  // The document selector takes `file` and `untitled` documents only: saying so beats failing silently.
  assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, false);
  assert.ok((manifest.capabilities?.virtualWorkspaces?.description ?? '').length > 20, 'a description says why');
});

test('every grammar and language configuration named in package.json is packaged', () => {
  const grammars = manifest.contributes?.grammars ?? [];
  const languages = manifest.contributes?.languages ?? [];
  assert.ok(grammars.length >= 2, 'expected a grammar for each of the two languages');
  for (const grammar of grammars) {
    const entry = path.posix.normalize(path.posix.join('extension', grammar.path));
    assert.ok(has(entry), `grammar ${grammar.path} missing`);
    JSON.parse(zip.get(entry)().toString('utf8'));
  }
  for (const language of languages) {
    if (!language.configuration) continue;
    const entry = path.posix.normalize(path.posix.join('extension', language.configuration));
    assert.ok(has(entry), `language configuration ${language.configuration} missing`);
  }
  const ids = languages.map((l) => l.id);
  assert.ok(ids.includes('bluecedar-log') && ids.includes('oag-log'), `languages: ${ids.join(', ')}`);
});

test('the VSIX holds no sources, tests, samples, source maps or node_modules', () => {
  const allowed = [
    /^\[Content_Types\]\.xml$/,
    /^extension\.vsixmanifest$/,
    /^extension\/package\.json$/,
    /^extension\/(readme|changelog)\.md$/i,
    /^extension\/license(\.txt|\.md)?$/i,
    /^extension\/images\/[^/]+\.png$/,
    /^extension\/dist\/(extension|server|indexWorker)\.js$/,
    /^extension\/dist\/webview\/timeline\.js$/,
    /^extension\/media\/timeline\.css$/,
    /^extension\/syntaxes\/[^/]+\.tmLanguage\.json$/,
    /^extension\/language-configuration(\/[^/]+)?\.json$/,
  ];
  const unexpected = names.filter((n) => !n.endsWith('/') && !allowed.some((re) => re.test(n)));
  assert.deepEqual(unexpected, [], 'files that do not belong in the package');
  assert.ok(!names.some((n) => n.includes('node_modules/')), 'node_modules packaged');
  assert.ok(!names.some((n) => /\.ts$/.test(n)), 'TypeScript sources packaged');
});

test('the timeline webview is packaged: its script bundle (browser code, nothing to require) and its stylesheet', () => {
  assert.ok(has('extension/dist/webview/timeline.js'), 'dist/webview/timeline.js missing');
  assert.ok(has('extension/media/timeline.css'), 'media/timeline.css missing');
  const script = zip.get('extension/dist/webview/timeline.js')().toString('utf8');
  assert.doesNotMatch(script, /\brequire\(\s*["']/, 'the webview bundle must not require modules');
  assert.doesNotMatch(script, /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/, 'the webview must not build HTML from strings');
  assert.match(script, /acquireVsCodeApi/);
  const css = zip.get('extension/media/timeline.css')().toString('utf8');
  assert.doesNotMatch(css, /url\(\s*['"]?https?:/i, 'the stylesheet loads nothing remote');
  const commands = manifest.contributes.commands.map((c) => c.command);
  assert.ok(commands.includes('gatewayLogs.showTimeline'), 'the Show Timeline command is contributed');
});

test('the bundles require nothing but Node built-ins and vscode', () => {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/indexWorker.js']) {
    const code = zip.get(bundle)().toString('utf8');
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    const foreign = [...new Set(required)].filter((m) => !builtins.has(m) && m !== 'vscode');
    assert.deepEqual(foreign, [], `${bundle} requires modules that are not in the package`);
  }
  const server = zip.get('extension/dist/server.js')().toString('utf8');
  assert.ok(!/\brequire\(\s*["']vscode["']\s*\)/.test(server), 'the server bundle must not need vscode');
});

test('the packaged language server starts alone and answers initialize over stdio', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'glt-vsix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const serverFile = path.join(dir, 'server.js');
  writeFileSync(serverFile, zip.get('extension/dist/server.js')());
  const child = spawn(process.execPath, [serverFile, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill());
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const response = await new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no initialize answer within 15 s; stderr: ${stderr}`)), 15000);
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}; stderr: ${stderr}`));
    });
    child.stdout.on('data', (data) => {
      buffered = Buffer.concat([buffered, data]);
      for (;;) {
        const headerEnd = buffered.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffered.subarray(0, headerEnd).toString())?.[1]);
        if (buffered.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffered.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
        buffered = buffered.subarray(headerEnd + 4 + length);
        if (message.id === 1) { clearTimeout(timer); resolve(message); return; }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
  assert.ok(response.result?.capabilities, `initialize answered without capabilities: ${JSON.stringify(response)}`);
  const caps = response.result.capabilities;
  assert.ok(caps.hoverProvider, 'no hover capability');
  assert.ok(caps.documentSymbolProvider, 'no document symbol capability');
  send({ id: 2, method: 'shutdown' });
  send({ method: 'exit' });
});
