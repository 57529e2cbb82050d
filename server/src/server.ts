/**
 * The language server: protocol wiring only. Every answer comes from the service layer; a failing
 * handler answers null and logs, so one bad request never takes the server down.
 */
import {
  createConnection, Diagnostic, ProposedFeatures, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DocumentCache } from './documentCache';
import { FINDINGS_SETTINGS_PREFIX, readFindingsSettings } from './findingsSettings';
import { guarded } from './guarded';
import { Analysis, FindingsOptions, getLanguageService } from './service/languageService';
import { DEFAULT_SETTINGS, readSettings, Settings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const service = getLanguageService();
const cache = new DocumentCache(service);
const { documents } = cache;
let settings: Settings = DEFAULT_SETTINGS;
let findingsOptions: FindingsOptions = readFindingsSettings({});
/** Per document, the findings' diagnostics last published: shown again while newer findings are worked out. */
const findingsShown = new Map<string, Diagnostic[]>();
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
      const section = await connection.workspace.getConfiguration('gatewayLogs');
      settings = readSettings(section);
      findingsOptions = readFindingsSettings(section);
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
    findingsOptions = readFindingsSettings(section);
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
    if (settings.maxDiagnostics > 0) {
      result = result.concat(findingDiagnostics(uri, analysis));
    }
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
  // Only findings already known: a hover never waits for the rules.
  const findings = service.knownFindings(analysis, findingsOptions);
  const finding = findings && service.findingHover(analysis, findings, findingsOptions, params.position, FINDINGS_SETTINGS_PREFIX);
  if (!finding) {
    return hover;
  }
  const field = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : undefined;
  return {
    contents: { kind: 'markdown', value: field ? `${finding.markdown}\n\n---\n\n${field}` : finding.markdown },
    range: hover?.range ?? finding.range,
  };
}));

connection.onDocumentSymbol(safe('documentSymbol', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  if (!analysis) {
    return null;
  }
  const symbols = service.documentSymbols(analysis, settings.maxSymbols);
  const findings = service.findingSymbols(analysis, service.findings(analysis, findingsOptions), settings.maxSymbols);
  return findings ? [...symbols, findings] : symbols;
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
  return analysis && settings.codeLens.enabled ? service.codeLenses(analysis, params.textDocument.uri, settings.maxSymbols) : null;
}));

connection.onFoldingRanges(safe('foldingRange', null, (params) => {
  const analysis = cache.getByUri(params.textDocument.uri);
  return analysis ? service.foldingRanges(analysis) : null;
}));

/**
 * The timeline view's data for an open log (the client's "Show Timeline" asks for it), and the entry
 * at the editor's cursor for the view to highlight. Null for a document the server does not analyse.
 */
connection.onRequest('gatewayLogs/timeline', safe('timeline', null, (params: { uri: string }) => {
  const analysis = cache.getByUri(params.uri);
  return analysis ? service.timeline(analysis, service.findings(analysis, findingsOptions)) : null;
}));

connection.onRequest('gatewayLogs/timelineCursor', safe('timelineCursor', null, (params: { uri: string; line: number }) => {
  const analysis = cache.getByUri(params.uri);
  return analysis && Number.isInteger(params.line) ? service.timelineCursor(analysis, params.line) : null;
}));

/** Identifies the running server process (used by the restart test and when reporting problems). */
connection.onRequest('gatewayLogs/serverInfo', () => ({ pid: process.pid, documents: documents.keys().length }));

documents.listen(connection);
connection.listen();
