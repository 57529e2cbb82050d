/**
 * Protocol wiring of the bundle index: which files (workspace folders, files the user added), watching
 * them, progress, and the requests the client's views and other editors use (workspace symbols, the
 * Sessions tree, windows into files the editor cannot open). Cross-file additions to the document
 * features (partners of sessions in other files) are made here on the service layer's answers.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  CodeLens, Connection, Diagnostic, DiagnosticSeverity, DidChangeWatchedFilesNotification, Disposable, Location, SymbolInformation, SymbolKind,
} from 'vscode-languageserver/node';
import { BundleService, BundleSettings, DEFAULT_BUNDLE_SETTINGS } from './bundle/bundleService';
import { fileUriOfPath, pathOfFileUri } from './fileUris';
import { DEFAULT_INCLUDE } from './bundle/discover';
import { Analysis } from './service/analysis';
import { entryAt } from './service/lookup';
import { NOTIFICATIONS, REQUESTS } from './service/formats/ids';
import { parseTextAndRange } from './service/formats/timeRange';
import { DIAGNOSTIC_SOURCE } from './service/features/diagnostics';
import { findingRange } from './service/features/findingDiagnostics';
import { buildTimeline } from './service/features/timeline';
import { computeFindings, FindingsOptions, FindingsResult } from './service/findings';
import { bundleLevels, factsOfBundle } from './service/index/bundleFacts';
import { bundlePartners } from './service/index/crossFile';
import { searchRejections } from './service/index/rejections';
import { searchSessions } from './service/index/search';
import { GroupBy, treeChildren, TreeFilter } from './service/index/sessionTree';
import { inlineCode, plainText } from './service/markdown';
import { offsetAt, Position } from './service/text';
import { clockTime } from './service/wording';

/** Most symbols one workspace/symbol request answers. */
const MAX_WORKSPACE_SYMBOLS = 500;
/** Of which rejections outside sessions, at most (the rest are sessions). */
const MAX_REJECTION_SYMBOLS = 100;
/** Most nodes one tree request answers per level. */
const MAX_TREE_NODES = 500;

export interface BundleInit {
  /** Where indexes are kept between sessions (the extension's storage). */
  storagePath?: string;
  /** Files and folders the user added to the bundle earlier. */
  extraPaths?: string[];
}

export function readBundleSettings(raw: unknown): BundleSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (v: unknown, fallback: string[]): string[] =>
    (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v as string[] : fallback);
  return {
    enabled: typeof value.enabled === 'boolean' ? value.enabled : DEFAULT_BUNDLE_SETTINGS.enabled,
    include: list(value.include, DEFAULT_BUNDLE_SETTINGS.include),
    exclude: list(value.exclude, DEFAULT_BUNDLE_SETTINGS.exclude),
  };
}

export class BundleProtocol {
  readonly service: BundleService;
  private roots: string[] = [];
  private settings: BundleSettings = DEFAULT_BUNDLE_SETTINGS;
  /** Whether the client watches files for us, and takes patterns relative to a folder (LSP 3.17). */
  private watching?: { relative: boolean };
  /** Added paths already watched. */
  private readonly watched = new Set<string>();
  /** The watchers of the include patterns (`patterns`: the patterns, as JSON) and their registration. */
  private included?: { patterns: string; registration: Promise<Disposable | undefined> };

  private findingsCache?: { sessions: object; options: FindingsOptions; result: FindingsResult };

  constructor(
    private readonly connection: Connection, workerScript: string, private readonly init: BundleInit, onChange: () => void,
    private readonly findingsOptions: () => FindingsOptions,
  ) {
    this.service = new BundleService({
      log: (message) => connection.console.info(message),
      beginProgress: async (title) => {
        const progress = await connection.window.createWorkDoneProgress();
        progress.begin(title, 0, 'finding log files…', true);
        let done = false;
        return {
          report: (message, percentage) => (percentage === undefined ? progress.report(message) : progress.report(Math.round(percentage), message)),
          get cancelled() {
            return progress.token.isCancellationRequested;
          },
          done: () => {
            if (!done) {
              done = true;
              progress.done();
            }
          },
        };
      },
      changed: () => {
        void connection.sendNotification(NOTIFICATIONS.bundleChanged, this.service.status());
        onChange();
      },
    }, {
      workerScript,
      workers: 1,
      cacheDir: init.storagePath ? path.join(init.storagePath, 'bundle-index') : undefined,
    });
    this.registerRequests();
  }

  /** Workspace folders (file URIs) to search. */
  setRoots(uris: readonly string[]): void {
    this.roots = uris.flatMap((uri) => pathOfFileUri(uri) ?? []);
    this.apply();
  }

  setSettings(settings: BundleSettings): void {
    this.settings = settings;
    this.apply();
    this.watchIncluded();
  }

  private apply(): void {
    this.service.configure(this.roots, this.init.extraPaths ?? [], this.settings);
  }

  /** Asks the client to tell us when log files change (dynamic registration of file watchers). */
  watchFiles(canRegister: boolean, relativePatterns = false): void {
    if (!canRegister) {
      return;
    }
    this.watching = { relative: relativePatterns };
    this.watchIncluded();
    this.connection.onDidChangeWatchedFiles(() => this.service.filesChanged());
    void this.watchAdded();
  }

  /**
   * Watches the workspace's files the include setting names; when the setting changes, the watchers
   * of the new patterns replace those of the old (files it now includes grow and rotate too).
   */
  private watchIncluded(): void {
    if (!this.watching) {
      return;
    }
    const patterns = this.settings.include.length > 0 ? this.settings.include : DEFAULT_INCLUDE;
    const key = JSON.stringify(patterns);
    if (this.included?.patterns === key) {
      return;
    }
    const previous = this.included?.registration;
    const registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: patterns.map((globPattern) => ({ globPattern })),
    }).catch(() => undefined);
    this.included = { patterns: key, registration };
    // The library logs an unregistration that fails; it does not throw.
    void previous?.then((old) => old?.dispose());
  }

  /**
   * Watches the files and folders the user added (the patterns above cover only the workspace's
   * folders): a log added from elsewhere is rotated and grows like any other.
   */
  private async watchAdded(): Promise<void> {
    if (!this.watching) {
      return;
    }
    const fresh = this.service.addedPaths.filter((p) => !this.watched.has(p));
    fresh.forEach((p) => this.watched.add(p));
    const watchers = await Promise.all(fresh.map(async (added) => {
      const folder = await fs.stat(added).then((s) => s.isDirectory(), () => false);
      const base = folder ? added : path.dirname(added);
      const pattern = folder ? '**/*' : path.basename(added);
      // Without relative patterns, a glob of the absolute path (forward slashes, as globs are written).
      return { globPattern: this.watching?.relative ? { baseUri: fileUriOfPath(base), pattern } : `${base.split(path.sep).join('/')}/${pattern}` };
    }));
    if (watchers.length > 0) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
  }

  private registerRequests(): void {
    const { connection, service } = this;
    connection.onRequest(REQUESTS.bundleStatus, () => service.status());
    connection.onRequest(REQUESTS.bundleAdd, (params: { paths?: unknown }) => {
      const paths = Array.isArray(params?.paths) ? params.paths.filter((p): p is string => typeof p === 'string') : [];
      service.addPaths(paths);
      void this.watchAdded();
      return { added: paths.length, all: service.addedPaths };
    });
    connection.onRequest(REQUESTS.bundleCancel, () => service.cancel());
    connection.onRequest(REQUESTS.bundleWindow, async (params: { uri?: unknown }) =>
      (typeof params?.uri === 'string' ? { text: await service.windowText(params.uri) ?? null } : null));
    connection.onRequest(REQUESTS.bundleTree, (params: { parent?: unknown; groupBy?: unknown; filter?: unknown }) => {
      const groupBy: GroupBy = params?.groupBy === 'app' || params?.groupBy === 'device' ? params.groupBy : 'user';
      const raw = (typeof params?.filter === 'object' && params.filter !== null ? params.filter : {}) as Record<string, unknown>;
      // The filter box's text as typed: words, optionally `from <time range>` (parsed as the client checked it).
      const parsed = typeof raw.query === 'string' ? parseTextAndRange(raw.query) : { text: '' };
      const filter: TreeFilter = typeof parsed === 'string' ? {} : { text: parsed.text || undefined, from: parsed.from, to: parsed.to };
      const nodes = treeChildren(service.index, typeof params?.parent === 'string' ? params.parent : undefined, groupBy, filter, MAX_TREE_NODES);
      return nodes.map((node) => {
        if (!node.session) {
          return node;
        }
        const summary = node.session.summary;
        const anchor = service.index.sessions.anchor(summary.id);
        return { ...node, location: service.location(anchor), tooltip: plainText(sessionTooltip(summary), 1000) };
      });
    });
    connection.onWorkspaceSymbol((params) => this.workspaceSymbols(params.query));
    connection.onRequest(REQUESTS.bundleTimeline, () => this.timeline());
    connection.onRequest(REQUESTS.bundleLocate, (params: { path?: unknown; line?: unknown }) => {
      if (typeof params?.path !== 'string' || typeof params.line !== 'number') {
        return null;
      }
      const row = service.index.rowAt(params.path, params.line);
      return row === undefined ? null : service.location(row);
    });
  }

  /** The findings of the whole bundle (every rule across files), computed once per pairing and settings. */
  findings(): FindingsResult {
    const sessions = this.service.index.sessions;
    const options = this.findingsOptions();
    if (!this.findingsCache || this.findingsCache.sessions !== sessions || this.findingsCache.options !== options) {
      this.findingsCache = { sessions, options, result: computeFindings(factsOfBundle(this.service.index), options) };
    }
    return this.findingsCache.result;
  }

  /** The timeline of the whole bundle: every file's sessions, marks and findings on one time axis. */
  timeline(): ReturnType<typeof buildTimeline> | null {
    const { index } = this.service;
    if (index.files.length === 0) {
      return null;
    }
    return buildTimeline({
      format: index.files[0].format,
      facts: factsOfBundle(index, { errors: true }),
      findings: this.findings(),
      levels: bundleLevels(index),
    });
  }

  /**
   * Findings of the bundle that the document's own rules cannot see (their evidence is partly in other
   * files), shown on the document's entries, with the evidence in other files as related locations.
   */
  crossFileFindings(uri: string, analysis: Analysis): Diagnostic[] {
    const context = this.service.documentContext(uri);
    if (!context || this.service.index.files.length < 2) {
      return [];
    }
    const { index } = this.service;
    const diagnostics: Diagnostic[] = [];
    for (const finding of this.findings().findings) {
      if (finding.where.file !== context.path || finding.evidence.every((e) => e.where.file === context.path)) {
        continue;
      }
      const entry = analysis.log.entries.find((e) => e.startLine === finding.where.line - context.lineOffset);
      if (!entry) {
        continue;
      }
      const related = finding.evidence.slice(0, 20).flatMap((e) => {
        const fileNumber = index.files.findIndex((f) => f.path === e.where.file);
        if (fileNumber < 0) {
          return [];
        }
        const at = this.service.location(index.rows.bases[fileNumber] + e.where.entry);
        return [{
          location: { uri: at.uri, range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } } },
          message: plainText(`${path.basename(at.path)} · ${clockTime(e)} ${e.text}`, 300),
        }];
      });
      diagnostics.push({
        range: findingRange(analysis, entry),
        severity: finding.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
        code: finding.code,
        source: DIAGNOSTIC_SOURCE,
        message: plainText(`${finding.title} (across the bundle's files): ${finding.message}`, 500),
        relatedInformation: related.length > 0 ? related : undefined,
      });
    }
    return diagnostics;
  }

  /**
   * Sessions whose user, device, app, gsid, SESSION_ID or IP contains the query, best first; then the
   * rejections that belong to no session (a Blue Cedar Policy REJECT, an OAG failure without a
   * SESSION_ID) whose user, device or address does: someone who was only ever rejected has no session.
   */
  workspaceSymbols(query: string): SymbolInformation[] {
    const { index } = this.service;
    const rejections = searchRejections(index, query, MAX_REJECTION_SYMBOLS);
    const sessions = searchSessions(index, query, MAX_WORKSPACE_SYMBOLS - rejections.length).map((match): SymbolInformation => {
      const summary = index.summary(match.id);
      const anchor = index.sessions.anchor(match.id);
      const at = this.service.location(anchor);
      const who = [summary.user ?? '(no user)', summary.app, summary.device ?? summary.osType].filter((p) => p !== undefined).join(' · ');
      const when = summary.start ?? summary.first;
      return {
        name: plainText(who, 200),
        kind: SymbolKind.Namespace,
        containerName: plainText(`${path.basename(at.path)} · ${clockTime(when)} · ${summary.rule === 'sessionId' ? 'session' : 'gsid'} ${summary.key}`, 200),
        location: { uri: at.uri, range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } } },
      };
    });
    return [...sessions, ...rejections.map((match): SymbolInformation => {
      const at = this.service.location(match.row);
      const who = index.fact(match.row, 'user') ?? index.fact(match.row, match.field) ?? '(no user)';
      const reason = index.fact(match.row, 'reason');
      return {
        name: plainText(`${who} · rejected${reason ? `: ${reason}` : ''}`, 200),
        kind: SymbolKind.Event,
        containerName: plainText(`${path.basename(at.path)} · ${clockTime(index.entryRef(match.row))} · in no session`, 200),
        location: { uri: at.uri, range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } } },
      };
    })];
  }

  // ------------------------------------------------------------------ cross-file additions

  private partnersOf(uri: string, analysis: Analysis) {
    const context = this.service.documentContext(uri);
    return context ? bundlePartners(analysis, this.service.index, context.path, context.lineOffset) : undefined;
  }

  /** Drops "no START/STOP in this file" where the bundle has the other end. */
  filterDiagnostics(uri: string, analysis: Analysis, diagnostics: Diagnostic[]): Diagnostic[] {
    const partners = this.partnersOf(uri, analysis);
    if (!partners || partners.size === 0) {
      return diagnostics;
    }
    const completed = new Map<number, { start: boolean; stop: boolean }>();
    for (const [entry, partner] of partners) {
      const e = analysis.log.entries[entry];
      for (let line = e.startLine; line <= e.endLine; line++) {
        completed.set(line, { start: partner.start !== undefined, stop: partner.stop !== undefined });
      }
    }
    return diagnostics.filter((d) => {
      const done = completed.get(d.range.start.line);
      if (!done) {
        return true;
      }
      return !((d.code === 'stop-without-start' && done.start) || (d.code === 'start-without-stop' && done.stop));
    });
  }

  /** From an entry whose partner is in another file: that partner (when the document's own answer is empty). */
  definition(uri: string, analysis: Analysis, position: Position, own: Location[]): Location[] {
    if (own.length > 0) {
      return own;
    }
    const partner = this.partnerAt(uri, analysis, position);
    if (!partner) {
      return own;
    }
    const row = partner.start ?? partner.stop;
    if (row === undefined) {
      return own;
    }
    const at = this.service.location(row);
    return [{ uri: at.uri, range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } } }];
  }

  private partnerAt(uri: string, analysis: Analysis, position: Position) {
    const partners = this.partnersOf(uri, analysis);
    if (!partners || partners.size === 0) {
      return undefined;
    }
    const entry = entryAt(analysis.log, offsetAt(analysis.log.text, analysis.log.lineStarts, position));
    return entry ? partners.get(entry.index) : undefined;
  }

  /** Lenses of sessions completed by the bundle say where the other end is and go there. */
  codeLenses(uri: string, analysis: Analysis, lenses: CodeLens[], reveal: string): CodeLens[] {
    const partners = this.partnersOf(uri, analysis);
    if (!partners || partners.size === 0) {
      return lenses;
    }
    return lenses.map((lens) => {
      const line = lens.command?.arguments?.[1];
      if (typeof line !== 'number') {
        return lens;
      }
      const entry = analysis.log.entries.find((e) => e.startLine === line);
      const partner = entry && partners.get(entry.index);
      const row = partner && (entry!.kind === 'sessionStop' || entry!.kind === 'logout' ? partner.start : partner.stop ?? partner.start);
      if (row === undefined || !lens.command || !/^no /.test(lens.command.title)) {
        return lens;
      }
      const at = this.service.location(row);
      const ref = this.service.index.entryRef(row);
      const direction = partner!.start === row ? '←' : '→';
      const word = analysis.log.format === 'oag' ? (partner!.start === row ? 'login' : 'logout') : (partner!.start === row ? 'START' : 'STOP');
      return {
        ...lens,
        command: { title: `${direction} ${word} in ${plainText(path.basename(at.path), 100)} (line ${at.fileLine + 1}, ${clockTime(ref)}) · ${this.service.index.sessions.count[partner!.session]} events in the bundle`, command: reveal, arguments: [at.uri, at.line] },
      };
    });
  }

  /** A line for the hover of an entry whose session continues in another file. */
  hoverNote(uri: string, analysis: Analysis, position: Position): string | undefined {
    const partner = this.partnerAt(uri, analysis, position);
    if (!partner) {
      return undefined;
    }
    const lines: string[] = [];
    for (const [role, row] of [['START', partner.start], ['STOP', partner.stop]] as const) {
      if (row !== undefined) {
        const at = this.service.location(row);
        const word = analysis.log.format === 'oag' ? (role === 'START' ? 'Login' : 'Logout') : role;
        lines.push(`- ${word}: in ${inlineCode(path.basename(at.path), 100)}, line ${at.fileLine + 1}, ${clockTime(this.service.index.entryRef(row))}`);
      }
    }
    return lines.length > 0 ? `**In the bundle**\n${lines.join('\n')}` : undefined;
  }
}

function sessionTooltip(s: import('./service/index/bundleIndex').SessionSummary): string {
  const parts = [
    `${s.user ?? '(no user)'}${s.app ? ` · ${s.app}` : ''}${s.device ? ` · ${s.device}` : ''}`,
    s.rule === 'sessionId' ? `SESSION_ID ${s.key}` : s.rule === 'appGsid' ? `appGsid ${s.key}` : `paired by user, device and app`,
    s.publicIp ? `from ${s.publicIp}` : '',
    `${s.events} events`,
    s.problems.length > 0 ? s.problems.join(', ') : '',
  ];
  return parts.filter((p) => p).join(' — ');
}
