// Commands that move the cursor: jump to the paired event of a session, and reveal an
// entry named by the server (CodeLens arguments).

import * as vscode from 'vscode';

type DefinitionResult = vscode.Location | vscode.LocationLink;

function toLocation(result: DefinitionResult): vscode.Location {
    if (result instanceof vscode.Location) {
        return result;
    }
    if ('targetUri' in result) {
        return new vscode.Location(result.targetUri, result.targetSelectionRange ?? result.targetRange);
    }
    return result;
}

async function showAt(
    uri: vscode.Uri,
    range: vscode.Range,
    revealType: vscode.TextEditorRevealType,
): Promise<vscode.TextEditor> {
    const active = vscode.window.activeTextEditor;
    const editor = active && active.document.uri.toString() === uri.toString()
        ? active
        : await vscode.window.showTextDocument(uri, { preview: false });
    const position = range.start;
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(range, revealType);
    return editor;
}

/**
 * Asks the language server for the definition at the cursor (on a session's START it is
 * the STOP, on a STOP the START, on a login the logout...) and moves there.
 */
export async function goToPairedEvent(): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        return false;
    }
    const results = await vscode.commands.executeCommand<DefinitionResult[] | undefined>(
        'vscode.executeDefinitionProvider',
        editor.document.uri,
        editor.selection.active,
    );
    const first = results?.[0];
    if (!first) {
        vscode.window.setStatusBarMessage('Gateway Logs: no paired event for the entry at the cursor.', 4000);
        return false;
    }
    const target = toLocation(first);
    await showAt(target.uri, target.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
}

/**
 * Opens `uri` (a string as sent by the server, or a Uri), puts the cursor at the start of
 * the 0-based `line` and scrolls it to the middle of the editor.
 */
export async function revealEntry(uri: string | vscode.Uri, line: number): Promise<boolean> {
    if (uri === undefined || uri === null || typeof line !== 'number' || !Number.isFinite(line)) {
        return false;
    }
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const document = await vscode.workspace.openTextDocument(target);
    const clamped = Math.max(0, Math.min(Math.floor(line), document.lineCount - 1));
    const position = new vscode.Position(clamped, 0);
    await showAt(document.uri, new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    return true;
}
