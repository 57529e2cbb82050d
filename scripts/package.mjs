// Builds the VSIX: bundles client and server (scripts/bundle.mjs), then runs
// `vsce package` into dist-vsix/. Extra arguments go to the bundler
// (e.g. --minify). What goes into the package is decided by .vscodeignore.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-vsix', 'gateway-log-tools.vsix');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([path.join(root, 'scripts', 'bundle.mjs'), ...process.argv.slice(2)]);
mkdirSync(path.dirname(out), { recursive: true });
// There is no repository URL to prefix relative README links with: leave them
// relative (they resolve in a checkout, and the screenshots are not packaged).
run([path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
  '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);
