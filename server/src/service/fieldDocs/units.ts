/** Human-readable numbers for hovers. Pure functions, no locale dependence. (Durations: ../wording.) */

/** 1024-based: 648674 -> '633.5 KB'; 512 -> '512 bytes'. */
export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) {
    return String(bytes);
  }
  const sign = bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size < 1024) {
    return `${sign}${size} ${size === 1 ? 'byte' : 'bytes'}`;
  }
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let scaled = size / 1024;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const text = scaled.toFixed(1).replace(/\.0$/, '');
  return `${sign}${text} ${units[unit]}`;
}

/** 648674 -> '648,674'. */
export function groupDigits(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** 1 -> '1st', 2 -> '2nd', 3 -> '3rd', 11 -> '11th', 22 -> '22nd'. */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) {
    return `${n}th`;
  }
  switch (n % 10) {
    case 1: return `${n}st`;
    case 2: return `${n}nd`;
    case 3: return `${n}rd`;
    default: return `${n}th`;
  }
}

/** A JSON or structured-data number as written, or undefined when the text is not a plain number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed)) {
    return undefined;
  }
  const n = Number(trimmed);
  // `1e400` is written like a number but is none a double can hold: say so rather than "Infinity".
  return Number.isFinite(n) ? n : undefined;
}
