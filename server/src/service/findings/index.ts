/**
 * Findings of a whole document: computed when first asked for, once per analysis version, and carried
 * over an edit that touched nothing a rule reads (a keystroke in a 50 MB log costs a scan for changed
 * entries, not the rules).
 */
import { Analysis } from '../analysis';
import { LogEntry } from '../model';
import { factsOfAnalysis } from './facts';
import { FactSet, Finding, FindingsResult } from './model';
import { FindingsOptions, sameOptions } from './options';
import { RULES } from './registry';
import { runRule } from './rule';

export type { FindingsOptions } from './options';
export { defaultFindingsOptions, readFindingsOptions } from './options';
export type { EntryRef, EventFacts, Evidence, FactSet, Finding, FindingsResult, SessionFacts } from './model';
export { factsOfAnalysis } from './facts';
export { RULES } from './registry';

/** Runs every enabled rule over the facts; findings sorted by time, then file and line. */
export function computeFindings(facts: FactSet, options: FindingsOptions): FindingsResult {
  const findings: Finding[] = [];
  const omitted: Record<string, number> = {};
  if (!options.enabled) {
    return { findings, omitted };
  }
  for (const rule of RULES) {
    const ruleOptions = options.rules[rule.id];
    if (!ruleOptions?.enabled) {
      continue;
    }
    const left = runRule(rule, facts, ruleOptions, Math.max(0, options.maxPerRule), findings);
    if (left > 0) {
      omitted[rule.id] = left;
    }
  }
  findings.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity)
    || (a.where.file ?? '').localeCompare(b.where.file ?? '') || a.where.line - b.where.line);
  return { findings, omitted };
}

interface Cached {
  options: FindingsOptions;
  result: FindingsResult;
}

const cache = new WeakMap<Analysis, Cached>();

/** The findings of this analysis, computed once. */
export function findingsOf(analysis: Analysis, options: FindingsOptions): FindingsResult {
  const cached = cache.get(analysis);
  if (cached && sameOptions(cached.options, options)) {
    return cached.result;
  }
  const result = computeFindings(factsOfAnalysis(analysis), options);
  cache.set(analysis, { options, result });
  return result;
}

/**
 * Findings that an edit carried over, per analysis made by the edit. Only the result is kept, never the
 * analysis before the edit (that would keep its text alive).
 */
const carried = new WeakMap<Analysis, Cached>();

/**
 * Called by the language service after each edit: when every entry the edit parsed again neither is nor
 * was one the rules read (and the entries still line up one to one), the findings of the version before
 * stay true, only on other lines.
 */
export function noteEdit(previous: Analysis, next: Analysis, replaced: readonly LogEntry[], redone: readonly LogEntry[]): void {
  const before = cache.get(previous) ?? carried.get(previous);
  if (!before || replaced.length !== redone.length || next.log.entries.length !== previous.log.entries.length) {
    return;
  }
  for (let i = 0; i < replaced.length; i++) {
    if (readByRules(replaced[i]) || readByRules(redone[i])) {
      return;
    }
  }
  carried.set(next, before);
}

/** The findings of this analysis if they are known without running the rules (computed, or carried over an edit). */
export function knownFindings(analysis: Analysis, options: FindingsOptions): FindingsResult | undefined {
  const cached = cache.get(analysis);
  if (cached && sameOptions(cached.options, options)) {
    return cached.result;
  }
  const before = carried.get(analysis);
  if (!before || !sameOptions(before.options, options)) {
    return undefined;
  }
  const result = moveToLines(before.result, analysis);
  cache.set(analysis, { options, result });
  return result;
}

/** Entries the facts are read from: session ends and members with facts, rejections, OAG user events. */
function readByRules(entry: LogEntry): boolean {
  return entry.kind !== 'other' || entry.session !== undefined || entry.sessionId !== undefined
    || (entry.eventName !== undefined && entry.eventName.startsWith('USER_'));
}

/** The same findings, their entry references pointing at the lines the entries are on now. */
function moveToLines(result: FindingsResult, analysis: Analysis): FindingsResult {
  const { entries } = analysis.log;
  const move = <T extends { where: { file?: string; entry: number; line: number } }>(item: T): T => {
    const entry = item.where.file === undefined ? entries[item.where.entry] : undefined;
    return entry && entry.startLine !== item.where.line ? { ...item, where: { ...item.where, line: entry.startLine } } : item;
  };
  return {
    findings: result.findings.map((f) => ({ ...move(f), evidence: f.evidence.map(move) })),
    omitted: result.omitted,
  };
}
