/**
 * Options of the findings: all on or off, a limit per rule, and each rule's options (see Rule.defaults).
 * Read from whatever the client sent, generically: a rule's option keeps its default unless a value of
 * the same kind is given. The names under which people set them are the server's business.
 */
import { FindingSeverity } from './model';
import { RULES } from './registry';
import { BaseRuleOptions, OptionValue } from './rule';

export interface FindingsOptions {
  enabled: boolean;
  /** Findings kept per rule; the outline says how many more there were. */
  maxPerRule: number;
  rules: Record<string, BaseRuleOptions & Record<string, OptionValue>>;
}

export const DEFAULT_MAX_PER_RULE = 100;
/**
 * The most findings of one rule, however many are asked for: diagnostics, the outline, the hover's
 * search and the timeline all list every finding kept, so the setting must not make them unbounded.
 */
export const MAX_PER_RULE_LIMIT = 10_000;

export function defaultFindingsOptions(): FindingsOptions {
  const rules: FindingsOptions['rules'] = {};
  for (const rule of RULES) {
    rules[rule.id] = { ...(rule.defaults as BaseRuleOptions & Record<string, OptionValue>) };
  }
  return { enabled: true, maxPerRule: DEFAULT_MAX_PER_RULE, rules };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

function severity(value: unknown): FindingSeverity | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const lower = value.trim().toLowerCase();
  return lower === 'warning' ? 'warning' : lower === 'information' || lower === 'info' ? 'information' : undefined;
}

/** A value of the same kind as the default, else the default (negative or non-finite numbers are refused). */
function sameKind(value: unknown, fallback: OptionValue): OptionValue {
  if (typeof fallback === 'number') {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
  }
  if (typeof fallback === 'boolean') {
    return typeof value === 'boolean' ? value : fallback;
  }
  if (Array.isArray(fallback)) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.slice(0, 1000) as string[] : fallback;
  }
  return typeof value === 'string' ? value : fallback;
}

/** `raw` is the object of the findings settings: `{ enabled, maxPerRule, <ruleId>: { enabled, severity, ... } }`. */
export function readFindingsOptions(raw: unknown): FindingsOptions {
  const value = record(raw);
  const options = defaultFindingsOptions();
  if (typeof value.enabled === 'boolean') {
    options.enabled = value.enabled;
  }
  options.maxPerRule = Math.min(MAX_PER_RULE_LIMIT, Math.floor(sameKind(value.maxPerRule, options.maxPerRule) as number));
  for (const rule of RULES) {
    const given = record(value[rule.id]);
    const current = options.rules[rule.id];
    for (const key of Object.keys(current)) {
      if (key === 'severity') {
        current.severity = severity(given.severity) ?? current.severity;
      } else if (key in given) {
        current[key] = sameKind(given[key], current[key]);
      }
    }
  }
  return options;
}

/** Two option sets give the same findings (compared by value: settings arrive as new objects). */
export function sameOptions(a: FindingsOptions, b: FindingsOptions): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
