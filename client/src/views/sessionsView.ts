// The "Gateway Sessions" view: the bundle's sessions grouped by day, then by user (or app or device),
// asked of the language server a level at a time. Selecting a session opens its START (in any file,
// through a window for gzipped or very large files). Labels are plain text: log content stays inert.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { NOTIFICATIONS, parseTextAndRange, REQUESTS } from '../../../server/out/service/formats';
import { sessionsMessage } from './countLabels';

type GroupBy = 'user' | 'app' | 'device';

interface Node {
    id: string;
    kind: 'day' | 'group' | 'session' | 'more';
    label: string;
    description?: string;
    count?: number;
    tooltip?: string;
    location?: { uri: string; line: number };
    session?: { badges: string[] };
}

interface Status {
    files: { path: string }[];
    sessions: number;
    entries: number;
    indexing: boolean;
    skipped: { path: string; reason: string }[];
}

export const SESSIONS_VIEW = 'gatewayLogs.sessions';
/**
 * How often the view asks whether indexing has ended while the server says it runs. The server tells the
 * view when a sync changed the bundle, not when one that changed nothing ends, nor when the view asked
 * for the status in the middle of one: without asking again, the view could say "Indexing log files…"
 * until the next change.
 */
const INDEXING_RECHECK_MS = 1000;
/** A filtered view opens the days and groups of at most this many sessions (a screenful). */
const FILTERED_OPEN_MAX = 20;
const GROUP_LABELS: Record<GroupBy, string> = { user: 'user', app: 'app', device: 'device' };

export class SessionsView implements vscode.TreeDataProvider<Node> {
    private readonly changed = new vscode.EventEmitter<Node | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    private groupBy: GroupBy = 'user';
    private filterText = '';
    private status?: Status;
    /** Days shown at the top level, for the message. */
    private days = 0;
    private recheck?: ReturnType<typeof setTimeout>;
    view?: vscode.TreeView<Node>;

    constructor(private readonly client: () => LanguageClient | undefined) {}

    register(context: vscode.ExtensionContext): void {
        this.view = vscode.window.createTreeView(SESSIONS_VIEW, { treeDataProvider: this, showCollapseAll: true });
        context.subscriptions.push(
            this.view,
            vscode.commands.registerCommand('gatewayLogs.sessions.refresh', () => this.rescan()),
            vscode.commands.registerCommand('gatewayLogs.sessions.groupBy', () => this.chooseGrouping()),
            vscode.commands.registerCommand('gatewayLogs.sessions.filter', () => this.chooseFilter()),
            vscode.commands.registerCommand('gatewayLogs.sessions.clearFilter', () => this.setFilter('')),
            { dispose: () => clearTimeout(this.recheck) },
        );
        void vscode.commands.executeCommand('setContext', 'gatewayLogs.sessions.filtered', false);
    }

    /** Listens for the server's "bundle changed" notifications (call once the client runs). */
    listen(client: LanguageClient, also?: () => void): vscode.Disposable {
        return client.onNotification(NOTIFICATIONS.bundleChanged, (status: Status) => {
            this.status = status;
            this.refresh();
            also?.();
        });
    }

    refresh(): void {
        this.changed.fire(undefined);
    }

    /**
     * The view's Refresh: has the server look at the disk again, then redraws. File watchers miss changes
     * (files unpacked into a folder made at the same moment, network drives, folders VS Code is told not to
     * watch); asking to add no path makes the server sync the bundle now, and it tells the view what changed.
     */
    async rescan(): Promise<void> {
        const client = this.client();
        if (client?.isRunning()) {
            await client.sendRequest(REQUESTS.bundleAdd, { paths: [] }).catch(() => undefined);
        }
        this.refresh();
    }

    get grouping(): GroupBy {
        return this.groupBy;
    }

    async chooseGrouping(choice?: GroupBy): Promise<void> {
        const picked = choice ?? (await vscode.window.showQuickPick(
            (['user', 'app', 'device'] as const).map((g) => ({ label: `Group by ${GROUP_LABELS[g]}`, picked: g === this.groupBy, group: g })),
            { title: 'Group the sessions of each day by' },
        ))?.group;
        if (picked) {
            this.groupBy = picked;
            this.refresh();
        }
    }

    async chooseFilter(text?: string): Promise<void> {
        const value = text ?? await vscode.window.showInputBox({
            title: 'Show only sessions whose user, device, app, IP, appGsid or SESSION_ID contains… (and that start in a time range)',
            value: this.filterText,
            placeHolder: 'akim · 10.24.0.42 · akim from 2021-11-01 10:00 to 12:00 · Nov 1 10:00 to 11:00',
            validateInput: (input) => {
                const parsed = parseTextAndRange(input);
                return typeof parsed === 'string' ? parsed : undefined;
            },
        });
        if (value !== undefined) {
            this.setFilter(value);
        }
    }

    private setFilter(text: string): void {
        this.filterText = text.trim();
        void vscode.commands.executeCommand('setContext', 'gatewayLogs.sessions.filtered', this.filterText !== '');
        this.refresh();
    }

    getTreeItem(node: Node): vscode.TreeItem {
        // A filter that leaves a few sessions shows them at once: the days and groups holding them open.
        const open = this.filterText !== '' && (node.count ?? Infinity) <= FILTERED_OPEN_MAX;
        const collapsible = node.kind === 'day' || node.kind === 'group'
            ? (open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
        const item = new vscode.TreeItem(node.label, collapsible);
        item.id = `${this.groupBy}/${this.filterText}/${node.id}`;
        item.description = node.description;
        item.tooltip = node.tooltip;
        item.contextValue = node.kind;
        if (node.kind === 'day') {
            item.iconPath = new vscode.ThemeIcon('calendar');
        } else if (node.kind === 'group') {
            item.iconPath = new vscode.ThemeIcon(this.groupBy === 'user' ? 'account' : this.groupBy === 'app' ? 'package' : 'device-mobile');
        } else if (node.kind === 'session') {
            const badges = node.session?.badges ?? [];
            item.iconPath = badges.includes('rejected') || badges.includes('errors') || badges.includes('jailbroken')
                ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
                : badges.length > 0 ? new vscode.ThemeIcon('debug-disconnect') : new vscode.ThemeIcon('plug');
            if (node.location) {
                item.command = { command: 'gatewayLogs.revealEntry', title: 'Reveal Session Start', arguments: [node.location.uri, node.location.line] };
            }
        }
        return item;
    }

    async getChildren(node?: Node): Promise<Node[]> {
        const client = this.client();
        if (!client?.isRunning()) {
            this.setMessage('The Gateway Log Tools language server is starting…');
            return [];
        }
        if (!node) {
            this.status = await client.sendRequest<Status>(REQUESTS.bundleStatus).catch(() => undefined);
        }
        const nodes = await client.sendRequest<Node[]>(REQUESTS.bundleTree, {
            parent: node?.id, groupBy: this.groupBy, filter: { query: this.filterText || undefined },
        }).catch(() => []);
        if (!node) {
            this.days = nodes.length;
            this.describe();
        }
        return nodes;
    }

    /** While the server says it is indexing, asks again until it says it is done, then updates the message. */
    private recheckWhileIndexing(): void {
        if (!this.status?.indexing || this.recheck) {
            return;
        }
        this.recheck = setTimeout(async () => {
            const client = this.client();
            const status = client?.isRunning() ? await client.sendRequest<Status>(REQUESTS.bundleStatus).catch(() => undefined) : undefined;
            this.recheck = undefined;
            if (status) {
                this.status = status;
                this.describe();
            }
        }, INDEXING_RECHECK_MS);
    }

    /** Says what the view shows (or why it is empty) above the tree. */
    private describe(): void {
        const status = this.status;
        this.recheckWhileIndexing();
        this.setMessage(status && sessionsMessage({
            indexing: status.indexing, filter: this.filterText, days: this.days, sessions: status.sessions, files: status.files.length,
        }));
    }

    private setMessage(message: string | undefined): void {
        if (this.view) {
            this.view.message = message;
        }
    }
}
