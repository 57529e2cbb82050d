// Writes into package.json what the shared formats module decides (server/src/service/formats):
// each language's `firstLine` pattern and the bundle settings' defaults. Run after changing the header recognisers:
//   npm run sync:manifest
// A unit test fails when package.json and the module disagree.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const formats = createRequire(import.meta.url)(path.join(root, 'server', 'out', 'service', 'formats', 'index.js'));
const manifestPath = path.join(root, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const firstLines = { [formats.LANGUAGE_OF_FORMAT.bluecedar]: formats.BLUECEDAR_FIRST_LINE, [formats.LANGUAGE_OF_FORMAT.oag]: formats.OAG_FIRST_LINE };
let changed = 0;
for (const language of manifest.contributes.languages) {
  const pattern = firstLines[language.id];
  if (pattern !== undefined && language.firstLine !== pattern) {
    language.firstLine = pattern;
    changed++;
  }
}
// Bundle settings' defaults.
const properties = manifest.contributes.configuration.properties;
for (const [name, value] of [['include', formats.BUNDLE_DEFAULTS.include], ['exclude', formats.BUNDLE_DEFAULTS.exclude]]) {
  const setting = properties[`${formats.SETTINGS_SECTION}.bundle.${name}`];
  if (setting && JSON.stringify(setting.default) !== JSON.stringify(value)) {
    setting.default = value;
    changed++;
  }
}
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`sync-manifest: ${changed} value(s) updated`);
