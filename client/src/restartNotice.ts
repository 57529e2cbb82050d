// What happens when the language server process dies: vscode-languageclient's own
// restart policy decides (restart after a crash, give up after repeated crashes), and
// the user is told the first time a restart was needed, not on every one.

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ErrorHandler, LanguageClient } from 'vscode-languageclient/node';

export const RESTART_NOTICE =
    'The Gateway Log Tools language server stopped unexpectedly and was restarted. ' +
    'See the "Gateway Log Tools" output for details.';

export interface RestartNoticeState {
    /** How often the server was restarted after it stopped unexpectedly. */
    crashRestarts: number;
    /** How often the user was told about it (at most once per session). */
    noticesShown: number;
}

export function restartNoticeErrorHandler(
    getClient: () => LanguageClient | undefined,
    state: RestartNoticeState,
    notify: (message: string) => void = (message) => void vscode.window.showWarningMessage(message),
): ErrorHandler {
    let fallback: ErrorHandler | undefined;
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
                state.crashRestarts++;
                if (state.noticesShown === 0) {
                    state.noticesShown++;
                    notify(RESTART_NOTICE);
                }
                return { ...result, handled: true };
            }
            return result;
        },
    };
}
