// Runs the in-editor suites (test/suite) in VS Code desktop through
// @vscode/test-electron, for machines that can download VS Code (this one
// cannot: use `npm run test:editor` here). On Linux without a display, run it
// under xvfb-run. Environment: VSCODE_VERSION (default "stable"),
// GLT_TEST_GREP as for test:editor.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, run } from './lib/vscode-server.mjs';

// The extension's main is the esbuild bundle, which starts the bundled server.
run(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')]);
run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'test', 'tsconfig.json')]);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'glt-electron-'));
const workspace = path.join(tmp, 'samples');
cpSync(path.join(root, 'samples'), workspace, { recursive: true });

let exitCode = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'out', 'suite', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions; the one under test still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', path.join(tmp, 'user-data'),
      '--extensions-dir', path.join(tmp, 'extensions'),
    ],
  });
} catch (error) {
  console.error(`in-editor tests failed: ${error?.message ?? error}`);
  exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
