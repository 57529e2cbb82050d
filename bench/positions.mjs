// Seeded choice of request positions: header lines and keys/values inside JSON (Blue Cedar) or
// structured data (OAG). Half of the positions are on session start/stop (login/logout) entries,
// where go-to-definition has a partner to find; the rest are on any entry.
import { random } from './generate.mjs';

const BC_HEADER = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d /;
const OAG_HEADER = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

export function computeLineStarts(text) {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  return starts;
}

/** Line and character of an offset (binary search over line starts). */
export function positionAt(lineStarts, offset) {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low] };
}

export function pickPositions(text, lineStarts, format, count, seed) {
  const rnd = random(seed);
  const int = (n) => Math.floor(rnd() * n);
  const lineCount = lineStarts.length;
  const lineText = (i) => {
    const end = i + 1 < lineCount ? lineStarts[i + 1] - 1 : text.length;
    return text.slice(lineStarts[i], end);
  };
  const headerRe = format === 'bluecedar' ? BC_HEADER : OAG_HEADER;
  const isHeader = (i) => headerRe.test(lineText(i));

  function randomEntry() {
    for (;;) {
      let h = int(lineCount);
      while (h > 0 && !isHeader(h)) h--;
      if (!isHeader(h)) continue;
      let e = h + 1;
      while (e < lineCount && !isHeader(e) && e - h < 500) e++;
      const lines = [];
      for (let i = h; i < e; i++) lines.push(lineText(i));
      const pair = format === 'bluecedar'
        ? lines.some((l) => /^Session (?:START|STOP) /.test(l))
        : / (?:USER_AUTHN|USER_LOGIN|USER_LOGOUT) \[/.test(lines[0]);
      return { start: h, lines, pair };
    }
  }

  const positions = [];
  for (let n = 0; n < count; n++) {
    const wantPair = n % 4 < 2;
    let entry = randomEntry();
    for (let tries = 0; wantPair && !entry.pair && tries < 10_000; tries++) entry = randomEntry();
    const inHeader = n % 2 === 0;
    if (inHeader) {
      positions.push({ line: entry.start, character: int(entry.lines[0].length), where: 'header', pair: entry.pair });
      continue;
    }
    // Keys (and for OAG also values) inside the payload.
    const spots = [];
    if (format === 'bluecedar') {
      entry.lines.forEach((l, i) => {
        if (i === 0 && entry.lines.length > 1) return;
        for (const m of l.matchAll(/"([A-Za-z]\w*)"\s*:\s*("[^"]*"|[\w.-]+)?/g)) {
          spots.push({ line: entry.start + i, from: m.index + 1, to: m.index + 1 + m[1].length });
          if (m[2]) {
            const v = m.index + m[0].length - m[2].length;
            spots.push({ line: entry.start + i, from: v, to: v + m[2].length });
          }
        }
      });
    } else {
      for (const m of entry.lines[0].matchAll(/([A-Z][A-Z_]*)="([^"]*)"/g)) {
        spots.push({ line: entry.start, from: m.index, to: m.index + m[1].length });
        const v = m.index + m[1].length + 2;
        spots.push({ line: entry.start, from: v, to: v + Math.max(1, m[2].length) });
      }
    }
    if (spots.length === 0) {
      const last = entry.lines.length - 1;
      positions.push({ line: entry.start + last, character: int(entry.lines[last].length), where: 'message', pair: entry.pair });
      continue;
    }
    const s = spots[int(spots.length)];
    positions.push({ line: s.line, character: s.from + int(s.to - s.from), where: 'payload', pair: entry.pair });
  }
  return positions;
}

/** Offset just inside a JSON string value / structured-data value near the middle of the text. */
export function middleEditOffset(text, format) {
  const needle = format === 'bluecedar' ? '"username":"' : 'SUBJECT="';
  const at = text.indexOf(needle, Math.floor(text.length / 2));
  return at === -1 ? Math.floor(text.length / 2) : at + needle.length + 1;
}
