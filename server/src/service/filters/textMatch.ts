/**
 * Text and regular-expression clauses. A regular expression typed by a person runs on one entry's text
 * at a time, with RE2's linear-time engine (re2js): no pattern can make matching take more than time
 * proportional to the text, so `(a+)+$` on a long line costs what `a` costs. Patterns that need
 * backtracking (back-references, look-around) are refused with RE2's reason. Plain text is searched
 * with the engine's own indexOf or a literal case-insensitive pattern, both linear as well.
 */
import { RE2JS } from 're2js';
import { MAX_CLAUSE_TEXT } from '../formats/filterSpec';
import { requiredLiteral } from './requiredLiteral';

export interface TextMatcher {
  /** Whether `text` (one entry) contains a match. */
  test(text: string): boolean;
  /**
   * The start of the first match at or after `from` in a whole document, or -1: lets a filter over a
   * document search once from entry to entry instead of once per entry (plain text only).
   */
  searchFrom?(text: string, from: number): number;
}

/** A matcher for a text clause, or a message saying why the pattern cannot be used. */
export function textMatcher(pattern: string, regex: boolean, caseSensitive: boolean): TextMatcher | string {
  if (pattern.length === 0) {
    return 'The pattern is empty.';
  }
  if (pattern.length > MAX_CLAUSE_TEXT) {
    return `The pattern is longer than ${MAX_CLAUSE_TEXT} characters.`;
  }
  if (!regex) {
    if (caseSensitive) {
      return {
        test: (text) => text.indexOf(pattern) !== -1,
        searchFrom: (text, from) => text.indexOf(pattern, from),
      };
    }
    // A literal with the `i` flag: V8 matches a literal without backtracking.
    const literal = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    return {
      test: (text) => {
        literal.lastIndex = 0;
        return literal.test(text);
      },
      searchFrom: (text, from) => {
        literal.lastIndex = from;
        const found = literal.exec(text);
        return found ? found.index : -1;
      },
    };
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, RE2JS.MULTILINE | (caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // RE2 quotes the pattern with the flags it was given written in front: the person typed neither.
    const said = reason.replace(/^error parsing regexp: /, '').replace(/`\(\?m\)(?:\(\?i\))?/g, '`');
    return `This regular expression cannot be used (${said}). `
      + 'Filters use RE2 syntax, which has no back-references or look-around, so that no pattern can hang the search.';
  }
  // Text every match must contain: entries without it are passed over without running the expression.
  // Inline flags like (?i) may change case anywhere, so the literal is then looked for in any case.
  const literal = requiredLiteral(pattern);
  if (literal === undefined) {
    return { test: (text) => compiled.test(lineFeeds(text)) };
  }
  const search = textMatcher(literal, false, caseSensitive && !pattern.includes('(?')) as TextMatcher;
  return { test: (text) => search.test(text) && compiled.test(lineFeeds(text)), searchFrom: search.searchFrom };
}

/**
 * The text with its line ends as line feeds: RE2's `$` (and `^`) know only `\n`, and a person writing
 * `…,$` means the end of the line whatever the file's line ends are.
 */
function lineFeeds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}
