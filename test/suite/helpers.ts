// Shared helpers of the in-editor suites. Every wait polls a condition up to
// a deadline: the language server answers asynchronously, so a test asks again
// until the answer is there or the deadline has passed.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gateway-log-tools.gateway-log-tools';
export const DEFAULT_DEADLINE_MS = Number(process.env.GLT_WAIT_DEADLINE_MS ?? 20000);

/** Polls `probe` until `accept` holds for its value; fails with `what` and the last value. */
export async function waitFor<T>(
  what: string,
  probe: () => T | Thenable<T>,
  accept: (value: T) => boolean,
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: T | undefined;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
  const detail = lastError ? `last error: ${String(lastError)}` : `last value: ${describe(last)}`;
  throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}; ${detail}`);
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 600 ? `${text.slice(0, 600)}...` : text;
  } catch {
    return String(value);
  }
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = await waitFor(
    `extension ${EXTENSION_ID} to be installed`,
    () => vscode.extensions.getExtension(EXTENSION_ID),
    (ext) => ext !== undefined,
  );
  await extension!.activate();
  return extension!;
}

/** The folder that holds the sample logs: the workspace folder the tests were started with. */
export function samplesFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the samples folder open as the workspace folder');
  return folder.uri;
}

export function sampleUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(samplesFolder(), ...relativePath.split('/'));
}

/** The current TextDocument for `uri`: switching the language replaces the document object. */
export function currentDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
}

/** Opens a sample in an editor and waits until the extension has given it `languageId`. */
export async function openSample(relativePath: string, languageId: string): Promise<vscode.TextDocument> {
  await activateExtension();
  const uri = sampleUri(relativePath);
  const opened = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(opened, { preview: false });
  return waitFor(
    `${relativePath} to get language ${languageId}`,
    () => currentDocument(uri),
    (doc) => doc?.languageId === languageId,
  ) as Promise<vscode.TextDocument>;
}

/** Position of the `occurrence`-th match of `needle`, moved `delta` characters into it. */
export function positionOf(doc: vscode.TextDocument, needle: string | RegExp, delta = 0, occurrence = 0): vscode.Position {
  const offset = offsetOf(doc.getText(), needle, occurrence);
  return doc.positionAt(offset + delta);
}

export function offsetOf(text: string, needle: string | RegExp, occurrence = 0): number {
  const pattern = typeof needle === 'string' ? new RegExp(escapeRegExp(needle), 'g') : new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g');
  let match: RegExpExecArray | null;
  let seen = 0;
  while ((match = pattern.exec(text)) !== null) {
    if (seen++ === occurrence) return match.index;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  throw new Error(`${String(needle)} (occurrence ${occurrence}) not found in the sample`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Plain text of a hover result: every markdown string joined. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

export function hoverAt(doc: vscode.TextDocument, position: vscode.Position): Thenable<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
}

/** Location or LocationLink -> { uri, range } of the target. */
export function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location
    ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange }
    : { uri: location.uri, range: location.range };
}

/** A log entry of a sample: its header line and last line (0-based), and its text. */
export interface SampleEntry {
  headerLine: number;
  lastLine: number;
  text: string;
}

/** Splits a sample into entries: an entry starts at a line that begins with a timestamp. */
export function entriesOf(doc: vscode.TextDocument, startsEntry: RegExp): SampleEntry[] {
  const entries: SampleEntry[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    if (startsEntry.test(text) || entries.length === 0) {
      entries.push({ headerLine: line, lastLine: line, text });
    } else if (text.trim().length > 0) {
      const entry = entries[entries.length - 1];
      entry.lastLine = line;
      entry.text += '\n' + text;
    }
  }
  return entries;
}

/** Blue Cedar header lines begin with "Mon DD" (syslog) or "Mon DD YYYY". */
export const BLUECEDAR_ENTRY_START = /^[A-Z][a-z]{2} +\d{1,2} /;
/** OAG entries begin with an ISO 8601 timestamp. */
export const OAG_ENTRY_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function entryContaining(entries: SampleEntry[], line: number): SampleEntry {
  const entry = entries.find((e) => e.headerLine <= line && line <= e.lastLine);
  assert.ok(entry, `no entry contains line ${line}`);
  return entry;
}
