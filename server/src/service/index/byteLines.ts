/**
 * Line starts counted in bytes, the way computeLineStarts counts them in characters: at every LF,
 * at CR LF, and at a lone CR when the bytes hold one. Line breaks are ASCII, so the n-th line starts at
 * the n-th byte offset here and at the n-th character offset there, whatever UTF-8 lies between.
 */
export function byteLineStarts(bytes: Uint8Array): Int32Array {
  if (hasLoneCarriageReturn(bytes)) {
    return withLoneCr(bytes);
  }
  const starts = new Int32Array(lineFeeds(bytes) + 1);
  let n = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    starts[n++] = i + 1;
  }
  return starts;
}

/** How many LF bytes there are. */
export function lineFeeds(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    count++;
  }
  return count;
}

/** Whether a CR that no LF follows ends a line somewhere (old Mac line ends). */
export function hasLoneCarriageReturn(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(13); i !== -1; i = bytes.indexOf(13, i + 1)) {
    if (bytes[i + 1] !== 10) {
      return true;
    }
  }
  return false;
}

function withLoneCr(bytes: Uint8Array): Int32Array {
  const starts: number[] = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 13) {
      if (bytes[i + 1] === 10) {
        i++;
      }
      starts.push(i + 1);
    } else if (b === 10) {
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}
