// Bundles the client and the language server into single files for the VSIX,
// so the package needs no node_modules at run time, and the timeline webview's
// script (browser code, its own bundle: dist/webview/timeline.js).
//   node scripts/bundle.mjs            one build
//   node scripts/bundle.mjs --minify   smaller output
//   node scripts/bundle.mjs --watch    rebuild on change
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js' },
  { in: 'server/src/server.ts', out: 'dist/server.js' },
  // Worker threads of the bundle indexer, loaded by the server and the CLI from their own folder.
  { in: 'server/src/indexWorker.ts', out: 'dist/indexWorker.js' },
  // The command-line tool (package.json bin: gateway-logs).
  { in: 'server/src/cli.ts', out: 'dist/cli.js' },
  { in: 'client/src/webview/view/main.ts', out: 'dist/webview/timeline.js', browser: true },
];

for (const entry of entries) {
  if (!existsSync(path.join(root, entry.in))) {
    console.error(`bundle: entry point ${entry.in} does not exist`);
    process.exit(1);
  }
}

/**
 * The client imports the shared formats module the way TypeScript's project references see it, from
 * the server's compiled output (`server/out/service/formats`). Bundle its TypeScript source instead, so
 * packaging does not depend on a previous `tsc -b`.
 */
const serverSources = {
  name: 'server-sources',
  setup(build) {
    build.onResolve({ filter: /[\\/]server[\\/]out[\\/]service[\\/]/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path).replace(
        `${path.sep}server${path.sep}out${path.sep}`, `${path.sep}server${path.sep}src${path.sep}`);
      for (const candidate of [`${resolved}.ts`, path.join(resolved, 'index.ts')]) {
        if (existsSync(candidate)) {
          return { path: candidate };
        }
      }
      return undefined;
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  plugins: [serverSources],
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'external',
  minify: args.has('--minify'),
  // vscode is provided by the extension host; it is never bundled.
  external: ['vscode'],
  // Prefer the CommonJS builds of vscode-languageserver & co.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  legalComments: 'none',
};

/** The webview runs in VS Code's browser frame: no Node, no vscode module, one script tag. */
const browser = {
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  external: [],
  mainFields: ['browser', 'module', 'main'],
  // Its source map stays out of the package like the others.
  sourcemap: 'external',
};

const builds = entries.map((entry) => ({
  ...common,
  ...(entry.browser ? browser : {}),
  entryPoints: [entry.in],
  outfile: entry.out,
}));

if (args.has('--watch')) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('bundle: watching for changes');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`bundle: ${entries.map((e) => e.out).join(', ')} in ${Date.now() - started} ms`);
}
