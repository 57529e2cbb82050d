/** Line bookkeeping on plain strings, in UTF-16 offsets (the unit of LSP positions by default). */

export interface Position {
  line: number;
  character: number;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  // A lone CR also ends a line for editors; such files are rare, so take the slow path only then.
  if (text.indexOf('\r') !== -1 && hasLoneCarriageReturn(text)) {
    return computeLineStartsWithCR(text);
  }
  return starts;
}

function hasLoneCarriageReturn(text: string): boolean {
  let at = text.indexOf('\r');
  while (at !== -1) {
    if (text.charCodeAt(at + 1) !== 10) {
      return true;
    }
    at = text.indexOf('\r', at + 1);
  }
  return false;
}

function computeLineStartsWithCR(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        i++;
      }
      starts.push(i + 1);
    } else if (ch === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the line containing `offset` (binary search). */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

/** End of line `line`'s content, before its line break. */
export function lineContentEnd(text: string, lineStarts: readonly number[], line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 10) {
    end--;
  }
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 13) {
    end--;
  }
  return end;
}

export function positionAt(lineStarts: readonly number[], textLength: number, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, textLength));
  const line = lineOf(lineStarts, clamped);
  return { line, character: clamped - lineStarts[line] };
}

export function offsetAt(text: string, lineStarts: readonly number[], position: Position): number {
  if (position.line < 0) {
    return 0;
  }
  if (position.line >= lineStarts.length) {
    return text.length;
  }
  const end = lineContentEnd(text, lineStarts, position.line);
  return Math.max(lineStarts[position.line], Math.min(lineStarts[position.line] + Math.max(0, position.character), end));
}
