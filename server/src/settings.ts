/** The `gatewayLogs` settings the server reads, with their defaults. */
import { CHECK_LEVELS, CheckLevel, isProblemCode, ProblemCode } from './service/diagnosticCodes';

export interface Settings {
  maxDiagnostics: number;
  maxSymbols: number;
  diagnosticsDelay: number;
  codeLens: { enabled: boolean };
  /** The level chosen for each check code; codes not listed keep their built-in severity. */
  diagnostics: Partial<Record<ProblemCode, CheckLevel>>;
}

export const DEFAULT_SETTINGS: Settings = {
  maxDiagnostics: 1000,
  maxSymbols: 5000,
  diagnosticsDelay: 250,
  codeLens: { enabled: true },
  diagnostics: {},
};

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
}

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function readSettings(raw: unknown): Settings {
  const value = objectOf(raw);
  const count = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback);
  const codeLens = objectOf(value.codeLens);
  const diagnostics: Settings['diagnostics'] = {};
  for (const [code, level] of Object.entries(objectOf(value.diagnostics))) {
    if (isProblemCode(code) && CHECK_LEVELS.includes(level as CheckLevel)) {
      diagnostics[code] = level as CheckLevel;
    }
  }
  return {
    maxDiagnostics: count(value.maxDiagnostics, DEFAULT_SETTINGS.maxDiagnostics),
    maxSymbols: count(value.maxSymbols, DEFAULT_SETTINGS.maxSymbols),
    diagnosticsDelay: count(value.diagnosticsDelay, DEFAULT_SETTINGS.diagnosticsDelay),
    codeLens: { enabled: typeof codeLens.enabled === 'boolean' ? codeLens.enabled : DEFAULT_SETTINGS.codeLens.enabled },
    diagnostics,
  };
}
