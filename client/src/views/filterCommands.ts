// Commands of filtered views: "Show Only This Session / User / Device", "Show Only Problems", the filter
// builder, "Show Session Events" in the Sessions view, "Reveal in Original", the parts of a long view,
// export, following a growing file. The server answers every question about logs; this module asks
// and opens what it answers.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
    CLIENT_COMMANDS, FilterClause, formatOfLanguage, parseViewUri, readClauses, REQUESTS, VIEW_SCHEME, ViewSource, ViewSpec, withPage,
} from '../../../server/out/service/formats';
import { revealEntry } from '../navigation';
import { buildFilter } from './filterBuilder';
import { FilterDocuments } from './filterDocuments';

type Format = 'bluecedar' | 'oag';

/** What a filter is made for: a source, its name and format, and where the cursor is in it. */
export interface FilterTarget {
    source: ViewSource;
    sourceName: string;
    format: Format;
    /** The clauses of the view the command ran in (to change them). */
    clauses?: FilterClause[];
    /** The view the command ran in. */
    view?: vscode.Uri;
    /** 0-based line of the cursor in the source (or the view). */
    line?: number;
    /** The document the line is in (a view or the source). */
    at?: vscode.Uri;
}

interface Context {
    error?: string;
    format: Format;
    session?: FilterClause;
    user?: string;
    device?: string;
    app?: string;
    ip?: string;
    source: ViewSource;
    sourceName: string;
    sourceLine: number;
}

export class FilterCommands {
    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly client: () => LanguageClient | undefined,
        readonly documents: FilterDocuments,
    ) {}

    register(): void {
        const c = CLIENT_COMMANDS;
        this.context.subscriptions.push(
            vscode.commands.registerCommand(c.filterLog, (arg?: unknown) => buildFilter(this, arg)),
            vscode.commands.registerCommand(c.filterApply, (source?: unknown, clauses?: unknown, line?: unknown) => this.apply(source, clauses, line)),
            vscode.commands.registerCommand(c.filterShowSession, (uri?: unknown, line?: unknown) => this.showOnly('session', uri, line)),
            vscode.commands.registerCommand(c.filterShowUser, (uri?: unknown, line?: unknown) => this.showOnly('user', uri, line)),
            vscode.commands.registerCommand(c.filterShowDevice, (uri?: unknown, line?: unknown) => this.showOnly('device', uri, line)),
            vscode.commands.registerCommand(c.filterShowProblems, (uri?: unknown) => this.showProblems(uri)),
            vscode.commands.registerCommand(c.filterSessionEvents, (node?: unknown) => this.sessionEvents(node)),
            vscode.commands.registerCommand(c.filterRevealInOriginal, (uri?: unknown, line?: unknown) => this.revealInOriginal(uri, line)),
            vscode.commands.registerCommand(c.filterNextPage, (uri?: unknown, page?: unknown) => this.turnPage(uri, 1, page)),
            vscode.commands.registerCommand(c.filterPreviousPage, (uri?: unknown) => this.turnPage(uri, -1)),
            vscode.commands.registerCommand(c.filterExport, (uri?: unknown, target?: unknown, as?: unknown) => this.exportView(uri, target, as)),
            vscode.commands.registerCommand(c.filterToggleFollow, (uri?: unknown) => this.toggleFollow(uri)),
            vscode.commands.registerCommand(c.filterRefresh, (uri?: unknown) => this.refresh(uri)),
        );
    }

    async request<T>(method: string, params: unknown): Promise<T | { error: string }> {
        const running = this.client();
        if (!running) {
            return { error: 'The Gateway Log Tools language server is not running.' };
        }
        if (!running.isRunning()) {
            await running.start().catch(() => undefined);
        }
        try {
            return await running.sendRequest<T>(method, params);
        } catch (error) {
            return { error: String(error) };
        }
    }

    /** The source a command applies to: a view's source, a log of ours, or a large file in the active tab. */
    target(arg?: unknown, lineArg?: unknown): FilterTarget | undefined {
        const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : undefined;
        const editor = vscode.window.activeTextEditor;
        const chosen = uri ?? editor?.document.uri ?? activeTabUri();
        if (!chosen) {
            return undefined;
        }
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === chosen.toString());
        const line = typeof lineArg === 'number' ? lineArg : editor && editor.document.uri.toString() === chosen.toString() ? editor.selection.active.line : undefined;
        if (chosen.scheme === VIEW_SCHEME) {
            const spec = parseViewUri(chosen.toString());
            return spec && {
                source: spec.source, sourceName: viewSourceName(chosen), format: spec.format, clauses: spec.clauses, view: chosen, line, at: chosen,
            };
        }
        const format = document ? formatOfLanguage(document.languageId) : undefined;
        if (document && format) {
            return { source: { kind: 'document', uri: chosen.toString() }, sourceName: path.basename(chosen.path), format, line, at: chosen };
        }
        if (chosen.scheme === 'file') {
            // Not shared with extensions (over 50 MB), or not open: read from disk (the server finds the format).
            return { source: { kind: 'file', uri: chosen.toString() }, sourceName: path.basename(chosen.fsPath), format: 'bluecedar', line, at: document ? chosen : undefined };
        }
        return undefined;
    }

    /** Opens a view and puts the cursor on the line showing `line` of the source. */
    async openView(spec: ViewSpec, line?: number, column?: vscode.ViewColumn): Promise<vscode.TextDocument | undefined> {
        const answer = await this.request<{ uri: string; line?: number }>(REQUESTS.filterOpen, { spec, line });
        if ('error' in answer) {
            void vscode.window.showWarningMessage(`Gateway Logs: ${answer.error}`);
            return undefined;
        }
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(answer.uri));
        const editor = await vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
        if (answer.line !== undefined && answer.line < document.lineCount) {
            const at = new vscode.Position(answer.line, 0);
            editor.selection = new vscode.Selection(at, at);
            editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
        }
        await this.rememberLast(spec.clauses);
        void this.documents.updateStatus();
        return document;
    }

    /** Programmatic: a view of `source` (a URI string; the active log when omitted) with these clauses. */
    async apply(sourceArg: unknown, clausesArg: unknown, lineArg: unknown): Promise<string | undefined> {
        const clauses = readClauses(clausesArg ?? []);
        if (typeof clauses === 'string') {
            void vscode.window.showWarningMessage(`Gateway Logs: ${clauses}`);
            return undefined;
        }
        const target = this.target(sourceArg);
        if (!target) {
            void vscode.window.showInformationMessage('Gateway Logs: open a Blue Cedar or OAG log to filter.');
            return undefined;
        }
        const line = typeof lineArg === 'number' ? lineArg : undefined;
        const document = await this.openView({ source: target.source, clauses, page: 0, format: target.format }, line);
        return document?.uri.toString();
    }

    private async contextAt(uriArg: unknown, lineArg: unknown): Promise<Context | undefined> {
        const target = this.target(uriArg, lineArg);
        const at = target?.at;
        if (!target || !at || target.line === undefined) {
            void vscode.window.showInformationMessage('Gateway Logs: put the cursor on an entry of a Blue Cedar or OAG log first.');
            return undefined;
        }
        const context = await this.request<Context>(REQUESTS.filterContext, { uri: at.toString(), line: target.line });
        if ('error' in context && context.error) {
            void vscode.window.showInformationMessage(`Gateway Logs: ${context.error}`);
            return undefined;
        }
        return context as Context;
    }

    async showOnly(what: 'session' | 'user' | 'device', uriArg?: unknown, lineArg?: unknown): Promise<string | undefined> {
        const context = await this.contextAt(uriArg, lineArg);
        if (!context) {
            return undefined;
        }
        let clause: FilterClause | undefined;
        if (what === 'session') {
            clause = context.session;
        } else if (context[what]) {
            clause = { type: what, value: context[what]! };
        }
        if (!clause) {
            void vscode.window.showInformationMessage(`Gateway Logs: this entry names no ${what === 'session' ? 'session' : what} (nor does its session).`);
            return undefined;
        }
        const document = await this.openView({ source: context.source, clauses: [clause], page: 0, format: context.format }, context.sourceLine);
        return document?.uri.toString();
    }

    async showProblems(uriArg?: unknown): Promise<string | undefined> {
        const target = this.target(uriArg);
        if (!target) {
            void vscode.window.showInformationMessage('Gateway Logs: open a Blue Cedar or OAG log first.');
            return undefined;
        }
        const document = await this.openView({ source: target.source, clauses: [{ type: 'problems' }], page: 0, format: target.format }, target.view ? undefined : target.line);
        return document?.uri.toString();
    }

    /** From the Sessions view: every event of a session, across the bundle's files. */
    async sessionEvents(node: unknown): Promise<string | undefined> {
        const location = (node as { location?: { uri?: unknown; line?: unknown } } | undefined)?.location;
        if (typeof location?.uri !== 'string' || typeof location.line !== 'number') {
            return undefined;
        }
        const context = await this.request<Context>(REQUESTS.filterContext, { uri: location.uri, line: location.line });
        if ('error' in context && context.error) {
            void vscode.window.showInformationMessage(`Gateway Logs: ${context.error}`);
            return undefined;
        }
        const found = context as Context;
        if (!found.session) {
            return undefined;
        }
        const document = await this.openView({ source: { kind: 'bundle', format: found.format }, clauses: [found.session], page: 0, format: found.format });
        return document?.uri.toString();
    }

    /** Opens the original of the entry at the cursor of a view (a window for gzipped or very large files). */
    async revealInOriginal(uriArg?: unknown, lineArg?: unknown): Promise<boolean> {
        const target = this.target(uriArg, lineArg);
        if (!target?.view || target.line === undefined) {
            void vscode.window.showInformationMessage('Gateway Logs: Reveal in Original works in a filtered view.');
            return false;
        }
        const answer = await this.request<{ uri: string; line: number }>(REQUESTS.filterOriginal, { uri: target.view.toString(), line: target.line });
        if ('error' in answer) {
            void vscode.window.showInformationMessage(`Gateway Logs: ${answer.error}`);
            return false;
        }
        return revealEntry(answer.uri, answer.line);
    }

    /** The next (or previous) part of a long view, in the same editor. `page`: a part to go to instead. */
    async turnPage(uriArg: unknown, step: number, pageArg?: unknown): Promise<string | undefined> {
        const target = this.target(uriArg);
        const spec = target?.view && parseViewUri(target.view.toString());
        if (!target?.view || !spec) {
            return undefined;
        }
        const page = typeof pageArg === 'number' ? pageArg : spec.page + step;
        if (page < 0) {
            return undefined;
        }
        const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.view!.toString())?.viewColumn;
        const document = await this.openView(withPage(spec, page), undefined, column);
        return document?.uri.toString();
    }

    /** Writes a view's entries (every part) to a file the user picks: the original text, CSV or NDJSON. */
    async exportView(uriArg?: unknown, targetArg?: unknown, asArg?: unknown): Promise<{ entries: number; path: string } | undefined> {
        const target = this.target(uriArg);
        if (!target?.view) {
            void vscode.window.showInformationMessage('Gateway Logs: export works on a filtered view: filter the log first (Gateway Logs: Filter Log…).');
            return undefined;
        }
        const formats = [
            { label: 'Original log text', description: 'the entries as the log writes them', as: 'log', ext: 'log' },
            { label: 'CSV', description: 'one row per entry: file, line, time, severity, component, event, session, user…', as: 'csv', ext: 'csv' },
            { label: 'NDJSON', description: 'one JSON object per entry, with every parsed field and the text', as: 'ndjson', ext: 'ndjson' },
        ] as const;
        const as = typeof asArg === 'string' ? formats.find((f) => f.as === asArg) : await vscode.window.showQuickPick(formats, { title: 'Export the filtered entries as' });
        if (!as) {
            return undefined;
        }
        let file = typeof targetArg === 'string' ? targetArg : undefined;
        if (!file) {
            const sourceUri = target.source.kind === 'bundle' ? undefined : vscode.Uri.parse(target.source.uri);
            const folder = sourceUri?.scheme === 'file' ? vscode.Uri.file(path.dirname(sourceUri.fsPath)) : vscode.workspace.workspaceFolders?.[0]?.uri;
            const name = `${target.sourceName.replace(/\.[^.]*$/, '')}-filtered.${as.ext}`;
            const picked = await vscode.window.showSaveDialog({
                title: 'Export Filtered Entries', saveLabel: 'Export',
                defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
                filters: { [as.label]: [as.ext], 'All files': ['*'] },
            });
            if (!picked) {
                return undefined;
            }
            file = picked.fsPath;
        }
        const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting filtered entries…' },
            () => this.request<{ entries: number; path: string }>(REQUESTS.filterExport, { uri: target.view!.toString(), path: file, as: as.as }));
        if ('error' in answer) {
            void vscode.window.showWarningMessage(`Gateway Logs: ${answer.error}`);
            return undefined;
        }
        void vscode.window.showInformationMessage(`Gateway Logs: wrote ${answer.entries.toLocaleString('en-US')} entries to ${path.basename(answer.path)}.`, 'Open').then((choice) => {
            if (choice) {
                void vscode.window.showTextDocument(vscode.Uri.file(answer.path));
            }
        });
        return answer;
    }

    toggleFollow(uriArg?: unknown): boolean | undefined {
        const target = this.target(uriArg);
        if (!target?.view) {
            return undefined;
        }
        const follow = !this.documents.following(target.view);
        this.documents.setFollowing(target.view, follow);
        vscode.window.setStatusBarMessage(follow ? 'Gateway Logs: the view follows its log as it grows.' : 'Gateway Logs: the view no longer follows its log.', 4000);
        return follow;
    }

    async refresh(uriArg?: unknown): Promise<void> {
        const target = this.target(uriArg);
        if (target?.view) {
            await this.documents.refresh(target.view);
        }
    }

    // ---------------------------------------------------------------------------------- saved filters

    private static readonly SAVED = 'gatewayLogs.filter.saved';
    private static readonly LAST = 'gatewayLogs.filter.last';

    saved(): { name: string; clauses: FilterClause[] }[] {
        const raw = this.context.workspaceState.get<unknown>(FilterCommands.SAVED);
        if (!Array.isArray(raw)) {
            return [];
        }
        return raw.flatMap((item) => {
            const name = (item as { name?: unknown })?.name;
            const clauses = readClauses((item as { clauses?: unknown })?.clauses);
            return typeof name === 'string' && typeof clauses !== 'string' ? [{ name, clauses }] : [];
        });
    }

    async save(name: string, clauses: FilterClause[]): Promise<void> {
        const others = this.saved().filter((s) => s.name !== name);
        await this.context.workspaceState.update(FilterCommands.SAVED, [{ name, clauses }, ...others].slice(0, 50));
    }

    last(): FilterClause[] | undefined {
        const clauses = readClauses(this.context.workspaceState.get<unknown>(FilterCommands.LAST));
        return typeof clauses === 'string' || clauses.length === 0 ? undefined : clauses;
    }

    private async rememberLast(clauses: FilterClause[]): Promise<void> {
        await this.context.workspaceState.update(FilterCommands.LAST, clauses);
    }
}

function activeTabUri(): vscode.Uri | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputText ? input.uri : undefined;
}

/** The source's name as a view's title gives it (`gateway.log` of `gateway.log (user “akim”)`). */
function viewSourceName(uri: vscode.Uri): string {
    const title = path.posix.basename(uri.path).replace(/\.(bluecedar|oag)-log$/, '');
    const at = title.indexOf(' (');
    return at > 0 ? title.slice(0, at) : title;
}
