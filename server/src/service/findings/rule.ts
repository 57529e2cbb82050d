/** What every findings rule is: an id (its settings key), a diagnostic code, defaults, and a run over facts. */
import { displayText, truncate } from '../markdown';
import { detached } from '../text';
import { EntryRef, Evidence, FactSet, Finding, FindingSeverity, Instant } from './model';

export type OptionValue = number | boolean | string | string[];

/** Every rule has these two options; thresholds come on top. */
export interface BaseRuleOptions {
  enabled: boolean;
  severity: FindingSeverity;
}

/** A finding as a rule reports it; the runner adds the rule's id, code, title and severity. */
export interface NewFinding extends Instant {
  message: string;
  where: EntryRef;
  end?: number;
  user?: string;
  device?: string;
  evidence: EvidenceList;
}

export interface Rule<O extends BaseRuleOptions = BaseRuleOptions> {
  /** Also the key of the rule's settings. */
  id: string;
  /** The diagnostic code: stable, so people can filter and silence by it. */
  code: string;
  /** A few words: the name of the finding in the outline and hover. */
  title: string;
  defaults: O;
  /** What the rule looks for with these options, in a sentence or two (the hover's "why"). */
  explain(options: O): string;
  /** Calls `report` once per finding with a function that builds it (called only while under the limit). */
  run(facts: FactSet, options: O, report: (build: () => NewFinding) => void): void;
}

/** Evidence lines kept per finding; a burst of 500 REJECTs is proved by its first few. */
export const MAX_EVIDENCE = 10;
/** Longest evidence line kept (UTF-16 units): more than the hover (300) and the diagnostics (300) show. */
export const MAX_EVIDENCE_TEXT = 400;
/** Longest user or device name a finding keeps (the timeline's rows cut theirs at the same length). */
export const MAX_NAME = 200;

/**
 * Builds a finding's evidence, keeping at most MAX_EVIDENCE lines and counting the rest. Strings are
 * copied: findings can outlive the document version their facts were read from.
 */
export class EvidenceList {
  readonly items: Evidence[] = [];
  more = 0;

  add(at: Instant & { where: EntryRef }, text: string): this {
    if (this.items.length < MAX_EVIDENCE) {
      // Bounded: an evidence line quotes log values (an OAG RESULT, an address) a log may make huge.
      this.items.push({ where: at.where, time: at.time, zone: at.zone, text: detached(truncate(text, MAX_EVIDENCE_TEXT)) });
    } else {
      this.more++;
    }
    return this;
  }
}

/** Runs one rule, applying its severity and limit. */
export function runRule<O extends BaseRuleOptions>(
  rule: Rule<O>, facts: FactSet, options: O, limit: number, out: Finding[],
): number {
  let omitted = 0;
  let kept = 0;
  rule.run(facts, options, (build) => {
    if (kept >= limit) {
      omitted++;
      return;
    }
    kept++;
    const found = build();
    out.push({
      rule: rule.id, code: rule.code, title: rule.title, severity: options.severity,
      message: detached(found.message), where: found.where, time: found.time, zone: found.zone, end: found.end,
      user: found.user === undefined ? undefined : detached(truncate(found.user, MAX_NAME)),
      device: found.device === undefined ? undefined : detached(truncate(found.device, MAX_NAME)),
      evidence: found.evidence.items, moreEvidence: found.evidence.more,
    });
  });
  return omitted;
}

/**
 * `'value'` for messages: quoted, one line, bounded without splitting a character, and with invisible
 * or direction-changing characters written out (`\u202E`). Messages also reach the timeline, which
 * shows them as they are.
 */
export function quoted(value: string | undefined, fallback = '(none)'): string {
  return value === undefined ? fallback : `'${displayText(value, 80)}'`;
}

/** Groups items by a key, keeping each group in the items' order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) {
      continue;
    }
    const group = groups.get(key);
    if (group) {
      group.push(item);
    } else {
      groups.set(key, [item]);
    }
  }
  return groups;
}

/** Items with a time, sorted by it (stable: the document's order breaks ties). Nearly sorted input sorts in linear time. */
export function byTime<T extends Instant>(items: readonly T[]): (T & { time: number })[] {
  const timed = items.filter((i): i is T & { time: number } => i.time !== undefined && Number.isFinite(i.time));
  return timed.sort((a, b) => a.time - b.time);
}
