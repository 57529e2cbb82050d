/** Hover on a finding: what it found, why the rule fired with these thresholds, the evidence, how to silence it. */
import { Analysis } from '../analysis';
import { FindingsOptions } from '../findings/options';
import { EntryRef, Evidence, Finding, FindingsResult } from '../findings/model';
import { ruleById } from '../findings/registry';
import { escapeMarkdown, inlineCode } from '../markdown';
import { offsetAt, Position } from '../text';
import { clockTime, dateTime } from '../wording';
import { entryOfRef, findingRange } from './findingDiagnostics';

export interface FindingHover {
  markdown: string;
  range: ReturnType<typeof findingRange>;
}

/** `settingsPrefix` (e.g. the server's `gatewayLogs.findings`) names the settings in the "silence it" line. */
export function findingHover(
  analysis: Analysis, result: FindingsResult, options: FindingsOptions, position: Position, settingsPrefix: string,
): FindingHover | null {
  const { log } = analysis;
  const offset = offsetAt(log.text, log.lineStarts, position);
  const here: Finding[] = [];
  let range: FindingHover['range'] | undefined;
  for (const finding of result.findings) {
    const entry = entryOfRef(analysis, finding.where);
    if (!entry || offset < entry.start || offset > entry.end) {
      continue;
    }
    const shown = findingRange(analysis, entry);
    const start = offsetAt(log.text, log.lineStarts, shown.start);
    const end = offsetAt(log.text, log.lineStarts, shown.end);
    if (offset >= start && offset <= end) {
      here.push(finding);
      range = shown;
    }
  }
  if (here.length === 0 || !range) {
    return null;
  }
  return { markdown: here.map((f) => describeFinding(f, options, settingsPrefix)).join('\n\n---\n\n'), range };
}

export function describeFinding(finding: Finding, options: FindingsOptions, settingsPrefix: string): string {
  const rule = ruleById(finding.rule);
  const ruleOptions = options.rules[finding.rule];
  const lines = [
    `**Finding: ${escapeMarkdown(finding.title)}** (${inlineCode(finding.code)}, ${finding.severity === 'warning' ? 'warning' : 'information'})`,
    '',
    escapeMarkdown(finding.message, 400),
  ];
  if (rule && ruleOptions) {
    // The explanation is our own text (it quotes settings values, never log content).
    lines.push('', `*Why:* ${rule.explain(ruleOptions as never)}`);
  }
  lines.push('', '*Evidence:*', '');
  const sameDay = evidenceOnOneDay(finding.evidence);
  for (const item of finding.evidence) {
    lines.push(`- ${where(item.where)} · ${sameDay ? clockTime(item) : dateTime(item)} — ${escapeMarkdown(item.text, 300)}`);
  }
  if (finding.moreEvidence > 0) {
    lines.push(`- … and ${finding.moreEvidence} more ${finding.moreEvidence === 1 ? 'entry' : 'entries'}`);
  }
  lines.push('', `To silence it, set ${inlineCode(`${settingsPrefix}.${finding.rule}.enabled`)} to \`false\`, or change its thresholds and severity under ${inlineCode(`${settingsPrefix}.${finding.rule}`)}.`);
  return lines.join('\n');
}

function where(ref: EntryRef): string {
  return ref.file === undefined ? `line ${ref.line + 1}` : `${escapeMarkdown(ref.file, 120)} line ${ref.line + 1}`;
}

function evidenceOnOneDay(evidence: Evidence[]): boolean {
  const days = new Set(evidence.filter((e) => e.time !== undefined).map((e) => dateTime(e).slice(0, 10)));
  return days.size <= 1;
}
