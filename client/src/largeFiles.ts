// Logs larger than VS Code's extension sync limit: the editor shows them, but no extension
// (and so no language server) ever receives their text. We explain that once per file and
// offer to open the first or last few megabytes as an untitled copy that the server can
// analyse. The log file itself is only ever read.

import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { CLIENT_COMMANDS, detectLogLanguage, DETECT_MAX_CHARS, parseTimeRange, SETTINGS, SETTINGS_SECTION } from '../../server/out/service/formats';
import { formatMegabytes, LogSlice, readLogSlice, SliceEnd, withFileReader } from './slice';
import type { WallClock } from '../../server/out/service/formats/timeRange';
import { NoHeaderError, sliceByTime } from './timeSlice';

/** VS Code does not sync documents above this size to extensions. */
export const EXTENSION_SYNC_LIMIT_BYTES = 50 * 1024 * 1024;
const DEFAULT_SLICE_MB = 15;
/** A slice must stay below the sync limit, or it would not reach the server either. */
const MAX_SLICE_MB = 45;


export function sliceSizeBytes(): number {
    const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<number>(SETTINGS.sliceSizeMB, DEFAULT_SLICE_MB);
    const mb = typeof configured === 'number' && Number.isFinite(configured) ? configured : DEFAULT_SLICE_MB;
    return Math.round(Math.min(Math.max(mb, 1), MAX_SLICE_MB) * 1024 * 1024);
}

async function readHead(filePath: string): Promise<string> {
    const handle = await fs.open(filePath, 'r');
    try {
        const buffer = Buffer.alloc(DETECT_MAX_CHARS);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.toString('utf8', 0, bytesRead);
    } finally {
        await handle.close();
    }
}

function tabUri(tab: vscode.Tab | undefined): vscode.Uri | undefined {
    const input = tab?.input;
    return input instanceof vscode.TabInputText ? input.uri : undefined;
}

function isSynced(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}

type SlicePick = SliceEnd | 'time';

/** Asks for a time range ("FROM" or "FROM to TO"); undefined when the user cancels. */
async function askTimeRange(fileName: string): Promise<string | undefined> {
    return vscode.window.showInputBox({
        title: `Entries of ${fileName} in a time range`,
        prompt: 'Start time, optionally "to" and an end time, as the log writes them: '
            + '2021-11-11 22:00 to 22:30, or Nov 11 22:00:00 to Nov 11 23:00:00.',
        placeHolder: '2021-11-11 22:00 to 22:30',
        validateInput: (value) => {
            const range = parseTimeRange(value);
            return typeof range === 'string' ? range : undefined;
        },
    });
}

/**
 * Asks which part of the file (first or last N MB, or a time range), reads it and opens it as an
 * untitled document. A string second argument ("FROM" or "FROM to TO") skips the questions and
 * opens that time range.
 */
export async function openSlice(target?: vscode.Uri | string, rangeArgument?: unknown): Promise<vscode.TextDocument | undefined> {
    // From the explorer's context menu the second argument is the list of selected files.
    let range = typeof rangeArgument === 'string' ? rangeArgument : undefined;
    let uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
    if (!(uri instanceof vscode.Uri)) {
        uri = tabUri(vscode.window.tabGroups.activeTabGroup.activeTab);
    }
    if (!uri || uri.scheme !== 'file') {
        const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: 'Open Slice',
            filters: { 'Log files': ['log', 'txt'], 'All files': ['*'] },
        });
        uri = picked?.[0];
    }
    if (!uri) {
        return undefined;
    }
    const fileName = path.basename(uri.fsPath);
    const bytes = sliceSizeBytes();
    const size = formatMegabytes(bytes).replace('.0 MB', ' MB');
    let pick: SlicePick | undefined = range !== undefined ? 'time' : undefined;
    if (!pick) {
        const choice = await vscode.window.showQuickPick(
            [
                { label: `First ${size}`, description: 'oldest entries', pick: 'head' as SlicePick },
                { label: `Last ${size}`, description: 'most recent entries', pick: 'tail' as SlicePick },
                { label: 'A time range…', description: `entries between two times, up to ${size}`, pick: 'time' as SlicePick },
            ],
            { title: `Open a slice of ${fileName}`, placeHolder: 'Which part of the log?' },
        );
        pick = choice?.pick;
    }
    if (pick === 'time' && range === undefined) {
        range = await askTimeRange(fileName);
    }
    if (!pick || (pick === 'time' && range === undefined)) {
        return undefined;
    }
    let slice: LogSlice & { truncated?: boolean };
    try {
        if (pick === 'time') {
            const parsed = parseTimeRange(range!);
            if (typeof parsed === 'string') {
                void vscode.window.showErrorMessage(`Gateway Logs: ${parsed}`);
                return undefined;
            }
            const found = await searchTimeRange(uri, fileName, parsed, bytes);
            if (!found) {
                return undefined;
            }
            slice = found;
        } else {
            slice = await readLogSlice(uri.fsPath, pick, bytes);
        }
    } catch (error) {
        void vscode.window.showErrorMessage(error instanceof NoHeaderError
            ? `Gateway Logs: ${fileName}: ${error.message}`
            : `Gateway Logs: could not read ${uri.fsPath}: ${String(error)}`);
        return undefined;
    }
    if (slice.text.length === 0) {
        void vscode.window.showWarningMessage(pick === 'time'
            ? `Gateway Logs: ${fileName} has no entry in that time range.`
            : `Gateway Logs: no complete line in that part of ${fileName}.`);
        return undefined;
    }
    const document = await vscode.workspace.openTextDocument({
        content: slice.text,
        language: slice.language ?? 'plaintext',
    });
    await vscode.window.showTextDocument(document, { preview: false });
    const where = slice.firstLine !== undefined ? ` (from line ${slice.firstLine})` : '';
    const cut = slice.truncated ? ` The range holds more than ${size}: this is its beginning, cut to whole entries.` : '';
    void vscode.window.showInformationMessage(
        `Showing bytes ${slice.startByte.toLocaleString()}–${slice.endByte.toLocaleString()} of ` +
        `${slice.fileSize.toLocaleString()}${where} of ${fileName} in an untitled copy.${cut} ` +
        'The log file itself is not changed.',
    );
    return document;
}

/**
 * The time search, with a progress notification that can cancel it; undefined when cancelled. The
 * search reads little (a window per probe) but a large file on a slow disk still takes a while.
 */
async function searchTimeRange(
    uri: vscode.Uri, fileName: string, range: { from: WallClock; to: WallClock | undefined }, bytes: number,
): Promise<(LogSlice & { truncated: boolean }) | undefined> {
    return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Gateway Logs: finding the time range in ${fileName}`, cancellable: true },
        async (progress, token) => {
            const controller = new AbortController();
            const cancelled = token.onCancellationRequested(() => controller.abort());
            let shown = 0;
            try {
                return await withFileReader(uri.fsPath, (read, fileSize) => sliceByTime(read, fileSize, range, bytes, {
                    signal: controller.signal,
                    onProgress: (done) => {
                        const percent = Math.floor(done * 100);
                        if (percent > shown) {
                            progress.report({ increment: percent - shown });
                            shown = percent;
                        }
                    },
                }));
            } catch (error) {
                if (controller.signal.aborted) {
                    return undefined;
                }
                throw error;
            } finally {
                cancelled.dispose();
            }
        },
    );
}

/** Watches editor tabs for logs too large to reach the language server. */
export function registerLargeFileNotice(context: vscode.ExtensionContext, log: (message: string) => void): void {
    const noticed = new Set<string>();

    const check = async (uri: vscode.Uri | undefined): Promise<void> => {
        if (!uri || uri.scheme !== 'file') {
            return;
        }
        const key = uri.toString();
        if (noticed.has(key) || isSynced(uri)) {
            return;
        }
        let size: number;
        try {
            size = (await fs.stat(uri.fsPath)).size;
        } catch {
            return;
        }
        if (size <= EXTENSION_SYNC_LIMIT_BYTES || noticed.has(key) || isSynced(uri)) {
            return;
        }
        const looksLikeOurs = /\.log$/i.test(uri.fsPath) ||
            detectLogLanguage(await readHead(uri.fsPath).catch(() => '')) !== undefined;
        if (!looksLikeOurs || noticed.has(key)) {
            return;
        }
        noticed.add(key);
        log(`${uri.fsPath} is ${formatMegabytes(size)}: above the size VS Code shares with extensions.`);
        const action = await vscode.window.showInformationMessage(
            `${path.basename(uri.fsPath)} is ${formatMegabytes(size)}. VS Code does not share files over 50 MB ` +
            'with extensions, so Gateway Log Tools cannot provide hovers, outline, diagnostics or session ' +
            'navigation for it. You can open its first or last part, or the entries of a time range, as a separate copy instead.',
            'Open a Slice…',
        );
        if (action) {
            await vscode.commands.executeCommand(CLIENT_COMMANDS.openSlice, uri);
        }
    };

    for (const group of vscode.window.tabGroups.all) {
        for (const tab of group.tabs) {
            void check(tabUri(tab));
        }
    }
    context.subscriptions.push(
        vscode.window.tabGroups.onDidChangeTabs((event) => {
            for (const tab of [...event.opened, ...event.changed]) {
                void check(tabUri(tab));
            }
        }),
    );
}
