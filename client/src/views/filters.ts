// Filtered views: the view documents, their status bar item and the commands, wired in one call.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from '../../../server/out/service/formats';
import { FilterCommands } from './filterCommands';
import { FilterDocuments } from './filterDocuments';

/** The client's command ids the server puts in lenses and hints of views (initialization options). */
export const FILTER_CLIENT_COMMANDS = {
    filterShowSession: CLIENT_COMMANDS.filterShowSession,
    filterNextPage: CLIENT_COMMANDS.filterNextPage,
    filterPreviousPage: CLIENT_COMMANDS.filterPreviousPage,
    filterLog: CLIENT_COMMANDS.filterLog,
};

export function registerFilterViews(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): FilterDocuments {
    const documents = new FilterDocuments(client);
    documents.register(context);
    new FilterCommands(context, client, documents).register();
    return documents;
}
