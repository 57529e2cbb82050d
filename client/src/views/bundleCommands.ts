// Adding files and folders to the bundle by hand (also with no folder open), and remembering them for
// the workspace so they are indexed again next time.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS } from '../../../server/out/service/formats';

const ADDED_KEY = 'gatewayLogs.bundle.addedPaths';

/** Files and folders added earlier (sent to the server when it starts). */
export function addedPaths(context: vscode.ExtensionContext): string[] {
    const value = context.workspaceState.get<unknown>(ADDED_KEY);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}

export async function addLogFiles(context: vscode.ExtensionContext, client: LanguageClient | undefined, given?: vscode.Uri[]): Promise<number> {
    const picked = given ?? await vscode.window.showOpenDialog({
        title: 'Add Log Files to the Gateway Logs Bundle',
        openLabel: 'Add to Bundle',
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: true,
    });
    const paths = (picked ?? []).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
    if (paths.length === 0 || !client) {
        return 0;
    }
    const all = [...new Set([...addedPaths(context), ...paths])];
    await context.workspaceState.update(ADDED_KEY, all);
    await client.sendRequest(REQUESTS.bundleAdd, { paths });
    void vscode.commands.executeCommand('gatewayLogs.sessions.focus');
    return paths.length;
}
