// Filtered views in the editor: read-only documents (`gateway-log-view:` URIs) whose text the language
// server builds from a source and a set of filter clauses. The URI's extension gives them our language,
// so every feature works in them; the server's inlay hints say where each entry comes from. This module
// provides their text, keeps them up to date (edits of an open source always; files on disk when
// following is on), and shows the active filter in the status bar.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
    CLIENT_COMMANDS, describeClauses, LANGUAGE_IDS, NOTIFICATIONS, parseViewUri, REQUESTS, SETTINGS, SETTINGS_SECTION,
    VIEW_SCHEME, ViewInfo, ViewSpec,
} from '../../../server/out/service/formats';

/** The spec of a view, compared without regard to how the URI was written. */
export function specKey(spec: ViewSpec): string {
    return JSON.stringify([spec.source, spec.clauses, spec.format, spec.page]);
}

const FOLLOW_DEBOUNCE_MS = 1000;

export class FilterDocuments implements vscode.TextDocumentContentProvider {
    private readonly changes = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changes.event;
    private readonly status: vscode.StatusBarItem;
    /** Views whose source changed while they were not following it. */
    private readonly stale = new Set<string>();
    /** Follow overrides per view (the setting otherwise). */
    private readonly followOverride = new Map<string, boolean>();
    private readonly watchers = new Map<string, vscode.Disposable>();
    private readonly timers = new Map<string, NodeJS.Timeout>();
    /** Errors the server gave for a view (shown once, and as the status). */
    private readonly errors = new Map<string, string>();

    constructor(private readonly client: () => LanguageClient | undefined) {
        this.status = vscode.window.createStatusBarItem('gatewayLogs.filter', vscode.StatusBarAlignment.Left, 50);
        this.status.name = 'Gateway Logs Filter';
    }

    register(context: vscode.ExtensionContext): void {
        context.subscriptions.push(
            vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this),
            this.status,
            this.changes,
            vscode.window.onDidChangeActiveTextEditor(() => void this.updateStatus()),
            vscode.workspace.onDidCloseTextDocument((doc) => {
                if (doc.uri.scheme === VIEW_SCHEME) {
                    const key = doc.uri.toString();
                    this.watchers.get(key)?.dispose();
                    this.watchers.delete(key);
                    this.stale.delete(key);
                    this.errors.delete(key);
                }
            }),
            vscode.workspace.onDidChangeConfiguration((event) => {
                if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.filterFollow}`)) {
                    this.openViews().forEach((doc) => this.watch(doc.uri));
                    void this.updateStatus();
                }
            }),
            { dispose: () => this.watchers.forEach((w) => w.dispose()) },
        );
        void this.updateStatus();
    }

    /** Listens for the server's "views changed" notifications (call once the client runs). */
    listen(client: LanguageClient): vscode.Disposable {
        return client.onNotification(NOTIFICATIONS.filterChanged, (params: { uris?: string[]; textChanged?: boolean; finished?: boolean }) => {
            const changed = new Set((params.uris ?? []).map((u) => parseViewUri(u)).filter((s): s is ViewSpec => !!s).map(specKey));
            for (const doc of this.openViews()) {
                const spec = parseViewUri(doc.uri.toString());
                if (!spec || !changed.has(specKey(spec))) {
                    continue;
                }
                if (params.textChanged) {
                    // An open document's views always follow its edits; views of files on disk when following;
                    // a part shown while its log was still being read, once it is complete.
                    if (params.finished || spec.source.kind === 'document' || this.following(doc.uri)) {
                        this.changes.fire(doc.uri);
                    } else {
                        this.stale.add(doc.uri.toString());
                    }
                }
            }
            void this.updateStatus();
        });
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const running = this.client();
        if (!running) {
            return '';
        }
        if (!running.isRunning()) {
            await running.start().catch(() => undefined);
        }
        const key = uri.toString();
        const answer: { text?: string; error?: string } = await running.sendRequest<{ text?: string; error?: string }>(REQUESTS.filterText, { uri: key })
            .catch((error: unknown) => ({ error: String(error) }));
        this.stale.delete(key);
        this.watch(uri);
        if (answer.error !== undefined) {
            if (this.errors.get(key) !== answer.error) {
                void vscode.window.showWarningMessage(`Gateway Logs: ${answer.error}`);
            }
            this.errors.set(key, answer.error);
            void this.updateStatus();
            return '';
        }
        this.errors.delete(key);
        setTimeout(() => void this.updateStatus(), 0);
        return answer.text ?? '';
    }

    /** Open view documents. */
    openViews(): vscode.TextDocument[] {
        return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === VIEW_SCHEME);
    }

    following(uri: vscode.Uri): boolean {
        const override = this.followOverride.get(uri.toString());
        return override ?? vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(SETTINGS.filterFollow, false);
    }

    setFollowing(uri: vscode.Uri, follow: boolean): void {
        this.followOverride.set(uri.toString(), follow);
        this.watch(uri);
        if (follow) {
            void this.refresh(uri);
        }
        void this.updateStatus();
    }

    /** Reads the view again (the server re-reads its source first). */
    async refresh(uri: vscode.Uri): Promise<void> {
        const running = this.client();
        if (running?.isRunning()) {
            await running.sendRequest(REQUESTS.filterRefresh, { uri: uri.toString() }).catch(() => undefined);
        }
        this.changes.fire(uri);
    }

    /** Watches the source file of a view that follows it; a change reads the view again (debounced). */
    private watch(uri: vscode.Uri): void {
        const key = uri.toString();
        const spec = parseViewUri(key);
        const wanted = !!spec && spec.source.kind === 'file' && this.following(uri);
        if (!wanted) {
            this.watchers.get(key)?.dispose();
            this.watchers.delete(key);
            return;
        }
        if (this.watchers.has(key) || spec.source.kind !== 'file') {
            return;
        }
        const file = vscode.Uri.parse(spec.source.uri);
        if (file.scheme !== 'file') {
            return;
        }
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file.fsPath)), path.basename(file.fsPath)));
        const changed = (): void => {
            clearTimeout(this.timers.get(key));
            this.timers.set(key, setTimeout(() => {
                this.timers.delete(key);
                void this.followTail(uri);
            }, FOLLOW_DEBOUNCE_MS));
        };
        this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed)));
    }

    /** The source grew: read the view again and, when later parts appeared, move to the last one. */
    private async followTail(uri: vscode.Uri): Promise<void> {
        await this.refresh(uri);
        const info = await this.info(uri);
        const spec = parseViewUri(uri.toString());
        if (info && spec && info.complete && info.parts > spec.page + 1) {
            await vscode.commands.executeCommand(CLIENT_COMMANDS.filterNextPage, uri.toString(), info.parts - 1);
            return;
        }
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
        if (editor) {
            const end = new vscode.Position(editor.document.lineCount - 1, 0);
            editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.Default);
        }
    }

    async info(uri: vscode.Uri): Promise<ViewInfo | undefined> {
        const running = this.client();
        if (!running?.isRunning()) {
            return undefined;
        }
        return (await running.sendRequest<ViewInfo | null>(REQUESTS.filterInfo, { uri: uri.toString() }).catch(() => null)) ?? undefined;
    }

    /** The status bar: the active view's filter and counts, or an offer to filter the active log. */
    async updateStatus(): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        const uri = editor?.document.uri;
        if (uri?.scheme === VIEW_SCHEME) {
            const spec = parseViewUri(uri.toString());
            if (!spec) {
                this.status.hide();
                return;
            }
            const key = uri.toString();
            const info = await this.info(uri);
            if (vscode.window.activeTextEditor?.document.uri.toString() !== key) {
                return;
            }
            this.status.text = `$(filter) ${statusText(spec, info)}`;
            this.status.tooltip = statusTooltip(spec, info, this.stale.has(key), this.following(uri), this.errors.get(key));
            this.status.command = { title: 'Change the Filter', command: CLIENT_COMMANDS.filterLog, arguments: [key] };
            this.status.backgroundColor = this.stale.has(key) || this.errors.has(key) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
            this.status.show();
            return;
        }
        if (editor && (LANGUAGE_IDS as readonly string[]).includes(editor.document.languageId)) {
            this.status.text = '$(filter) Filter';
            this.status.tooltip = 'Show only the entries that matter: a session, a user, errors, rejections, a time range, text… (Gateway Logs: Filter Log…)';
            this.status.command = CLIENT_COMMANDS.filterLog;
            this.status.backgroundColor = undefined;
            this.status.show();
            return;
        }
        this.status.hide();
    }
}

function count(n: number): string {
    return n.toLocaleString('en-US');
}

/** `user “akim” · warning or worse — 37 of 1,203` (parts and counting said when there are). */
export function statusText(spec: ViewSpec, info: ViewInfo | undefined): string {
    const description = describeClauses(spec.clauses);
    const short = description.length > 60 ? `${description.slice(0, 59)}…` : description;
    if (!info) {
        return short;
    }
    const matched = info.complete ? count(info.matched) : `${count(info.matched)}+`;
    const of = info.entries !== undefined ? ` of ${count(info.entries)}` : '';
    const part = info.parts > 1 || !info.complete ? ` · part ${info.page + 1}/${count(info.parts)}${info.complete ? '' : '+'}` : '';
    const reading = !info.complete && info.size ? ` · reading ${Math.floor((100 * (info.read ?? 0)) / info.size)}%` : '';
    return `${short} — ${matched}${of}${part}${reading}`;
}

function statusTooltip(spec: ViewSpec, info: ViewInfo | undefined, stale: boolean, following: boolean, error: string | undefined): vscode.MarkdownString {
    // Plain text only: clause values come from logs and from people, and are shown, never interpreted.
    const text = new vscode.MarkdownString();
    text.appendText(`Filtered view of ${info?.files.length === 1 ? info.files[0] : `${info?.files.length ?? 0} files`}\n\n`);
    spec.clauses.forEach((c, i) => text.appendText(`${i + 1}. ${describeClauses([c])}\n`));
    if (info) {
        text.appendText(`\n${count(info.matched)}${info.complete ? '' : '+'} matching entries${info.entries !== undefined ? ` of ${count(info.entries)}` : ''}`);
        if (!info.complete && info.size) {
            text.appendText(` (counting: ${Math.round((100 * (info.read ?? 0)) / info.size)}% read)`);
        }
        if (info.parts > 1) {
            text.appendText(`; part ${info.page + 1} of ${count(info.parts)}${info.complete ? '' : '+'}`);
        }
        text.appendText('\n');
    }
    if (spec.source.kind !== 'document') {
        text.appendText(following ? '\nFollowing the file as it grows.\n' : '\nNot following the file (Gateway Logs: Toggle Following the Log).\n');
    }
    if (stale) {
        text.appendText('\nThe source changed since this view was made: run Gateway Logs: Refresh Filtered View.\n');
    }
    if (error) {
        text.appendText(`\n${error}\n`);
    }
    text.appendText('\nClick to change the filter.');
    return text;
}
