/**
 * Windows and macOS spellings of files, on every platform: file URIs as VS Code writes them
 * (`file:///c%3A/...`) and as other clients do (`file:///C:/...`), UNC shares, names with spaces,
 * `#`, `%` and letters beyond ASCII. `vscode-uri` stands in for the editor, which re-writes every URI
 * it is given before handing it back.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { fileNumberOfUri, fileUriOfPath, pathOfFileUri, samePath } from '../../fileUris';
import { BundleService } from '../../bundle/bundleService';
import { discoverFiles, expandWildcards } from '../../bundle/discover';
import { renameOver } from '../../bundle/columnsFile';
import { pruneIndexes } from '../../bundle/indexCache';
import { lineContext } from '../../filter/lineContext';
import { analyze } from '../../service/analysis';
import { parseViewUri, viewUri } from '../../service/formats/filterSpec';
import { parseWindowUri, windowUri } from '../../service/index/windows';
import { parseLog } from '../../service/parse';
import { bcHeader, NOW } from './helpers';

/** What the editor hands back for a URI the server wrote. */
const asEditorWrites = (uri: string): string => URI.parse(uri).toString();

const WINDOWS_PATHS = [
  'C:\\Users\\Ana\\logs\\messages.2.gz',
  'C:\\Users\\Ana Lía\\logs #3\\100% done\\messages.2.gz',
  'D:\\журналы\\oag audit.log',
  '\\\\server\\share\\logs\\x.log',
  '\\\\server\\share\\Ana Lía\\#1\\messages.1.gz',
];
const POSIX_PATHS = ['/var/log/messages.2.gz', '/Users/Ana Lía/logs #3/100% done/messages.2.gz'];

describe('file URIs on Windows', () => {
  test('the URIs an editor sends for a Windows file name that file', () => {
    assert.equal(pathOfFileUri('file:///c%3A/Users/Ana/logs/messages.2.gz', 'win32'), 'c:\\Users\\Ana\\logs\\messages.2.gz');
    assert.equal(pathOfFileUri('file:///C:/Users/Ana/logs/messages.2.gz', 'win32'), 'C:\\Users\\Ana\\logs\\messages.2.gz');
    assert.equal(pathOfFileUri('file://server/share/logs/x.log', 'win32'), '\\\\server\\share\\logs\\x.log');
    assert.equal(pathOfFileUri('file:///c%3A/logs/a%20%231%25.log', 'win32'), 'c:\\logs\\a #1%.log');
    assert.equal(pathOfFileUri('untitled:Untitled-1', 'win32'), undefined);
  });

  test('a path made a URI, re-written by the editor, names the same file', () => {
    for (const [platform, paths] of [['win32', WINDOWS_PATHS], ['linux', POSIX_PATHS], ['darwin', POSIX_PATHS]] as const) {
      for (const p of paths) {
        const back = pathOfFileUri(asEditorWrites(fileUriOfPath(p, platform)), platform);
        assert.ok(back !== undefined && samePath(back, p, platform), `${platform}: ${p} came back as ${back}`);
      }
    }
  });

  test('names differing only in case are one file on Windows and macOS, two on Linux', () => {
    assert.ok(samePath('c:\\users\\ana\\x.log', 'C:\\Users\\Ana\\X.log', 'win32'));
    assert.ok(samePath('C:/Users/Ana/x.log', 'C:\\Users\\Ana\\x.log', 'win32'));
    assert.ok(samePath('/Users/Ana/x.log', '/users/ana/X.log', 'darwin'));
    assert.ok(!samePath('/var/log/x.log', '/var/log/X.log', 'linux'));
    assert.ok(!samePath('C:\\logs\\a.log', 'D:\\logs\\a.log', 'win32'));
  });

  test('on macOS an accented name is one file whether written composed or decomposed (as Finder and readdir may give it)', () => {
    const composed = '/Users/Ana/Lía/gateway.log'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    assert.notEqual(composed, decomposed);
    assert.ok(samePath(composed, decomposed, 'darwin'));
    assert.ok(!samePath(composed, decomposed, 'linux'));
    assert.equal(fileNumberOfUri([{ path: decomposed }], fileUriOfPath(composed, 'darwin'), 'darwin'), 0);
  });

  test('an indexed file is found from the URI the editor writes for it', () => {
    const files = [{ path: 'C:\\Users\\Ana\\logs\\messages' }, { path: 'C:\\Users\\Ana\\logs\\messages.2.gz' }, { path: '\\\\server\\share\\logs\\x.log' }];
    assert.equal(fileNumberOfUri(files, 'file:///c%3A/Users/Ana/logs/messages.2.gz', 'win32'), 1);
    assert.equal(fileNumberOfUri(files, 'file:///C:/Users/Ana/logs/messages', 'win32'), 0);
    assert.equal(fileNumberOfUri(files, 'file://server/share/logs/x.log', 'win32'), 2);
    assert.equal(fileNumberOfUri(files, 'file:///c%3A/Users/Ana/logs/messages.3.gz', 'win32'), -1);
  });
});

describe('window URIs on every platform', () => {
  test('a window onto a Windows, UNC or POSIX file names that file and line after the editor re-writes it', () => {
    for (const [platform, paths] of [['win32', WINDOWS_PATHS], ['linux', POSIX_PATHS]] as const) {
      for (const p of paths) {
        const written = windowUri(fileUriOfPath(p, platform), 'bluecedar', 1234);
        for (const uri of [written, asEditorWrites(written)]) {
          const parsed = parseWindowUri(uri);
          assert.ok(parsed, `${platform}: ${uri} is a window`);
          assert.equal(parsed.line, 1234);
          const back = pathOfFileUri(parsed.fileUri, platform);
          assert.ok(back !== undefined && samePath(back, p, platform), `${platform}: ${uri} names ${back}, not ${p}`);
        }
      }
    }
  });

  test('the editor shows a window under the file name, with our language as its extension', () => {
    const shown = URI.parse(windowUri(fileUriOfPath('\\\\server\\share\\logs\\messages.2.gz', 'win32'), 'oag', 7));
    assert.equal(shown.path.split('/').pop(), 'messages.2.gz.oag-log');
  });
});

test('a filtered view of a Windows file keeps its source and title after the editor re-writes its URI', () => {
  const source = { kind: 'file' as const, uri: asEditorWrites(fileUriOfPath('C:\\Users\\Ana Lía\\logs #3\\100% gateway.log', 'win32')) };
  const spec = { source, clauses: [{ type: 'component' as const, values: ['C:\\x /y #z %w'] }], page: 1, format: 'bluecedar' as const };
  const uri = asEditorWrites(viewUri(spec, 'gateway [1] #2.log'));
  assert.deepEqual(parseViewUri(uri), spec);
  assert.equal(pathOfFileUri((parseViewUri(uri)!.source as { uri: string }).uri, 'win32'), 'c:\\Users\\Ana Lía\\logs #3\\100% gateway.log');
  assert.match(URI.parse(uri).path, /^\/gateway \[1\] 2\.log \(.*part 2\)\.bluecedar-log$/);
});

describe('names shown for a file', () => {
  test('a line of a window onto a file the bundle does not have names the file, decoded, as a view source', () => {
    const fileUri = fileUriOfPath('C:\\Users\\Ana Lía\\logs #3\\messages 2 (Lía).gz', 'win32');
    const window = asEditorWrites(windowUri(fileUri, 'bluecedar', 0));
    const analysis = analyze(parseLog(`${bcHeader(Date.UTC(2021, 10, 11, 9), { type: 'General' })}\nService started\n`, 'bluecedar', { now: NOW }));
    const bundle = { documentContext: () => undefined, index: { rowAt: () => undefined } } as unknown as BundleService;
    const context = lineContext({ analysisOf: (uri) => (uri === window ? analysis : undefined), bundle, servedPart: () => undefined }, window, 0);
    assert.ok(!('error' in context), JSON.stringify(context));
    assert.equal(context.sourceName, 'messages 2 (Lía).gz');
    assert.equal(context.source.kind, 'file');
    assert.equal(samePath(pathOfFileUri((context.source as { uri: string }).uri, 'win32')!, 'C:\\Users\\Ana Lía\\logs #3\\messages 2 (Lía).gz', 'win32'), true);
  });
});

describe('finding the files of a bundle', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-xplat-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('include and exclude patterns ignore case where file names do (Windows, macOS), and only there', async () => {
    const dir = path.join(tmp, 'bundle');
    fs.mkdirSync(path.join(dir, 'Archive'), { recursive: true });
    for (const name of ['messages', 'GATEWAY.LOG', path.join('Archive', 'messages.1')]) {
      fs.writeFileSync(path.join(dir, name), 'x\n');
    }
    const found = async (platform: NodeJS.Platform): Promise<string[]> =>
      (await discoverFiles([dir], { exclude: ['**/archive/**'], platform })).files.map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(await found('win32'), ['GATEWAY.LOG', 'messages']);
    assert.deepEqual(await found('darwin'), ['GATEWAY.LOG', 'messages']);
    assert.deepEqual(await found('linux'), [path.join('Archive', 'messages.1'), 'messages']);
  });

  test('a wildcard a Windows shell leaves unexpanded names the files it matches, whatever their case', async () => {
    const dir = path.join(tmp, 'rotated');
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['Messages', 'messages.1', 'messages.2.gz', 'audit.log']) {
      fs.writeFileSync(path.join(dir, name), 'x\n');
    }
    const names = async (pattern: string, platform: NodeJS.Platform): Promise<string[]> =>
      (await expandWildcards([path.join(dir, pattern)], platform)).map((p) => path.relative(dir, p));
    assert.deepEqual(await names('messages*', 'win32'), ['Messages', 'messages.1', 'messages.2.gz']);
    assert.deepEqual(await names('messages*', 'linux'), ['messages.1', 'messages.2.gz']);
    assert.deepEqual(await names('messages.[12]*', 'win32'), ['messages.1', 'messages.2.gz']);
    assert.deepEqual(await names('audit.log', 'win32'), ['audit.log']);
    assert.deepEqual(await names('gateway*', 'win32'), ['gateway*']);
  });
});

describe('replacing a kept index file', () => {
  /** A rename that fails `times` times as Windows fails one while another program has the target open. */
  const busyRename = (times: number, code = 'EPERM') => {
    const calls: string[] = [];
    const rename = async (from: string, to: string): Promise<void> => {
      calls.push(`${from} -> ${to}`);
      if (calls.length <= times) {
        throw Object.assign(new Error(`${code}: operation not permitted, rename '${from}' -> '${to}'`), { code });
      }
    };
    return { rename, calls };
  };
  const noWait = async (): Promise<void> => undefined;

  test('on Windows a target held open for a moment (a virus scanner, another window) is retried, not given up', async () => {
    for (const code of ['EPERM', 'EACCES', 'EBUSY']) {
      const busy = busyRename(3, code);
      await renameOver('a.tmp', 'a.gli', { platform: 'win32', rename: busy.rename, wait: noWait });
      assert.equal(busy.calls.length, 4, code);
    }
  });

  test('a target that stays busy fails in the end, and other platforms and other errors fail at once', async () => {
    const forever = busyRename(Number.POSITIVE_INFINITY);
    await assert.rejects(renameOver('a.tmp', 'a.gli', { platform: 'win32', rename: forever.rename, wait: noWait }), /EPERM/);
    assert.ok(forever.calls.length > 1 && forever.calls.length < 100, `${forever.calls.length} tries`);
    const linux = busyRename(1);
    await assert.rejects(renameOver('a.tmp', 'a.gli', { platform: 'linux', rename: linux.rename, wait: noWait }), /EPERM/);
    assert.equal(linux.calls.length, 1);
    const missing = busyRename(1, 'ENOENT');
    await assert.rejects(renameOver('a.tmp', 'a.gli', { platform: 'win32', rename: missing.rename, wait: noWait }), /ENOENT/);
    assert.equal(missing.calls.length, 1);
  });
});

test('an index that cannot be removed now (Windows: held open elsewhere) is left for next time, and the rest are removed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-xplat-prune-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A folder stands for the file Windows refuses to delete: removing it fails on every platform.
  fs.mkdirSync(path.join(dir, 'held.gli'));
  fs.writeFileSync(path.join(dir, 'stale.gli'), 'x');
  assert.equal(await pruneIndexes(dir, []), 1);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['held.gli']);
});
