// "Gateway Logs: Show Timeline": a webview beside the log, fed by the language server
// (gatewayLogs/timeline), that reveals clicked events in the editor and follows the editor's cursor.

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CLIENT_COMMANDS, REQUESTS } from '../../../server/out/service/formats';
import { timelineHtml } from './html';
import { filesOf, readViewMessage } from './viewMessages';

const VIEW_TYPE = 'gatewayLogs.timeline';
/** The key of the bundle's timeline (one for the window). */
const BUNDLE_KEY = 'gateway-log-bundle:timeline';
/** How long after the last edit the view asks for new data, and after the last cursor move for the cursor's entry. */
const REFRESH_DELAY_MS = 1500;
const CURSOR_DELAY_MS = 120;

/** Sends requests to the language server; undefined while none is running. */
export type ServerRequest = <R>(method: string, params: unknown) => Promise<R> | undefined;

/** What a panel last showed (the in-editor tests read it through the extension's API). */
export interface TimelineState {
    uri: string;
    sessions?: number;
    bars?: number;
    firstPaintMs?: number;
    /** The last timeline request's round trip to the language server. */
    requestMs?: number;
    /** From creating the panel to its page saying it is ready. */
    readyMs?: number;
    revealedLine?: number;
}

interface Open {
    panel: vscode.WebviewPanel;
    /** The log shown, or the bundle key for the timeline of every indexed file. */
    document: vscode.Uri;
    bundle: boolean;
    state: TimelineState;
    disposables: vscode.Disposable[];
    refreshTimer?: NodeJS.Timeout;
    cursorTimer?: NodeJS.Timeout;
    stale: boolean;
    created: number;
    /** Files named by the data last sent (a bundle's page may ask to reveal entries of these only). */
    files: ReadonlySet<string>;
    /** Messages from the page are handled one after the other, in the order the page sent them. */
    queue: Promise<void>;
}

export class TimelinePanels implements vscode.Disposable {
    private readonly open = new Map<string, Open>();

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly request: ServerRequest,
        private readonly languages: readonly string[],
        private readonly log: (message: string) => void,
    ) {}

    states(): TimelineState[] {
        return [...this.open.values()].map((o) => ({ ...o.state }));
    }

    /** Opens (or brings forward) the timeline of every file of the bundle (the Sessions view's files). */
    async showBundle(): Promise<boolean> {
        return this.openPanel(vscode.Uri.parse(BUNDLE_KEY), true, 'Timeline: log bundle');
    }

    /** The bundle changed: its timeline (if open) asks for new data. */
    bundleChanged(): void {
        const entry = this.open.get(BUNDLE_KEY);
        if (entry) {
            if (entry.panel.visible) {
                void this.send(entry);
            } else {
                entry.stale = true;
            }
        }
    }

    /** Opens (or brings forward) the timeline of `uri`, else of the active editor's log. */
    async show(uri?: vscode.Uri): Promise<boolean> {
        const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
        if (!document || !this.languages.includes(document.languageId)) {
            void vscode.window.showInformationMessage('Gateway Logs: open a Blue Cedar or Okta Access Gateway log in the editor first, then show its timeline.');
            return false;
        }
        return this.openPanel(document.uri, false, `Timeline: ${path.basename(document.uri.path)}`);
    }

    private async openPanel(documentUri: vscode.Uri, bundle: boolean, title: string): Promise<boolean> {
        const key = bundle ? BUNDLE_KEY : documentUri.toString();
        const existing = this.open.get(key);
        if (existing) {
            existing.panel.reveal(undefined, false);
            return true;
        }
        const media = vscode.Uri.joinPath(this.extensionUri, 'media');
        const scripts = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
        const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
            enableScripts: true,
            localResourceRoots: [media, scripts],
        });
        const entry: Open = { panel, document: documentUri, bundle, state: { uri: key }, disposables: [], stale: false, created: Date.now(), files: new Set(), queue: Promise.resolve() };
        this.open.set(key, entry);
        panel.webview.html = timelineHtml({
            cspSource: panel.webview.cspSource,
            nonce: randomBytes(18).toString('base64'),
            scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'timeline.js')).toString(),
            styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.css')).toString(),
        });
        entry.disposables.push(
            panel.webview.onDidReceiveMessage((message: unknown) => {
                entry.queue = entry.queue.then(() => this.receive(entry, message)).catch((error) => this.log(`Timeline message failed: ${String(error)}`));
            }),
            panel.onDidChangeViewState(() => {
                if (panel.visible && entry.stale) {
                    void this.send(entry);
                }
            }),
            vscode.workspace.onDidChangeTextDocument((event) => {
                if (!bundle && event.document.uri.toString() === key) {
                    clearTimeout(entry.refreshTimer);
                    entry.refreshTimer = setTimeout(() => {
                        if (panel.visible) {
                            void this.send(entry);
                        } else {
                            entry.stale = true;
                        }
                    }, REFRESH_DELAY_MS);
                }
            }),
            vscode.window.onDidChangeTextEditorSelection((event) => {
                if (!bundle && event.textEditor.document.uri.toString() === key) {
                    clearTimeout(entry.cursorTimer);
                    const line = event.selections[0]?.active.line ?? 0;
                    entry.cursorTimer = setTimeout(() => void this.followCursor(entry, line), CURSOR_DELAY_MS);
                }
            }),
        );
        panel.onDidDispose(() => {
            clearTimeout(entry.refreshTimer);
            clearTimeout(entry.cursorTimer);
            entry.disposables.forEach((d) => d.dispose());
            this.open.delete(key);
        });
        return true;
    }

    private async receive(entry: Open, message: unknown): Promise<void> {
        const m = readViewMessage(message, { bundle: entry.bundle, files: entry.files });
        if (!m) {
            this.log(`Timeline of ${path.basename(entry.document.path)}: ignored a message its page could not have sent.`);
            return;
        }
        if (m.type === 'ready') {
            entry.state.readyMs ??= Date.now() - entry.created;
            // Not awaited: reveals that follow do not wait for the server's answer.
            void this.send(entry);
        } else if (m.type === 'reveal') {
            if (m.file === undefined) {
                await this.reveal(entry, m.line);
            } else {
                // An entry of the bundle: the server says where it can be shown (a window for .gz files).
                const at = await this.request<{ uri: string; line: number } | null>(REQUESTS.bundleLocate, { path: m.file, line: m.line });
                if (at) {
                    await vscode.commands.executeCommand(CLIENT_COMMANDS.revealEntry, at.uri, at.line);
                    entry.state.revealedLine = at.line;
                }
            }
        } else {
            entry.state.firstPaintMs = m.ms;
            entry.state.sessions = m.sessions;
            entry.state.bars = m.bars;
            this.log(`Timeline of ${path.basename(entry.document.path)}: ${entry.state.sessions} sessions; data from the server in ${entry.state.requestMs} ms, painted ${m.ms.toFixed(0)} ms after it arrived.`);
        }
    }

    private async send(entry: Open): Promise<void> {
        entry.stale = false;
        const title = entry.bundle ? 'log bundle' : path.basename(entry.document.path);
        try {
            const started = Date.now();
            const pending = entry.bundle
                ? this.request<unknown>(REQUESTS.bundleTimeline, {})
                : this.request<unknown>(REQUESTS.timeline, { uri: entry.document.toString() });
            const data = pending ? await pending : null;
            entry.state.requestMs = Date.now() - started;
            entry.files = entry.bundle ? filesOf(data as Parameters<typeof filesOf>[0]) : new Set();
            const error = pending === undefined ? 'The language server is not running.'
                : data === null ? (entry.bundle ? 'No log files are indexed yet (see the Gateway Sessions view).' : 'The language server has no analysis of this log (is it closed, or over 50 MB?).') : undefined;
            await entry.panel.webview.postMessage({ type: 'data', title, data, error, requestMs: entry.state.requestMs, readyMs: entry.state.readyMs, sentAt: Date.now() });
        } catch (error) {
            this.log(`Timeline request failed: ${String(error)}`);
            await entry.panel.webview.postMessage({ type: 'data', title, data: null, error: 'The timeline could not be built; see the Gateway Log Tools output.' });
        }
    }

    private async followCursor(entry: Open, line: number): Promise<void> {
        try {
            const cursor = await this.request<{ line: number; time?: number; session?: number } | null>(REQUESTS.timelineCursor, { uri: entry.document.toString(), line });
            if (cursor) {
                await entry.panel.webview.postMessage({ type: 'cursor', ...cursor });
            }
        } catch (error) {
            this.log(`Timeline cursor request failed: ${String(error)}`);
        }
    }

    /** Shows the line in the editor that has the log (not in the timeline's own column). */
    private async reveal(entry: Open, line: number): Promise<void> {
        const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === entry.document.toString());
        const document = visible?.document ?? await vscode.workspace.openTextDocument(entry.document);
        const clamped = Math.min(line, document.lineCount - 1);
        const position = new vscode.Position(clamped, 0);
        const editor = await vscode.window.showTextDocument(document, {
            viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
            selection: new vscode.Range(position, position),
            preserveFocus: false,
        });
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
        entry.state.revealedLine = clamped;
    }

    dispose(): void {
        for (const entry of [...this.open.values()]) {
            entry.panel.dispose();
        }
    }
}
