// Gives `.log` and plain-text documents our language when their content is a Blue Cedar
// or OAG log. A language the user associated with the file name always wins, and each
// document is switched at most once, so choosing another language by hand sticks.

import * as vscode from 'vscode';
import { isCoveredByAssociations } from './associations';
import { detectLogLanguage, DETECT_MAX_CHARS, DETECT_MAX_LINES } from './detect';

const CANDIDATE_LANGUAGES = new Set(['log', 'plaintext', '']);
const SCHEMES = new Set(['file', 'untitled']);

/** The beginning of a document, without copying the whole text of a large one. */
export function documentHead(document: vscode.TextDocument): string {
    const parts: string[] = [];
    let length = 0;
    let nonEmpty = 0;
    for (let i = 0; i < document.lineCount && length < DETECT_MAX_CHARS && nonEmpty <= DETECT_MAX_LINES; i++) {
        const text = document.lineAt(i).text;
        parts.push(text);
        length += text.length + 1;
        if (text.trim() !== '') {
            nonEmpty++;
        }
    }
    return parts.join('\n');
}

export function registerContentDetection(context: vscode.ExtensionContext, log: (message: string) => void): void {
    // Documents already looked at (file) or already switched (untitled), while they stay open.
    const handled = new Set<string>();
    // A language change reaches extensions as a close immediately followed, in the same task,
    // by an open of the same document. A close not followed by that open is a real close.
    const closing = new Set<string>();
    // Documents we gave one of our languages.
    const switched = new Set<string>();
    // Changing `files.associations` makes VS Code give every open document the language of
    // its file name again, which undoes our switches. The next language change of each
    // document we had switched, shortly after such a change, is that undoing, not the user's choice.
    let undoExpected = new Set<string>();
    let associationsChangedAt = Number.NEGATIVE_INFINITY;
    const ASSOCIATION_CHANGE_WINDOW_MS = 5000;

    const userAssociationApplies = (document: vscode.TextDocument): boolean => {
        if (document.uri.scheme !== 'file') {
            return false;
        }
        const associations = vscode.workspace
            .getConfiguration('files', document.uri)
            .get<Record<string, unknown>>('associations');
        return isCoveredByAssociations(document.uri.fsPath, associations);
    };

    const consider = async (document: vscode.TextDocument): Promise<void> => {
        const key = document.uri.toString();
        if (closing.delete(key)) {
            const undone = undoExpected.delete(key) && Date.now() - associationsChangedAt <= ASSOCIATION_CHANGE_WINDOW_MS;
            if (!undone) {
                return; // the language was just changed, by us or by the user: leave it
            }
            handled.delete(key);
            switched.delete(key);
        }
        if (handled.has(key) || !SCHEMES.has(document.uri.scheme) || !CANDIDATE_LANGUAGES.has(document.languageId)) {
            return;
        }
        if (document.uri.scheme === 'file') {
            handled.add(key);
            if (userAssociationApplies(document)) {
                return;
            }
        }
        const language = detectLogLanguage(documentHead(document));
        if (!language) {
            return;
        }
        handled.add(key);
        try {
            await vscode.languages.setTextDocumentLanguage(document, language);
            switched.add(key);
            log(`Detected ${language} content in ${document.uri.scheme === 'file' ? document.uri.fsPath : key}.`);
        } catch (error) {
            // The document may have been closed in the meantime.
            log(`Could not set the language of ${key}: ${String(error)}`);
        }
    };

    for (const document of vscode.workspace.textDocuments) {
        void consider(document);
    }
    context.subscriptions.push(
        vscode.workspace.onDidOpenTextDocument((document) => void consider(document)),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (!event.affectsConfiguration('files.associations')) {
                return;
            }
            associationsChangedAt = Date.now();
            undoExpected = new Set(switched);
            handled.clear();
            for (const document of vscode.workspace.textDocuments) {
                void consider(document);
            }
        }),
        vscode.workspace.onDidCloseTextDocument((document) => {
            const key = document.uri.toString();
            if (!handled.has(key) && !switched.has(key)) {
                return;
            }
            closing.add(key);
            queueMicrotask(() => {
                if (closing.delete(key)) {
                    // Really closed: look again when it is reopened.
                    handled.delete(key);
                    switched.delete(key);
                }
            });
        }),
        // New untitled documents open empty; look again once text is typed or pasted.
        vscode.workspace.onDidChangeTextDocument((event) => {
            if (event.document.uri.scheme === 'untitled' && event.contentChanges.length > 0) {
                void consider(event.document);
            }
        }),
    );
}
