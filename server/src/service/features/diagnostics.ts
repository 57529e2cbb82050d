/**
 * Problems of the parse and of the session cross-checks, as LSP diagnostics: each check reported at
 * the level the user chose for its code (or not at all), then capped.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { Analysis, rangeOf } from '../analysis';
import { CheckLevel, ProblemCode } from '../diagnosticCodes';
import { plainText } from '../markdown';
import { Problem, ProblemSeverity } from '../model';

export interface DiagnosticOptions {
  /** A level per check code; a code not listed keeps its built-in severity. */
  levels?: Partial<Record<ProblemCode, CheckLevel>>;
  /** The setting that raises the cap, named in the notice when the cap is hit. */
  limitSetting?: string;
}

export const DIAGNOSTIC_SOURCE = 'gateway-logs';

const SEVERITY: Record<ProblemSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function allProblems(analysis: Analysis): Problem[] {
  const problems: Problem[] = [...analysis.log.problems];
  // An indexed loop: this runs over every entry once per edit, often before the engine optimises it.
  const { entries } = analysis.log;
  for (let i = 0; i < entries.length; i++) {
    const own = entries[i].problems;
    for (let k = 0; k < own.length; k++) {
      problems.push(own[k]);
    }
  }
  for (const problem of analysis.sessionProblems) {
    problems.push(problem);
  }
  return problems.sort((a, b) => a.start - b.start);
}

/** `maxDiagnostics` 0 turns diagnostics off. */
export function diagnostics(analysis: Analysis, maxDiagnostics: number, options: DiagnosticOptions = {}): Diagnostic[] {
  if (maxDiagnostics <= 0) {
    return [];
  }
  const problems = withLevels(allProblems(analysis), options.levels);
  const limit = maxDiagnostics;
  // When capping, keep the most serious problems rather than the first ones.
  const kept = problems.length > limit ? [...problems].sort((a, b) => rank(a) - rank(b)).slice(0, limit).sort((a, b) => a.start - b.start) : problems;
  const result: Diagnostic[] = kept.map((p) => ({
    range: rangeOf(analysis.log, p.start, Math.max(p.end, p.start)),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    // Messages quote log content: keep them to one readable line.
    message: plainText(p.message, 500),
  }));
  if (problems.length > limit) {
    const raise = options.limitSetting ? ` Raise the setting ${options.limitSetting} to see more.` : '';
    result.unshift({
      range: rangeOf(analysis.log, 0, 0),
      severity: DiagnosticSeverity.Information,
      code: 'diagnostics-capped',
      source: DIAGNOSTIC_SOURCE,
      message: `Showing ${limit} of ${problems.length} problems (the most serious first).${raise}`,
    });
  }
  return result;
}

/** The problems at the levels chosen for their codes; those turned off are left out. */
function withLevels(problems: Problem[], levels: DiagnosticOptions['levels']): Problem[] {
  if (!levels) {
    return problems;
  }
  const out: Problem[] = [];
  for (const problem of problems) {
    const level = levels[problem.code];
    if (level === 'off') {
      continue;
    }
    out.push(level === undefined || level === problem.severity ? problem : { ...problem, severity: level });
  }
  return out;
}

function rank(problem: Problem): number {
  return ['error', 'warning', 'information', 'hint'].indexOf(problem.severity);
}
