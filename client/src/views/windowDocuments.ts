// Windows: read-only documents showing part of a log file the editor cannot open itself (gzipped, or
// over the 50 MB VS Code shares with extensions), around one entry. The language server names them
// (`gateway-log-window:` URIs, in definitions, workspace symbols and the Sessions view) and reads
// their text from disk; the URI's extension gives them our language, so every feature works in them.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS } from '../../../server/out/service/formats';

export const WINDOW_SCHEME = 'gateway-log-window';

export function registerWindowDocuments(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
    const provider: vscode.TextDocumentContentProvider = {
        async provideTextDocumentContent(uri) {
            const running = client();
            if (!running) {
                return 'The Gateway Log Tools language server is not running.';
            }
            if (!running.isRunning()) {
                await running.start().catch(() => undefined);
            }
            const answer = await running.sendRequest<{ text: string | null } | null>(REQUESTS.bundleWindow, { uri: uri.toString() });
            return answer?.text ?? 'This part of the log is not in the bundle index (any more).';
        },
    };
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(WINDOW_SCHEME, provider));
}
