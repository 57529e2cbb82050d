// Shared pieces of the scripts that run the extension inside a real VS Code:
// installing the offline VS Code server, packaging, installing VSIX files,
// starting the server and a headless Chromium. See scripts/install-vscode.sh.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const vscodeCache = process.env.GLT_VSCODE_CACHE || path.join(root, '.cache', 'vscode-server');
export const vscodeDir = path.join(vscodeCache, 'node_modules', 'code-server', 'lib', 'vscode');
export const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
export const productVsix = path.join(root, 'dist-vsix', 'gateway-log-tools.vsix');
export const chromiumPath = process.env.GLT_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs a command with inherited output; throws when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Installs the Debian packages and the VS Code server when missing (idempotent). */
export function ensureVSCode() {
  run('bash', [path.join(root, 'scripts', 'install-vscode.sh')]);
  if (!existsSync(serverMain)) throw new Error(`VS Code server missing at ${serverMain}`);
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const child of readdirSync(p)) visit(path.join(p, child));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach((p) => visit(path.join(root, p)));
  return newest;
}

/** Packages the extension (npm run package) unless the VSIX is newer than every input. */
export function ensurePackage({ force = false } = {}) {
  const inputs = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images', 'syntaxes',
    'language-configuration', 'language-configuration.json', 'client/src', 'server/src', 'media', '.vscodeignore'];
  if (!force && existsSync(productVsix) && statSync(productVsix).mtimeMs >= newestMtime(inputs)) {
    console.log(`[package] ${path.relative(root, productVsix)} is up to date`);
    return productVsix;
  }
  run(npmCommand, ['run', '--silent', 'package']);
  return productVsix;
}

/** Packages the test runner extension into the cache. */
export function packageRunner() {
  const out = path.join(root, '.cache', 'test-runner', 'gateway-log-tools-test-runner.vsix');
  mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
    cwd: path.join(root, 'test', 'runner-extension'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

/** Installs VSIX files into an extensions folder with the server's own CLI. */
export function installExtensions({ extensionsDir, serverDataDir, userDataDir }, vsixFiles) {
  const args = [serverMain, '--extensions-dir', extensionsDir, '--server-data-dir', serverDataDir,
    '--user-data-dir', userDataDir, '--accept-server-license-terms'];
  for (const vsix of vsixFiles) args.push('--install-extension', vsix);
  args.push('--force');
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const installed = output.match(/successfully installed/gi)?.length ?? 0;
  if (result.status !== 0 || installed !== vsixFiles.length) {
    throw new Error(`installing ${vsixFiles.map((f) => path.basename(f)).join(', ')} failed:\n${output}`);
  }
}

/** Settings that keep the workbench quiet and offline. */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
};

/** Writes user settings; with `keepExisting`, a settings file already there (the user's) is left alone. */
export function writeUserSettings({ serverDataDir, userDataDir }, settings = quietSettings, { keepExisting = false } = {}) {
  const text = JSON.stringify(settings, null, 2);
  for (const dir of [path.join(userDataDir, 'User'), path.join(serverDataDir, 'data', 'User'), path.join(serverDataDir, 'data', 'Machine')]) {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    if (keepExisting && existsSync(file)) continue;
    writeFileSync(file, text);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(undefined));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(undefined);
    });
  });
}

/** Polls `probe` until it returns a truthy value or the deadline passes. */
export async function waitUntil(what, probe, deadlineMs, intervalMs = 200) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${Math.round(deadlineMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Starts the VS Code server. Resolves once it answers HTTP; `stop()` ends it
 * and its children (extension host, language server).
 */
export async function startServer({ port, extensionsDir, serverDataDir, userDataDir, env = {}, logFile, deadlineMs = 60000 }) {
  const args = [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--disable-workspace-trust', '--telemetry-level', 'off',
    '--server-data-dir', serverDataDir, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() reaches the extension host too
  });
  let output = '';
  const collect = (data) => {
    output += data;
    if (output.length > 200000) output = output.slice(-100000);
    if (logFile) writeFileSync(logFile, output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => { exited = true; });

  const stop = () => new Promise((resolve) => {
    if (exited) return resolve();
    child.once('exit', () => resolve());
    try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
    setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 5000).unref();
  });

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil('the VS Code server to answer', async () => {
      if (exited) throw new Error(`the VS Code server exited early:\n${output}`);
      return (await httpStatus(`${url}/`)) === 200;
    }, deadlineMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, url, stop, output: () => output };
}

export function workbenchUrl(baseUrl, folder) {
  return `${baseUrl}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (run scripts/install-vscode.sh as root)`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}
