/**
 * Names the client, the server and package.json must agree on: language ids, command ids, setting
 * names and custom requests. The service layer's features never use these directly: the server passes
 * what a feature needs (a command id, a setting name for a message) as a parameter.
 */
import type { LogFormat } from '../model';

export const LANGUAGE_OF_FORMAT: Readonly<Record<LogFormat, string>> = {
  bluecedar: 'bluecedar-log',
  oag: 'oag-log',
};

export const LANGUAGE_IDS = [LANGUAGE_OF_FORMAT.bluecedar, LANGUAGE_OF_FORMAT.oag] as const;

export function formatOfLanguage(languageId: string): LogFormat | undefined {
  if (languageId === LANGUAGE_OF_FORMAT.bluecedar) {
    return 'bluecedar';
  }
  return languageId === LANGUAGE_OF_FORMAT.oag ? 'oag' : undefined;
}

/** Commands the VS Code client contributes (package.json `contributes.commands`). */
export const CLIENT_COMMANDS = {
  goToPairedEvent: 'gatewayLogs.goToPairedEvent',
  revealEntry: 'gatewayLogs.revealEntry',
  restartServer: 'gatewayLogs.restartServer',
  openSlice: 'gatewayLogs.openSlice',
  addToBundle: 'gatewayLogs.addToBundle',
  showBundleTimeline: 'gatewayLogs.showBundleTimeline',
  showTimeline: 'gatewayLogs.showTimeline',
  /** Filtered views (client/src/views/filter*.ts). */
  filterLog: 'gatewayLogs.filter.build',
  filterApply: 'gatewayLogs.filter.apply',
  filterShowSession: 'gatewayLogs.filter.showSession',
  filterShowUser: 'gatewayLogs.filter.showUser',
  filterShowDevice: 'gatewayLogs.filter.showDevice',
  filterShowProblems: 'gatewayLogs.filter.showProblems',
  filterSessionEvents: 'gatewayLogs.sessions.showEvents',
  filterRevealInOriginal: 'gatewayLogs.filter.revealInOriginal',
  filterNextPage: 'gatewayLogs.filter.nextPage',
  filterPreviousPage: 'gatewayLogs.filter.previousPage',
  filterExport: 'gatewayLogs.filter.export',
  filterToggleFollow: 'gatewayLogs.filter.toggleFollow',
  filterRefresh: 'gatewayLogs.filter.refresh',
} as const;

/**
 * Commands the language server itself carries out (`workspace/executeCommand`), so CodeLenses work in
 * any editor. Distinct from the client's ids: vscode-languageclient registers these in VS Code too.
 */
export const SERVER_COMMANDS = {
  /** Arguments: document URI, 0-based line. Opens the document there (`window/showDocument`). */
  revealEntry: 'gatewayLogs.server.revealEntry',
  /** Arguments: document URI, 0-based line. Shows the paired event of the entry on that line. */
  goToPairedEvent: 'gatewayLogs.server.goToPairedEvent',
  /** Arguments: document URI, 0-based line. Tells, in a message, what is known of the entry's session. */
  describeSession: 'gatewayLogs.server.describeSession',
} as const;

/** The settings section and the names under it. */
export const SETTINGS_SECTION = 'gatewayLogs';
export const SETTINGS = {
  maxDiagnostics: 'maxDiagnostics',
  maxSymbols: 'maxSymbols',
  diagnosticsDelay: 'diagnosticsDelay',
  codeLensEnabled: 'codeLens.enabled',
  sliceSizeMB: 'sliceSizeMB',
  traceServer: 'trace.server',
  bundleEnabled: 'bundle.enabled',
  bundleInclude: 'bundle.include',
  bundleExclude: 'bundle.exclude',
  /** The findings' settings: `findings.enabled`, `findings.maxPerRule`, `findings.<rule id>.<option>`. */
  findings: 'findings',
  /** One per check: `diagnostics.<code>` (error, warning, information, hint or off). */
  diagnostics: 'diagnostics',
  /** Filtered views of files on disk follow the file as it grows. */
  filterFollow: 'filter.follow',
} as const;

/** Defaults of the bundle settings (package.json shows the same; npm run sync:manifest writes them there). */
export const BUNDLE_DEFAULTS = {
  /** Names real bundles use: syslog's `messages` (rotated as messages.1 or messages-20211104), gateway and OAG logs, rotated copies, gzip. */
  include: ['**/messages*', '**/gateway.log*', '**/ics_all.log*', '**/audit.log*', '**/*.log', '**/*.log.*', '**/*.gz'],
  exclude: ['**/node_modules/**', '**/.git/**'],
};

/** The full name of a setting, as users write it in settings.json. */
export function settingName(name: string): string {
  return `${SETTINGS_SECTION}.${name}`;
}

/** Custom requests between the client and the server. */
export const REQUESTS = {
  serverInfo: 'gatewayLogs/serverInfo',
  /** Bundle: files, entries, sessions, whether indexing runs. */
  bundleStatus: 'gatewayLogs/bundle/status',
  /** Bundle: a level of the Sessions tree ({ parent?, groupBy, filter }). */
  bundleTree: 'gatewayLogs/bundle/tree',
  /** Bundle: the text of a window URI ({ uri }). */
  bundleWindow: 'gatewayLogs/bundle/window',
  /** Bundle: add files or folders ({ paths }). */
  bundleAdd: 'gatewayLogs/bundle/add',
  /** Bundle: stop indexing in progress. */
  bundleCancel: 'gatewayLogs/bundle/cancel',
  /** Bundle: the timeline of every file's sessions. */
  bundleTimeline: 'gatewayLogs/bundle/timeline',
  /** Bundle: where the entry on a line of a file can be shown ({ path, line } -> { uri, line }). */
  bundleLocate: 'gatewayLogs/bundle/locate',
  /** The timeline view's data for an open document ({ uri }). */
  timeline: 'gatewayLogs/timeline',
  /** The entry on a line of an open document, for the timeline to highlight ({ uri, line }). */
  timelineCursor: 'gatewayLogs/timelineCursor',
  /** Filtered view: the text of a view URI ({ uri }) -> { text } or { error }. */
  filterText: 'gatewayLogs/filter/text',
  /** Filtered view: what a view URI shows ({ uri }): matches, parts, sources, whether counting goes on. */
  filterInfo: 'gatewayLogs/filter/info',
  /** Filtered view: where a line of a view comes from ({ uri, line }) -> the original's URI and line. */
  filterOriginal: 'gatewayLogs/filter/original',
  /** Filtered view: the URI of a new view and the line in it of a line of its source ({ spec, sourceName, line? }). */
  filterOpen: 'gatewayLogs/filter/open',
  /** What the entry at ({ uri, line }) names: session key, user, device, app, IPs (for "Show Only This…"). */
  filterContext: 'gatewayLogs/filter/context',
  /** Values to offer in the filter builder for a source ({ source }): components, events, users… with counts. */
  filterChoices: 'gatewayLogs/filter/choices',
  /** Writes the entries of a view to a file ({ uri, path, as: 'log' | 'csv' | 'ndjson' }). */
  filterExport: 'gatewayLogs/filter/export',
  /** The source of a view changed on disk ({ uri }): re-read it before the view is asked for again. */
  filterRefresh: 'gatewayLogs/filter/refresh',
} as const;

/** Notifications from the server to the client. */
export const NOTIFICATIONS = {
  /** The bundle index changed (views that show it should refresh). */
  bundleChanged: 'gatewayLogs/bundle/changed',
  /**
   * Filtered views whose text or counts changed ({ uris, textChanged, finished }): the client asks for
   * them again (`finished`: a part shown before its log was read far enough is now complete).
   */
  filterChanged: 'gatewayLogs/filter/changed',
} as const;
