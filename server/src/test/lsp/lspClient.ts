/**
 * A minimal LSP client for black-box tests: starts the built server as a user would
 * (`node server/out/server.js --stdio`) and talks JSON-RPC to it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REQUESTS } from '../../service/formats/ids';

export const SERVER_PATH = path.resolve(__dirname, '..', '..', 'server.js');
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  stderr: () => string;
  logs: string[];
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, languageId: string, text: string): void;
  /** Every diagnostics notification received for `uri` so far, in order. */
  published(uri: string): Diagnostic[][];
  /** `window/showMessage` texts received so far. */
  messages: string[];
  /** `client/registerCapability` registrations in force (the client accepts them, and unregistrations). */
  registrations: { id: string; method: string; registerOptions?: unknown }[];
  /** `window/showDocument` requests received so far (the client answers success). */
  shownDocuments: { uri: string; selection?: { start: { line: number; character: number } } }[];
  request<R>(method: string, params: unknown, timeoutMs?: number): Promise<R>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Client capabilities beyond configuration and hierarchical symbols. */
  capabilities?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Workspace folders (file URIs). */
  workspaceFolders?: string[];
  /** Options for the server's Node process, e.g. a smaller heap (`--max-old-space-size=256`). */
  nodeArgs?: string[];
}

export async function startServer(settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, Diagnostic[][]>();
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const logs: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const list = published.get(params.uri) ?? [];
    list.push(params.diagnostics);
    published.set(params.uri, list);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  const messages: string[] = [];
  connection.onNotification('window/showMessage', (params: { message: string }) => messages.push(params.message));
  const shownDocuments: TestClient['shownDocuments'] = [];
  connection.onRequest('window/showDocument', (params: TestClient['shownDocuments'][number]) => {
    shownDocuments.push(params);
    return { success: true };
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  const registrations: TestClient['registrations'] = [];
  connection.onRequest('client/registerCapability', (params: { registrations: TestClient['registrations'] }) => {
    registrations.push(...params.registrations);
    return null;
  });
  // The protocol spells the field `unregisterations`.
  connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
    for (const { id } of params.unregisterations) {
      const at = registrations.findIndex((r) => r.id === id);
      if (at !== -1) {
        registrations.splice(at, 1);
      }
    }
    return null;
  });
  connection.listen();
  await withTimeout(connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder ${i}` })) ?? null,
    capabilities: {
      workspace: { configuration: true },
      textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
      ...options.capabilities,
    },
    initializationOptions: options.initializationOptions,
  }), 10_000, 'initialize');
  await connection.sendNotification('initialized', {});

  const client: TestClient = {
    connection,
    process: child,
    logs,
    messages,
    registrations,
    shownDocuments,
    published: (uri) => published.get(uri) ?? [],
    stderr: () => stderr,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return withTimeout(new Promise<Diagnostic[]>((resolve) => waiters.push({ uri, accept, resolve })), timeoutMs, `diagnostics for ${uri}`);
    },
    open(uri, languageId, text) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    request<R>(method: string, params: unknown, timeoutMs = 5_000) {
      return withTimeout(connection.sendRequest(method, params) as Promise<R>, timeoutMs, method);
    },
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 2_000, 'shutdown');
        await connection.sendNotification('exit');
      } catch {
        // the process is killed below either way
      }
      connection.dispose();
      if (child.exitCode === null) {
        child.kill();
      }
    },
  };
  return client;
}

/** What the server says of its bundle (its status request), as far as the tests read it. */
export interface BundleStatus {
  files: { path: string }[];
  sessions: number;
  indexing: boolean;
}

/** Waits until the server's bundle holds at least `files` files and is not indexing (it indexes in the background). */
export async function bundleIndexed(client: TestClient, files: number): Promise<BundleStatus> {
  for (;;) {
    const status = await client.request<BundleStatus>(REQUESTS.bundleStatus, null);
    if (status.files.length >= files && !status.indexing) {
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Resolves with what `probe` gives once it gives something (not undefined, not false): what the server
 * sends arrives asynchronously. Fails after `timeoutMs`, naming `what` was waited for.
 */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
