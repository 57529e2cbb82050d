/**
 * The words between an OAG line's host and its level, put in their slots: APPLICATION, SUB-PROCESS,
 * COMPONENT, SUB-COMPONENT. Real lines leave slots out and write some in several words; the
 * documentation's lists decide where the words go.
 */
import { Field, FieldSink, LogEntry, Problem } from '../model';
import { isOneOf, OAG_APPLICATIONS, OAG_COMPONENTS, OAG_SUB_COMPONENTS, OAG_SUB_PROCESSES } from '../formats/vocabulary';
import { applicationInWordsEnd } from './headerWords';

export interface Token {
  start: number;
  end: number;
  text: string;
}

/**
 * The words between the host and the level, in slots: APPLICATION (a known one, `Access Gateway`, a
 * lower-case service name, or an unknown word when there are enough words for all four slots; a
 * line that starts with a known sub-process has none), SUB-PROCESS, then COMPONENT and SUB-COMPONENT,
 * which may each be several words: the split that the documentation's lists recognise wins.
 */
export function assignHeaderSlots(text: string, end: number, tokens: Token[], entry: LogEntry, problems: Problem[], fields?: FieldSink): void {
  if (tokens.length === 0) {
    return;
  }
  let t = 0;
  const first = tokens[0].text;
  if (tokens.length >= 2 && applicationInWordsEnd(text, tokens[0].start, end) === tokens[1].end) {
    fields?.push(headerField('application', tokens[0].start, tokens[1].end, 'Access Gateway'));
    t = 2;
  } else {
    const known = isOneOf(OAG_APPLICATIONS, first);
    const subProcessFirst = !known && isOneOf(OAG_SUB_PROCESSES, first);
    if (known || (!subProcessFirst && (tokens.length >= 4 || /^[a-z]/.test(first)))) {
      if (!known && tokens.length >= 4 && /^[A-Z_]+$/.test(first)) {
        const near = OAG_APPLICATIONS.find((app) => similar(app, first));
        problems.push({
          severity: 'information', start: tokens[0].start, end: tokens[0].end, code: 'unknown-application',
          message: `'${first}' is not an application the reference lists${near ? ` (did you mean ${near}?)` : ''}.`,
        });
      }
      fields?.push(headerField('application', tokens[0].start, tokens[0].end, withoutColon(first)));
      t = 1;
    }
  }
  if (t < tokens.length) {
    fields?.push(headerField('subProcess', tokens[t].start, tokens[t].end, withoutColon(tokens[t].text)));
    t++;
  }
  const rest = tokens.length - t;
  if (rest === 0) {
    return;
  }
  const componentWords = rest === 1 ? 1 : componentSplit(tokens, t);
  const component = tokensText(tokens, t, t + componentWords);
  entry.component = component;
  fields?.push(headerField('component', tokens[t].start, tokens[t + componentWords - 1].end, component));
  if (componentWords < rest) {
    const from = t + componentWords;
    fields?.push(headerField('subComponent', tokens[from].start, tokens[tokens.length - 1].end, tokensText(tokens, from, tokens.length)));
  }
}

/**
 * How many of the words from `t` (two or more) form the component; the rest is the sub-component.
 * A split where both parts are documented wins, then one with a documented component; otherwise the
 * last word is the sub-component (`CLUSTER MANAGER ADMIN NOMINATION`, `MONITORING REST API`).
 */
function componentSplit(tokens: Token[], t: number): number {
  const rest = tokens.length - t;
  let componentOnly = -1;
  for (let words = rest - 1; words >= 1; words--) {
    const component = tokensText(tokens, t, t + words);
    if (!isOneOf(OAG_COMPONENTS, component)) {
      continue;
    }
    if (isOneOf(OAG_SUB_COMPONENTS, tokensText(tokens, t + words, tokens.length))) {
      return words;
    }
    if (componentOnly === -1) {
      componentOnly = words;
    }
  }
  return componentOnly !== -1 ? componentOnly : rest - 1;
}

/** The text without one final ':' (as `replace(/:$/, '')`). */
function withoutColon(word: string): string {
  return word.endsWith(':') ? word.slice(0, -1) : word;
}

/** The words [from, to) joined by single spaces. */
export function tokensText(tokens: Token[], from: number, to: number): string {
  if (to - from === 1) {
    return tokens[from].text;
  }
  let out = tokens[from].text;
  for (let i = from + 1; i < to; i++) {
    out += ' ' + tokens[i].text;
  }
  return out;
}

function similar(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}


/** A header field: the whole text is the value (header fields have no key of their own). */
export function headerField(name: string, start: number, end: number, value: string): Field {
  return { group: 'header', name, start, end, keyStart: start, keyEnd: start, valueStart: start, valueEnd: end, value };
}
