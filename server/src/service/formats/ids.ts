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
} as const;

/** Defaults of the bundle settings (package.json shows the same; npm run sync:manifest writes them there). */
export const BUNDLE_DEFAULTS = {
  /** Names real bundles use: syslog's `messages`, gateway and OAG logs, rotated copies, gzip. */
  include: ['**/messages', '**/messages.*', '**/gateway.log*', '**/ics_all.log*', '**/audit.log*', '**/*.log', '**/*.log.*', '**/*.gz'],
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
} as const;

/** Notifications from the server to the client. */
export const NOTIFICATIONS = {
  /** The bundle index changed (views that show it should refresh). */
  bundleChanged: 'gatewayLogs/bundle/changed',
} as const;
