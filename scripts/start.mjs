// `npm start`: try the extension in a real VS Code in the browser.
// Installs the offline VS Code server when missing, packages the extension when
// its sources changed, installs the VSIX into a persistent profile under
// .cache/start/ and serves the workbench on http://127.0.0.1:PORT (PORT
// defaults to 8080) with samples/ open. Ctrl+C stops it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ensurePackage, ensureVSCode, installExtensions, root, startServer, workbenchUrl, writeUserSettings, quietSettings,
} from './lib/vscode-server.mjs';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, not "${process.env.PORT}"`);
  process.exit(2);
}

ensureVSCode();
const vsix = ensurePackage();
const profile = path.join(root, '.cache', 'start');
const dirs = {
  extensionsDir: path.join(profile, 'extensions'),
  serverDataDir: path.join(profile, 'server-data'),
  userDataDir: path.join(profile, 'user-data'),
};
Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
installExtensions(dirs, [vsix]);
writeUserSettings(dirs, quietSettings, { keepExisting: true });

const server = await startServer({ port, ...dirs, logFile: path.join(profile, 'server.log') });
const url = workbenchUrl(server.url, path.join(root, 'samples'));
console.log(`\nGateway Log Tools is running in VS Code at\n\n  ${url}\n\nOpen that address in a browser. Server log: ${path.relative(root, path.join(profile, 'server.log'))}. Press Ctrl+C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the VS Code server');
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`the VS Code server stopped unexpectedly (${code ?? signal}); see ${path.join(profile, 'server.log')}`);
  process.exit(1);
});
