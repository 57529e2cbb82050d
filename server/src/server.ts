/**
 * The language server: protocol wiring only. Every answer comes from the service layer; a failing
 * handler answers null and logs, so one bad request never takes the server down.
 */
import {
  createConnection, Diagnostic, ProposedFeatures, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DocumentCache } from './documentCache';
import { guarded } from './guarded';
import { getLanguageService } from './service/languageService';
import { DEFAULT_SETTINGS, readSettings, Settings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const service = getLanguageService();
const cache = new DocumentCache(service);
const { documents } = cache;
let settings: Settings = DEFAULT_SETTINGS;
let canAskConfiguration = false;
const diagnosticTimers = new Map<string, NodeJS.Timeout>();
const LINE_TABLE_DELAY_MS = 2000;

process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${error.stack ?? error.message}`));

function safe<P, R>(name: string, fallback: R, handler: (params: P) => R) {
  return guarded(name, fallback, handler, (message) => connection.console.error(message));
}

connection.onInitialize((params) => {
  canAskConfiguration = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      documentSymbolProvider: { label: 'Gateway log sessions' },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      codeLensProvider: { resolveProvider: false },
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'Gateway Log Tools language server' },
  };
});

connection.onInitialized(() => {
  void refreshSettings();
});

async function refreshSettings(): Promise<void> {
  if (canAskConfiguration) {
    try {
      settings = readSettings(await connection.workspace.getConfiguration('gatewayLogs'));
    } catch (error) {
      connection.console.warn(`Could not read settings: ${String(error)}`);
    }
  }
  documents.all().forEach((d) => publishDiagnostics(d.uri));
}

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as Record<string, unknown> | undefined)?.gatewayLogs;
  if (section !== undefined) {
    settings = readSettings(section);
    documents.all().forEach((d) => publishDiagnostics(d.uri));
  } else {
    void refreshSettings();
  }
});

function publishDiagnostics(uri: string): void {
  let result: Diagnostic[] = [];
  try {
    const analysis = cache.getByUri(uri);
    if (!analysis) {
      return;
    }
    result = service.diagnostics(analysis, settings.maxDiagnostics);
  } catch (error) {
    connection.console.error(`Diagnostics failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
  }
  void connection.sendDiagnostics({ uri, diagnostics: result });
}

documents.onDidOpen((event) => {
  const uri = event.document.uri;
  publishDiagnostics(uri);
  // The document's own line table (used to apply every edit) is built on first use, which would be
  // the first keystroke (about 130 ms on 50 MB). Build it a little after opening instead, once the
  // editor's first requests (outline, folding, lenses) have had their answers.
  setTimeout(() => documents.get(uri)?.offsetAt({ line: 0, character: 0 }), LINE_TABLE_DELAY_MS).unref();
});

documents.onDidChangeContent((event) => {
  const uri = event.document.uri;
  clearTimeout(diagnosticTimers.get(uri));
  diagnosticTimers.set(uri, setTimeout(() => {
    diagnosticTimers.delete(uri);
    publishDiagnostics(uri);
  }, settings.diagnosticsDelay));
});

documents.onDidClose((event) => {
  const uri = event.document.uri;
  clearTimeout(diagnosticTimers.get(uri));
  diagnosticTimers.delete(uri);
  cache.forget(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onHover(safe('hover', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.doHover(analysis, params.position) : null;
}));

connection.onDocumentSymbol(safe('documentSymbol', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.documentSymbols(analysis, settings.maxSymbols) : null;
}));

connection.onDefinition(safe('definition', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.findDefinition(analysis, params.textDocument.uri, params.position) : null;
}));

connection.onReferences(safe('references', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis
    ? service.findReferences(analysis, params.textDocument.uri, params.position, (_, note) => connection.console.info(`References: ${note}`))
    : null;
}));

connection.onDocumentHighlight(safe('documentHighlight', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.findHighlights(analysis, params.position) : null;
}));

connection.onCodeLens(safe('codeLens', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis && settings.codeLens.enabled ? service.codeLenses(analysis, params.textDocument.uri, settings.maxSymbols) : null;
}));

connection.onFoldingRanges(safe('foldingRange', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.foldingRanges(analysis) : null;
}));

/** Identifies the running server process (used by the restart test and when reporting problems). */
connection.onRequest('gatewayLogs/serverInfo', () => ({ pid: process.pid, documents: documents.keys().length }));

documents.listen(connection);
connection.listen();
