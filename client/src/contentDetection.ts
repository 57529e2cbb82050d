// Gives `.log` and plain-text documents our language when their content is a Blue Cedar
// or OAG log. A language the user associated with the file name always wins, and each
// document is switched at most once, so choosing another language by hand sticks.

import * as vscode from 'vscode';
import { isCoveredByAssociations } from './associations';
import { detectLogLanguage, DETECT_MAX_CHARS, DETECT_MAX_LINES, LANGUAGE_IDS } from '../../server/out/service/formats';
import { DetectionTracker } from './detectionTracker';

const CANDIDATE_LANGUAGES = new Set(['log', 'plaintext', '']);
const SCHEMES = new Set(['file', 'untitled']);
const OUR_LANGUAGES = new Set<string>(LANGUAGE_IDS);

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
    const tracker = new DetectionTracker();

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
        if (!tracker.shouldLookAt(key) || !SCHEMES.has(document.uri.scheme) || !CANDIDATE_LANGUAGES.has(document.languageId)) {
            return;
        }
        if (document.uri.scheme === 'file') {
            tracker.lookedAt(key);
            if (userAssociationApplies(document)) {
                return;
            }
        }
        const language = detectLogLanguage(documentHead(document));
        if (!language) {
            return; // untitled documents are looked at again as text arrives
        }
        tracker.lookedAt(key);
        try {
            await vscode.languages.setTextDocumentLanguage(document, language);
            tracker.switchedLanguage(key);
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
        vscode.workspace.onDidCloseTextDocument((document) => {
            const key = document.uri.toString();
            if (OUR_LANGUAGES.has(document.languageId)) {
                // Also documents that got our language elsewhere (a slice, an association):
                // if the user now picks another language, that choice must stick.
                tracker.lookedAt(key);
            }
            tracker.closed(key);
        }),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration('files.associations')) {
                tracker.associationsChanged();
                for (const document of vscode.workspace.textDocuments) {
                    void consider(document);
                }
            }
        }),
        // New untitled documents open empty; look again once text is typed or pasted.
        vscode.workspace.onDidChangeTextDocument((event) => {
            if (event.document.uri.scheme === 'untitled' && event.contentChanges.length > 0) {
                void consider(event.document);
            }
        }),
    );
}
