/**
 * A piece of text every match of a regular expression must contain, found by reading the pattern's top
 * level (no alternation there; groups, classes and optional atoms skipped). Searching for it first lets
 * a filter pass over the entries that cannot match without running the regular expression on them; the
 * expression still decides for the others. Conservative: when in doubt there is no literal.
 */

/** The longest run of characters every match contains (at least `min` long), or undefined. */
export function requiredLiteral(pattern: string, min = 3): string | undefined {
  // A flag group like (?i) is no atom: a quantifier after it repeats what came before (`abc(?i)*`
  // is `ab` then any number of `c`). Rare in filters: no literal then.
  if (hasTopLevelAlternation(pattern) || /\(\?[a-zA-Z-]*\)/.test(pattern)) {
    return undefined;
  }
  let best = '';
  let run = '';
  const endRun = (): void => {
    if (run.length > best.length) {
      best = run;
    }
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let atom: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined || /[0-9A-Za-z]/.test(e)) {
        // A class (\d, \w, \pL, \p{Greek}), an assertion (\b), a quote (\Q) or a code (\x41, \x{41},
        // \012): not a plain character, and what names it is not one either.
        atom = undefined;
        next = escapeEnd(pattern, i);
      } else {
        atom = e;
        next = i + 2;
      }
    } else if (c === '(') {
      next = skipGroup(pattern, i);
      atom = undefined;
    } else if (c === '[') {
      next = skipClass(pattern, i);
      atom = undefined;
    } else if ('.^$'.includes(c)) {
      atom = undefined;
    } else if ('*+?{'.includes(c)) {
      // A quantifier with nothing (known) before it: give up on this run.
      endRun();
      i = skipQuantifier(pattern, i);
      continue;
    } else if (isHighSurrogate(c) && isLowSurrogate(pattern[i + 1])) {
      // A character outside the BMP is one atom: a quantifier after it applies to both halves.
      atom = c + pattern[i + 1];
      next = i + 2;
    } else {
      atom = c;
    }
    // What follows the atom: a quantifier may make it optional or repeat it.
    const q = pattern[next];
    if (q === '*' || q === '?' || (q === '{' && /^\{0*[,}]/.test(pattern.slice(next)))) {
      endRun();
      i = skipQuantifier(pattern, next);
      continue;
    }
    if (q === '+' || q === '{') {
      if (atom !== undefined) {
        run += atom;
      }
      endRun();
      i = skipQuantifier(pattern, next);
      continue;
    }
    if (atom === undefined) {
      endRun();
    } else {
      run += atom;
    }
    i = next;
  }
  endRun();
  return best.length >= min ? best : undefined;
}

function isHighSurrogate(c: string | undefined): boolean {
  return c !== undefined && c >= '\ud800' && c <= '\udbff';
}

function isLowSurrogate(c: string | undefined): boolean {
  return c !== undefined && c >= '\udc00' && c <= '\udfff';
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = skipClass(pattern, i) - 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      return true;
    }
  }
  return false;
}

/** Index after the group opening at `i` (its closing parenthesis), or the end. */
function skipGroup(pattern: string, i: number): number {
  let depth = 0;
  for (let k = i; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '\\') {
      k++;
    } else if (c === '[') {
      k = skipClass(pattern, k) - 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return k + 1;
    }
  }
  return pattern.length;
}

/** Index after the character class opening at `i`, or the end. */
function skipClass(pattern: string, i: number): number {
  let k = i + 1;
  if (pattern[k] === '^') {
    k++;
  }
  if (pattern[k] === ']') {
    k++;
  }
  for (; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '\\') {
      k++;
    } else if (c === '[' && pattern[k + 1] === ':') {
      const close = pattern.indexOf(':]', k + 2);
      k = close === -1 ? pattern.length : close + 1;
    } else if (c === ']') {
      return k + 1;
    }
  }
  return pattern.length;
}

/** Index after a quantifier at `i` (and a lazy `?` after it). */
function skipQuantifier(pattern: string, i: number): number {
  let k = i;
  if (pattern[k] === '{') {
    const close = pattern.indexOf('}', k);
    k = close === -1 ? k + 1 : close + 1;
  } else {
    k++;
  }
  return pattern[k] === '?' ? k + 1 : k;
}

/** Index after the escape with a letter or digit at `i` (`\\` then its name and what the name takes). */
function escapeEnd(pattern: string, i: number): number {
  const e = pattern[i + 1];
  let k = i + 2;
  if ((e === 'p' || e === 'P' || e === 'x') && pattern[k] === '{') {
    const close = pattern.indexOf('}', k);
    return close === -1 ? pattern.length : close + 1;
  }
  if (e === 'p' || e === 'P') {
    return Math.min(pattern.length, k + 1); // a one-letter class name: \pL
  }
  if (e === 'x') {
    while (k < i + 4 && /[0-9A-Fa-f]/.test(pattern[k] ?? '')) {
      k++;
    }
    return k;
  }
  if (e !== undefined && /[0-7]/.test(e)) {
    while (k < i + 4 && /[0-7]/.test(pattern[k] ?? '')) {
      k++;
    }
    return k;
  }
  return Math.min(pattern.length, k);
}
