/** Findings as diagnostics: one per finding, on the event it is about, with its evidence as related locations. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { Analysis, headerLineRange, OffsetRange, rangeOf } from '../analysis';
import { EntryRef, Finding, FindingsResult } from '../findings/model';
import { plainText } from '../markdown';
import { LogEntry } from '../model';
import { clockTime } from '../wording';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** The entry a reference names in this document (references into other files are not shown here). */
export function entryOfRef(analysis: Analysis, ref: EntryRef): LogEntry | undefined {
  if (ref.file !== undefined) {
    return undefined;
  }
  const entry = analysis.log.entries[ref.entry];
  return entry && entry.startLine === ref.line ? entry : undefined;
}

/** Where a finding is shown: its event's name (`Session START`, `USER_LOGIN`), else the header line. */
export function findingRange(analysis: Analysis, entry: LogEntry): OffsetRange {
  return entry.eventStart !== undefined && entry.eventEnd !== undefined
    ? rangeOf(analysis.log, entry.eventStart, entry.eventEnd)
    : headerLineRange(analysis.log, entry);
}

export function findingDiagnostics(analysis: Analysis, result: FindingsResult, uri: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of result.findings) {
    const entry = entryOfRef(analysis, finding.where);
    if (!entry) {
      continue;
    }
    diagnostics.push({
      range: findingRange(analysis, entry),
      severity: finding.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      code: finding.code,
      source: DIAGNOSTIC_SOURCE,
      message: plainText(`${finding.title}: ${finding.message}`, 500),
      relatedInformation: relatedOf(analysis, finding, uri),
    });
  }
  return diagnostics;
}

function relatedOf(analysis: Analysis, finding: Finding, uri: string): Diagnostic['relatedInformation'] {
  const related: NonNullable<Diagnostic['relatedInformation']> = [];
  for (const item of finding.evidence) {
    const entry = entryOfRef(analysis, item.where);
    if (entry) {
      related.push({
        location: { uri, range: headerLineRange(analysis.log, entry) },
        message: plainText(`${clockTime(item)} ${item.text}`, 300),
      });
    }
  }
  return related.length > 0 ? related : undefined;
}
