/** The `gatewayLogs` settings the server reads, with their defaults. */
export interface Settings {
  maxDiagnostics: number;
  maxSymbols: number;
  diagnosticsDelay: number;
  codeLens: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  maxDiagnostics: 1000,
  maxSymbols: 5000,
  diagnosticsDelay: 250,
  codeLens: { enabled: true },
};

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function readSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const count = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback);
  const codeLens = (typeof value.codeLens === 'object' && value.codeLens !== null ? value.codeLens : {}) as Record<string, unknown>;
  return {
    maxDiagnostics: count(value.maxDiagnostics, DEFAULT_SETTINGS.maxDiagnostics),
    maxSymbols: count(value.maxSymbols, DEFAULT_SETTINGS.maxSymbols),
    diagnosticsDelay: count(value.diagnosticsDelay, DEFAULT_SETTINGS.diagnosticsDelay),
    codeLens: { enabled: typeof codeLens.enabled === 'boolean' ? codeLens.enabled : DEFAULT_SETTINGS.codeLens.enabled },
  };
}
