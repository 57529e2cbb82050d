// Entry point of the Gateway Log Tools extension: starts the language server and adds
// what has to live in the editor (commands, content detection, large-file handling).

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    TransportKind,
} from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, LANGUAGE_IDS, REQUESTS, SETTINGS_SECTION, VIEW_SCHEME } from '../../server/out/service/formats';
import { registerContentDetection } from './contentDetection';
import { addedPaths, addLogFiles } from './views/bundleCommands';
import { SessionsView } from './views/sessionsView';
import { registerWindowDocuments, WINDOW_SCHEME } from './views/windowDocuments';
import { openSlice, registerLargeFileNotice, registerSliceViews, SLICE_SCHEME } from './largeFiles';
import { FILTER_CLIENT_COMMANDS, registerFilterViews } from './views/filters';
import { goToPairedEvent, revealEntry } from './navigation';
import { RestartNoticeState, restartNoticeErrorHandler } from './restartNotice';
import { TimelinePanels, TimelineState } from './timeline/panel';

let client: LanguageClient | undefined;
const restarts: RestartNoticeState = { crashRestarts: 0, noticesShown: 0 };

/** What the extension returns from `activate`: a view of its language server's state. */
export interface GatewayLogsApi {
    /** The running server's process id and how many documents it holds; undefined when none answers. */
    serverInfo(): Promise<{ pid: number; documents: number } | undefined>;
    /** Restarts after unexpected exits, and how often the user was told (once at most). */
    readonly restarts: Readonly<RestartNoticeState>;
    /** The open timeline views and what each last painted. */
    timelines(): TimelineState[];
    /** What the bundle index holds (files, sessions) and whether indexing runs; undefined without a server. */
    bundleStatus(): Promise<{ files: { path: string }[]; sessions: number; entries: number; indexing: boolean } | undefined>;
}

function serverModulePath(context: vscode.ExtensionContext): string {
    const bundled = context.asAbsolutePath('dist/server.js');
    // During development `tsc -b` alone produces the unbundled server.
    if (!fs.existsSync(bundled)) {
        const compiled = context.asAbsolutePath('server/out/server.js');
        if (fs.existsSync(compiled)) {
            return compiled;
        }
    }
    return bundled;
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel): LanguageClient {
    // Indexes of the workspace's log bundle are kept in its storage (else in the extension's).
    const storagePath = (context.storageUri ?? context.globalStorageUri).fsPath;
    const module = serverModulePath(context);
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: LANGUAGE_IDS.flatMap((language) => [
            { scheme: 'file', language },
            { scheme: 'untitled', language },
            { scheme: WINDOW_SCHEME, language },
            { scheme: SLICE_SCHEME, language },
            { scheme: VIEW_SCHEME, language },
        ]),
        synchronize: { configurationSection: SETTINGS_SECTION },
        // Lenses carry this client's own reveal command (other editors get the server's).
        initializationOptions: {
            clientCommands: { revealEntry: CLIENT_COMMANDS.revealEntry, ...FILTER_CLIENT_COMMANDS },
            bundle: { storagePath, extraPaths: addedPaths(context) },
        },
        outputChannel,
        errorHandler: restartNoticeErrorHandler(() => client, restarts),
    };
    // The id (the settings section) makes the client honour the `gatewayLogs.trace.server` setting.
    return new LanguageClient(SETTINGS_SECTION, 'Gateway Log Tools', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<GatewayLogsApi> {
    const outputChannel = vscode.window.createOutputChannel('Gateway Log Tools');
    context.subscriptions.push(outputChannel);
    const log = (message: string): void => outputChannel.appendLine(`[client] ${message}`);

    client = createClient(context, outputChannel);
    const sessionsView = new SessionsView(() => client);
    sessionsView.register(context);
    registerWindowDocuments(context, () => client);
    const filterViews = registerFilterViews(context, () => client);

    const timelines = new TimelinePanels(context.extensionUri, (method, params) => {
        const running = client;
        return running?.isRunning() ? running.sendRequest(method, params) : undefined;
    }, LANGUAGE_IDS, log);

    context.subscriptions.push(
        timelines,
        vscode.commands.registerCommand(CLIENT_COMMANDS.showTimeline, (uri?: vscode.Uri) => timelines.show(uri instanceof vscode.Uri ? uri : undefined)),
        vscode.commands.registerCommand(CLIENT_COMMANDS.showBundleTimeline, () => timelines.showBundle()),
        vscode.commands.registerCommand(CLIENT_COMMANDS.goToPairedEvent, goToPairedEvent),
        vscode.commands.registerCommand(CLIENT_COMMANDS.revealEntry, revealEntry),
        vscode.commands.registerCommand(CLIENT_COMMANDS.openSlice, openSlice),
        vscode.commands.registerCommand(CLIENT_COMMANDS.addToBundle, (uri?: vscode.Uri, uris?: vscode.Uri[]) =>
            addLogFiles(context, client, uris ?? (uri instanceof vscode.Uri ? [uri] : undefined))),
        vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
            if (!client) {
                return;
            }
            try {
                if (client.needsStop()) {
                    await client.restart();
                } else if (client.needsStart()) {
                    await client.start();
                } else {
                    // A client whose first start failed cannot be started again: make a new one.
                    await client.dispose().catch(() => undefined);
                    client = createClient(context, outputChannel);
                    await client.start();
                }
                context.subscriptions.push(sessionsView.listen(client, () => timelines.bundleChanged()), filterViews.listen(client));
                sessionsView.refresh();
                log('Language server restarted on request.');
            } catch (error) {
                void vscode.window.showErrorMessage(`Gateway Log Tools: restarting the language server failed: ${String(error)}`);
            }
        }),
    );

    registerContentDetection(context, log);
    registerSliceViews(context);
    registerLargeFileNotice(context, log);

    try {
        await client.start();
        context.subscriptions.push(sessionsView.listen(client, () => timelines.bundleChanged()), filterViews.listen(client));
        sessionsView.refresh();
    } catch (error) {
        log(`The language server did not start: ${String(error)}`);
    }
    return {
        serverInfo: async () => {
            const running = client;
            if (!running?.isRunning()) {
                return undefined;
            }
            return running.sendRequest<{ pid: number; documents: number }>(REQUESTS.serverInfo);
        },
        restarts,
        timelines: () => timelines.states(),
        bundleStatus: async () => {
            const running = client;
            return running?.isRunning() ? running.sendRequest(REQUESTS.bundleStatus) : undefined;
        },
    };
}

export async function deactivate(): Promise<void> {
    if (client) {
        const running = client;
        client = undefined;
        try {
            await running.stop();
        } catch {
            // Not running (for example the server never started): nothing to stop.
        }
    }
}
