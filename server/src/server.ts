/**
 * The language server: protocol wiring only. Every answer comes from the service layer; a failing
 * handler answers null and logs, so one bad request never takes the server down.
 */
import {
  createConnection, Diagnostic, ExecuteCommandParams, MessageType, ProposedFeatures, ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DocumentCache } from './documentCache';
import { guarded } from './guarded';
import { REQUESTS, SERVER_COMMANDS, SETTINGS_SECTION } from './service/formats/ids';
import { getLanguageService, LensCommands } from './service/languageService';
import { DEFAULT_SETTINGS, readSettings, Settings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const service = getLanguageService();
const cache = new DocumentCache(service, (message) => connection.console.info(message));
const { documents } = cache;
let settings: Settings = DEFAULT_SETTINGS;
let canAskConfiguration = false;
let canShowDocument = false;
/**
 * The commands lenses carry. By default the server's own (they work in every editor); a client with
 * commands of its own names them in its initialization options (the VS Code client: `revealEntry`).
 */
let lensCommands: LensCommands = { reveal: SERVER_COMMANDS.revealEntry, describe: SERVER_COMMANDS.describeSession };
const diagnosticTimers = new Map<string, NodeJS.Timeout>();
const LINE_TABLE_DELAY_MS = 2000;

process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${error.stack ?? error.message}`));

function safe<P, R>(name: string, fallback: R, handler: (params: P) => R) {
  return guarded(name, fallback, handler, (message) => connection.console.error(message));
}

connection.onInitialize((params) => {
  canAskConfiguration = !!params.capabilities.workspace?.configuration;
  canShowDocument = !!params.capabilities.window?.showDocument?.support;
  const clientCommands = (params.initializationOptions as { clientCommands?: { revealEntry?: unknown } } | undefined)?.clientCommands;
  if (typeof clientCommands?.revealEntry === 'string' && clientCommands.revealEntry) {
    lensCommands = { ...lensCommands, reveal: clientCommands.revealEntry };
  }
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
      executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
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
      settings = readSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION));
    } catch (error) {
      connection.console.warn(`Could not read settings: ${String(error)}`);
    }
  }
  documents.all().forEach((d) => publishDiagnostics(d.uri));
}

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
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
  return analysis ? service.findReferences(analysis, params.textDocument.uri, params.position) : null;
}));

connection.onDocumentHighlight(safe('documentHighlight', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.findHighlights(analysis, params.position) : null;
}));

connection.onCodeLens(safe('codeLens', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis && settings.codeLens.enabled ? service.codeLenses(analysis, params.textDocument.uri, lensCommands, settings.maxSymbols) : null;
}));

connection.onFoldingRanges(safe('foldingRange', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.foldingRanges(analysis) : null;
}));

/** An information message (a notification: nothing to answer, unlike window/showMessageRequest). */
function tell(message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
}

/** Shows line `line` of `uri` in the client (or says where it is when the client cannot open documents). */
async function showLine(uri: string, line: number): Promise<void> {
  if (canShowDocument) {
    const at = { line, character: 0 };
    await connection.window.showDocument({ uri, selection: { start: at, end: at }, takeFocus: true });
  } else {
    tell(`The paired event is on line ${line + 1}.`);
  }
}

/** The server's own commands: what the lenses do in any editor. Arguments: document URI, 0-based line. */
connection.onExecuteCommand(safe('executeCommand', null, (params: ExecuteCommandParams) => {
  const [uri, line] = params.arguments ?? [];
  if (typeof uri !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
    return null;
  }
  const analysis = cache.getByUri(uri);
  switch (params.command) {
    case SERVER_COMMANDS.revealEntry:
      void showLine(uri, line);
      break;
    case SERVER_COMMANDS.goToPairedEvent: {
      const target = analysis && service.pairedLine(analysis, line);
      if (target === undefined) {
        tell('No paired event for the entry on this line.');
      } else {
        void showLine(uri, target);
      }
      break;
    }
    case SERVER_COMMANDS.describeSession:
      tell((analysis && service.sessionSummary(analysis, line)) ?? 'This entry belongs to no session.');
      break;
    default:
      break;
  }
  return null;
}));

/** Most documents listed in the server info (a client may open thousands). */
const SERVER_INFO_MAX_DOCUMENTS = 200;

/**
 * Identifies the running server process (used by the restart test and when reporting problems) and
 * says which format it took each open document for (by language id or by content).
 */
connection.onRequest(REQUESTS.serverInfo, () => {
  const formats: Record<string, { format: string | null; detected: boolean }> = {};
  for (const document of documents.all().slice(0, SERVER_INFO_MAX_DOCUMENTS)) {
    const { format, detected } = cache.formatOf(document);
    formats[document.uri] = { format: format ?? null, detected };
  }
  return { pid: process.pid, documents: documents.keys().length, formats };
});

documents.listen(connection);
connection.listen();
