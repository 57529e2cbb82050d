// Entry point of the Gateway Log Tools extension: starts the language server and adds
// what has to live in the editor (commands, content detection, large-file handling).

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
    CloseAction,
    ErrorAction,
    ErrorHandler,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    TransportKind,
} from 'vscode-languageclient/node';
import { registerContentDetection } from './contentDetection';
import { OPEN_SLICE_COMMAND, openSlice, registerLargeFileNotice } from './largeFiles';
import { goToPairedEvent, revealEntry } from './navigation';

export const LANGUAGE_IDS = ['bluecedar-log', 'oag-log'] as const;

let client: LanguageClient | undefined;

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

/**
 * Keeps vscode-languageclient's restart policy (restart after a crash, give up after
 * repeated crashes) and tells the user the first time the server had to be restarted.
 */
function restartNoticeErrorHandler(getClient: () => LanguageClient | undefined): ErrorHandler {
    let fallback: ErrorHandler | undefined;
    let told = false;
    const base = (): ErrorHandler | undefined => {
        const current = getClient();
        if (current) {
            fallback ??= current.createDefaultErrorHandler();
        }
        return fallback;
    };
    return {
        error: (error, message, count) => base()?.error(error, message, count) ?? { action: ErrorAction.Shutdown },
        closed: async () => {
            const result = (await base()?.closed()) ?? { action: CloseAction.DoNotRestart };
            if (result.action === CloseAction.Restart) {
                if (!told) {
                    told = true;
                    void vscode.window.showWarningMessage(
                        'The Gateway Log Tools language server stopped unexpectedly and was restarted. ' +
                        'See the "Gateway Log Tools" output for details.',
                    );
                }
                return { ...result, handled: true };
            }
            return result;
        },
    };
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel): LanguageClient {
    const module = serverModulePath(context);
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: LANGUAGE_IDS.flatMap((language) => [
            { scheme: 'file', language },
            { scheme: 'untitled', language },
        ]),
        synchronize: { configurationSection: 'gatewayLogs' },
        outputChannel,
        errorHandler: restartNoticeErrorHandler(() => client),
    };
    // The id 'gatewayLogs' makes the client honour the `gatewayLogs.trace.server` setting.
    return new LanguageClient('gatewayLogs', 'Gateway Log Tools', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const outputChannel = vscode.window.createOutputChannel('Gateway Log Tools');
    context.subscriptions.push(outputChannel);
    const log = (message: string): void => outputChannel.appendLine(`[client] ${message}`);

    client = createClient(context, outputChannel);

    context.subscriptions.push(
        vscode.commands.registerCommand('gatewayLogs.goToPairedEvent', goToPairedEvent),
        vscode.commands.registerCommand('gatewayLogs.revealEntry', revealEntry),
        vscode.commands.registerCommand(OPEN_SLICE_COMMAND, openSlice),
        vscode.commands.registerCommand('gatewayLogs.restartServer', async () => {
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
                log('Language server restarted on request.');
            } catch (error) {
                void vscode.window.showErrorMessage(`Gateway Log Tools: restarting the language server failed: ${String(error)}`);
            }
        }),
    );

    registerContentDetection(context, log);
    registerLargeFileNotice(context, log);

    try {
        await client.start();
    } catch (error) {
        log(`The language server did not start: ${String(error)}`);
    }
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
