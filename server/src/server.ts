/**
 * The language server: protocol wiring only. Every answer comes from the service layer; a failing
 * handler answers null and logs, so one bad request never takes the server down.
 */
import {
  createConnection, Diagnostic, ExecuteCommandParams, MessageType, ProposedFeatures, ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { BundleInit, BundleProtocol, readBundleSettings } from './bundleProtocol';
import { DocumentCache } from './documentCache';
import { FINDINGS_SETTINGS_PREFIX, readFindingsSettings } from './findingsSettings';
import { FilterProtocol, readFilterCommands, readPartLimits } from './filterProtocol';
import { guarded } from './guarded';
import { REQUESTS, SERVER_COMMANDS, settingName, SETTINGS, SETTINGS_SECTION } from './service/formats/ids';
import { Analysis, FindingsOptions, getLanguageService, LensCommands } from './service/languageService';
import { DEFAULT_SETTINGS, readSettings, Settings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const service = getLanguageService();
const cache = new DocumentCache(service, (message) => connection.console.info(message));
const { documents } = cache;
let settings: Settings = DEFAULT_SETTINGS;
let findingsOptions: FindingsOptions = readFindingsSettings({});
/** Per document, the findings' diagnostics last published: shown again while newer findings are worked out. */
const findingsShown = new Map<string, Diagnostic[]>();
let canAskConfiguration = false;
let canShowDocument = false;
/**
 * The commands lenses carry. By default the server's own (they work in every editor); a client with
 * commands of its own names them in its initialization options (the VS Code client: `revealEntry`).
 */
let lensCommands: LensCommands = { reveal: SERVER_COMMANDS.revealEntry, describe: SERVER_COMMANDS.describeSession };
/** The bundle of log files on disk (workspace folders and files the user added); set up on initialize. */
let bundle: BundleProtocol | undefined;
/** Filtered views (their documents, hints and requests); set up on initialize. */
let filters: FilterProtocol | undefined;
let workspaceFolderUris: string[] = [];
let canWatchFiles = false;
let canWatchRelative = false;
let canRefreshLenses = false;
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
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canWatchRelative = !!params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
  canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  workspaceFolderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const bundleInit = ((params.initializationOptions as { bundle?: BundleInit } | undefined)?.bundle ?? {}) as BundleInit;
  bundle = new BundleProtocol(connection, path.join(__dirname, 'indexWorker.js'), {
    storagePath: typeof bundleInit.storagePath === 'string' ? bundleInit.storagePath : undefined,
    extraPaths: Array.isArray(bundleInit.extraPaths) ? bundleInit.extraPaths.filter((p): p is string => typeof p === 'string') : [],
  }, () => {
    filters?.bundleChanged();
    documents.all().forEach((d) => publishDiagnostics(d.uri));
    if (canRefreshLenses) {
      void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }
  }, () => findingsOptions);
  filters = new FilterProtocol(connection, cache, bundle, readFilterCommands(params.initializationOptions), {
    lenses: canRefreshLenses, hints: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
  }, readPartLimits(params.initializationOptions));
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
      workspaceSymbolProvider: true,
      inlayHintProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'Gateway Log Tools language server' },
  };
});

connection.onInitialized(() => {
  void refreshSettings().then(() => {
    bundle?.setRoots(workspaceFolderUris);
    bundle?.watchFiles(canWatchFiles, canWatchRelative);
  });
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((f) => f.uri));
    workspaceFolderUris = [...workspaceFolderUris.filter((u) => !removed.has(u)), ...event.added.map((f) => f.uri)];
    bundle?.setRoots(workspaceFolderUris);
  });
});

async function refreshSettings(): Promise<void> {
  if (canAskConfiguration) {
    try {
      const section = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      settings = readSettings(section);
      bundle?.setSettings(readBundleSettings((section as Record<string, unknown> | null)?.bundle));
      findingsOptions = readFindingsSettings(section);
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
    findingsOptions = readFindingsSettings(section);
    bundle?.setSettings(readBundleSettings((section as Record<string, unknown> | null)?.bundle));
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
    result = service.diagnostics(analysis, settings.maxDiagnostics, { levels: settings.diagnostics, limitSetting: settingName(SETTINGS.maxDiagnostics) });
    result = bundle ? bundle.filterDiagnostics(uri, analysis, result) : result;
    if (settings.maxDiagnostics > 0) {
      result = result.concat(findingDiagnostics(uri, analysis), bundle?.crossFileFindings(uri, analysis) ?? []);
    }
    result = filters ? filters.diagnostics(uri, result) : result;
  } catch (error) {
    connection.console.error(`Diagnostics failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
  }
  void connection.sendDiagnostics({ uri, diagnostics: result });
}

/** Below this size the rules take a few milliseconds: run them before publishing, not after. */
const DEFER_FINDINGS_CHARS = 1024 * 1024;

/**
 * The findings' diagnostics without making the publish of a large log wait for the rules: known
 * findings (computed, or carried over an edit that touched nothing they read) are used at once;
 * otherwise, for a large log, the last ones shown stay a moment while the rules run in the next turn,
 * which publishes again.
 */
function findingDiagnostics(uri: string, analysis: Analysis): Diagnostic[] {
  const known = service.knownFindings(analysis, findingsOptions)
    ?? (analysis.log.text.length < DEFER_FINDINGS_CHARS ? service.findings(analysis, findingsOptions) : undefined);
  if (known) {
    const diagnostics = service.findingDiagnostics(analysis, known, uri);
    findingsShown.set(uri, diagnostics);
    return diagnostics;
  }
  setImmediate(() => {
    try {
      const current = cache.getByUri(uri);
      if (current === analysis) {
        service.findings(analysis, findingsOptions);
        publishDiagnostics(uri);
      }
    } catch (error) {
      connection.console.error(`Findings failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  });
  return findingsShown.get(uri) ?? [];
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
  findingsShown.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onHover(safe('hover', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  if (!analysis) {
    return null;
  }
  const hover = service.doHover(analysis, params.position);
  const note = hover && bundle?.hoverNote(params.textDocument.uri, analysis, params.position);
  // Only findings already known: a hover never waits for the rules.
  const findings = service.knownFindings(analysis, findingsOptions);
  const finding = findings && service.findingHover(analysis, findings, findingsOptions, params.position, FINDINGS_SETTINGS_PREFIX);
  const field = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : undefined;
  const parts = [finding?.markdown, field, note].filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (parts.length === 0) {
    return hover;
  }
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: hover?.range ?? finding?.range };
}));

connection.onDocumentSymbol(safe('documentSymbol', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  if (!analysis) {
    return null;
  }
  const symbols = service.documentSymbols(analysis, settings.maxSymbols, { limitSetting: settingName(SETTINGS.maxSymbols) });
  const findings = service.findingSymbols(analysis, service.findings(analysis, findingsOptions), settings.maxSymbols);
  return findings ? [...symbols, findings] : symbols;
}));

connection.onDefinition(safe('definition', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  if (!analysis) {
    return null;
  }
  const own = service.findDefinition(analysis, params.textDocument.uri, params.position);
  const withBundle = bundle ? bundle.definition(params.textDocument.uri, analysis, params.position, own) : own;
  return filters ? filters.definition(params.textDocument.uri, analysis, params.position, withBundle) : withBundle;
}));

connection.onReferences(safe('references', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis
    ? service.findReferences(analysis, params.textDocument.uri, params.position, (_, note) => connection.console.info(`References: ${note}`))
    : null;
}));

// Never null: VS Code would then highlight every occurrence of the word under the cursor (the
// `Oct` or `2021` of every timestamp) in its stead.
connection.onDocumentHighlight(safe('documentHighlight', [], (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.findHighlights(analysis, params.position) : [];
}));

connection.onCodeLens(safe('codeLens', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  if (!analysis || !settings.codeLens.enabled) {
    return null;
  }
  const lenses = service.codeLenses(analysis, params.textDocument.uri, lensCommands, settings.maxSymbols);
  const withBundle = bundle ? bundle.codeLenses(params.textDocument.uri, analysis, lenses, lensCommands.reveal) : lenses;
  return filters ? filters.codeLenses(params.textDocument.uri, analysis, withBundle, settings.maxSymbols) : withBundle;
}));

connection.onFoldingRanges(safe('foldingRange', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.foldingRanges(analysis) : null;
}));

/**
 * The timeline view's data for an open log (the client's "Show Timeline" asks for it), and the entry
 * at the editor's cursor for the view to highlight. Null for a document the server does not analyse.
 */
connection.onRequest(REQUESTS.timeline, safe('timeline', null, (params: { uri: string }) => {
  const analysis = cache.getByUri(params.uri);
  return analysis ? service.timeline(analysis, service.findings(analysis, findingsOptions)) : null;
}));

connection.onRequest(REQUESTS.timelineCursor, safe('timelineCursor', null, (params: { uri: string; line: number }) => {
  const analysis = cache.getByUri(params.uri);
  return analysis && Number.isInteger(params.line) ? service.timelineCursor(analysis, params.line) : null;
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

connection.onShutdown(async () => {
  filters?.dispose();
  await bundle?.service.dispose();
});

documents.listen(connection);
connection.listen();
