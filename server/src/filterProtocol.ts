/**
 * Protocol wiring of filtered views: the requests the client's view documents and commands use, inlay
 * hints in views, and what views add to the ordinary features (lenses, F12 on an entry's time, the
 * diagnostics a selection keeps). Views follow edits of the open documents they are made from.
 */
import { CodeLens, Connection, Diagnostic, InlayHintParams, Location } from 'vscode-languageserver/node';
import { BundleProtocol } from './bundleProtocol';
import { DocumentCache } from './documentCache';
import { Analysis } from './service/analysis';
import { fieldAt } from './service/fields';
import { entryAt } from './service/lookup';
import { NOTIFICATIONS, REQUESTS } from './service/formats/ids';
import { parseViewUri, readViewSpec, ViewSource } from './service/formats/filterSpec';
import { problemTest } from './service/filters/documentFilter';
import { sessionFilterLenses, viewDiagnostics, viewInlayHints, viewLenses } from './service/filters/viewFeatures';
import { DEFAULT_PAGE_LIMITS, PageLimits } from './service/filters/view';
import { bundlePartners } from './service/index/crossFile';
import { lineContentEnd, offsetAt, Position } from './service/text';
import { FilterViews } from './filter/filterViews';

/** The client's command ids the server may put in lenses and hints (none: an editor without our client). */
export interface FilterCommands {
  reveal?: string;
  showSession?: string;
  nextPage?: string;
  previousPage?: string;
  edit?: string;
}

/**
 * Part limits from the initialization options (`filter.partLimits`), for tests and editors that want
 * smaller parts; anything missing or out of range keeps the default.
 */
export function readPartLimits(initializationOptions: unknown): PageLimits {
  const raw = (initializationOptions as { filter?: { partLimits?: Record<string, unknown> } } | undefined)?.filter?.partLimits ?? {};
  const pick = (value: unknown, fallback: number, max: number): number => (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= max ? value : fallback);
  return {
    maxChars: pick(raw.maxChars, DEFAULT_PAGE_LIMITS.maxChars, 40 * 1024 * 1024),
    maxLines: pick(raw.maxLines, DEFAULT_PAGE_LIMITS.maxLines, 250_000),
    maxEntryChars: pick(raw.maxEntryChars, DEFAULT_PAGE_LIMITS.maxEntryChars, 16 * 1024 * 1024),
  };
}

export function readFilterCommands(initializationOptions: unknown): FilterCommands {
  const raw = (initializationOptions as { clientCommands?: Record<string, unknown> } | undefined)?.clientCommands ?? {};
  const id = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
  return {
    reveal: id(raw.revealEntry), showSession: id(raw.filterShowSession), nextPage: id(raw.filterNextPage),
    previousPage: id(raw.filterPreviousPage), edit: id(raw.filterLog),
  };
}

export class FilterProtocol {
  readonly views: FilterViews;

  constructor(
    private readonly connection: Connection,
    private readonly cache: DocumentCache,
    private readonly bundle: BundleProtocol | undefined,
    private readonly commands: FilterCommands,
    private readonly canRefresh: { lenses: boolean; hints: boolean },
    limits: PageLimits = DEFAULT_PAGE_LIMITS,
  ) {
    this.views = new FilterViews({
      analysisOf: (uri) => cache.getByUri(uri),
      bundle: bundle?.service,
      problemTest: (uri, analysis) => this.problemTestOf(uri, analysis),
      changed: (uris, textChanged, finished) => {
        void connection.sendNotification(NOTIFICATIONS.filterChanged, { uris, textChanged, finished: finished === true });
        this.refreshDecorations();
      },
      log: (message) => connection.console.info(message),
    }, limits);
    this.register();
  }

  private register(): void {
    const { connection, views, cache } = this;
    const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    const line = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
    connection.onRequest(REQUESTS.filterText, async (params: { uri?: unknown }) => {
      const uri = text(params?.uri);
      return uri ? views.text(uri) : { error: 'No view URI.' };
    });
    connection.onRequest(REQUESTS.filterInfo, (params: { uri?: unknown }) => {
      const uri = text(params?.uri);
      return (uri && views.info(uri)) ?? null;
    });
    connection.onRequest(REQUESTS.filterOriginal, (params: { uri?: unknown; line?: unknown }) => {
      const uri = text(params?.uri);
      const at = line(params?.line);
      return uri && at !== undefined ? views.original(uri, at) : { error: 'No view line.' };
    });
    connection.onRequest(REQUESTS.filterOpen, async (params: { spec?: unknown; line?: unknown }) => {
      const spec = readViewSpec(params?.spec);
      return typeof spec === 'string' ? { error: spec } : views.open(spec, line(params?.line));
    });
    connection.onRequest(REQUESTS.filterContext, async (params: { uri?: unknown; line?: unknown }) => {
      const uri = text(params?.uri);
      const at = line(params?.line);
      return uri && at !== undefined ? views.context(uri, at) : { error: 'No line.' };
    });
    connection.onRequest(REQUESTS.filterChoices, async (params: { source?: unknown }) => {
      const spec = readViewSpec({ source: params?.source, clauses: [] });
      return typeof spec === 'string' ? { error: spec } : views.choices(spec.source as ViewSource);
    });
    connection.onRequest(REQUESTS.filterExport, async (params: { uri?: unknown; path?: unknown; as?: unknown }) => {
      const uri = text(params?.uri);
      const target = text(params?.path);
      const as = params?.as === 'csv' || params?.as === 'ndjson' ? params.as : params?.as === 'log' ? 'log' : undefined;
      if (!uri || !target || !as) {
        return { error: 'Export needs a view, a file and a format (log, csv or ndjson).' };
      }
      try {
        return await views.export(uri, target, as);
      } catch (error) {
        return { error: `Could not write ${target}: ${error instanceof Error ? error.message : String(error)}` };
      }
    });
    connection.onRequest(REQUESTS.filterRefresh, async (params: { uri?: unknown }) => {
      const uri = text(params?.uri);
      if (uri) {
        await views.refresh(uri);
      }
      return null;
    });
    connection.languages.inlayHint.on((params: InlayHintParams) => {
      try {
        return this.inlayHints(params);
      } catch (error) {
        connection.console.error(`inlayHint failed: ${error instanceof Error ? error.stack : String(error)}`);
        return null;
      }
    });
    cache.documents.onDidChangeContent((event) => views.documentChanged(event.document.uri));
    cache.documents.onDidClose((event) => {
      if (parseViewUri(event.document.uri)) {
        views.closed(event.document.uri);
      }
    });
  }

  private inlayHints(params: InlayHintParams) {
    const uri = params.textDocument.uri;
    const served = this.views.servedPage(uri);
    const analysis = served && this.cache.getByUri(uri);
    if (!served || !analysis) {
      return null;
    }
    const { plan } = served.entry;
    const { text, lineStarts } = analysis.log;
    const lineLength = (l: number): number => (l < lineStarts.length ? lineContentEnd(text, lineStarts, l) - lineStarts[l] : 0);
    const remaining = plan.complete() ? plan.matched() - ((plan.firstMatch(served.spec.page) ?? 0) + served.page.entries.count) : undefined;
    return viewInlayHints(served.page, uri, params.range.start.line, params.range.end.line, lineLength,
      (file) => plan.files[file]?.name ?? '?', (file, l, offset) => this.views.locate(plan, file, l, offset),
      { reveal: this.commands.reveal, nextPage: this.commands.nextPage }, remaining);
  }

  /** Problems of an open document, less the session ends the bundle finds in other files. */
  private problemTestOf(uri: string, analysis: Analysis) {
    const bundle = this.bundle?.service;
    const context = bundle?.documentContext(uri);
    if (!bundle || !context) {
      return problemTest(analysis);
    }
    const partners = bundlePartners(analysis, bundle.index, context.path, context.lineOffset);
    return problemTest(analysis, (entryIndex, code) => {
      const partner = partners.get(entryIndex);
      return !!partner && ((code === 'stop-without-start' && partner.start !== undefined) || (code === 'start-without-stop' && partner.stop !== undefined));
    });
  }

  private refreshDecorations(): void {
    if (this.canRefresh.lenses) {
      void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }
    if (this.canRefresh.hints) {
      void this.connection.languages.inlayHint.refresh().catch(() => undefined);
    }
  }

  // --------------------------------------------------------------------- additions to the features

  /** A view's first-line lenses; on other logs, "only this session" beside each START/STOP. */
  codeLenses(uri: string, analysis: Analysis, lenses: CodeLens[], max: number): CodeLens[] {
    const spec = parseViewUri(uri);
    if (spec) {
      const info = this.views.info(uri);
      if (!info) {
        return lenses;
      }
      return [...viewLenses({ ...info, partsComplete: info.complete }, uri, this.commands), ...lenses];
    }
    if (!this.commands.showSession) {
      return lenses;
    }
    return [...lenses, ...sessionFilterLenses(analysis, uri, this.commands.showSession, max)];
  }

  /** In a view, F12 on an entry's timestamp goes to the entry in the original. */
  definition(uri: string, analysis: Analysis, position: Position, own: Location[]): Location[] {
    if (!parseViewUri(uri)) {
      return own;
    }
    const log = analysis.log;
    const offset = offsetAt(log.text, log.lineStarts, position);
    const entry = entryAt(log, offset);
    if (!entry || position.line !== entry.startLine || fieldAt(log, entry, offset)?.name !== 'timestamp') {
      return own;
    }
    const target = this.views.original(uri, position.line);
    if ('error' in target) {
      return own;
    }
    return [{ uri: target.uri, range: { start: { line: target.line, character: 0 }, end: { line: target.line, character: 0 } } }];
  }

  /** In a view: the diagnostics that hold for a selection of entries. */
  diagnostics(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    return parseViewUri(uri) ? viewDiagnostics(diagnostics) : diagnostics;
  }

  bundleChanged(): void {
    this.views.bundleChanged();
  }

  dispose(): void {
    this.views.dispose();
  }
}
