/** Month names as both log families' syslog-style timestamps write them. */

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `(?:Jan|Feb|…|Dec)` for building patterns. */
export const MONTH_PATTERN = `(?:${MONTH_NAMES.join('|')})`;

/** The month whose three-letter name starts at `at` (0-11), or -1. Scans character codes: every line passes here. */
export function monthAt(text: string, at: number): number {
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  switch (text.charCodeAt(at)) {
    case 74 /* J */:
      return b === 97 && c === 110 ? 0 : b === 117 ? (c === 110 ? 5 : c === 108 ? 6 : -1) : -1;
    case 70 /* F */:
      return b === 101 && c === 98 ? 1 : -1;
    case 77 /* M */:
      return b === 97 ? (c === 114 ? 2 : c === 121 ? 4 : -1) : -1;
    case 65 /* A */:
      return b === 112 && c === 114 ? 3 : b === 117 && c === 103 ? 7 : -1;
    case 83 /* S */:
      return b === 101 && c === 112 ? 8 : -1;
    case 79 /* O */:
      return b === 99 && c === 116 ? 9 : -1;
    case 78 /* N */:
      return b === 111 && c === 118 ? 10 : -1;
    case 68 /* D */:
      return b === 101 && c === 99 ? 11 : -1;
    default:
      return -1;
  }
}

/** The month (0-11) of a name typed in any case (`nov`, `NOV`), or -1. */
export function monthOfName(name: string): number {
  const lower = name.toLowerCase();
  return MONTH_NAMES.findIndex((m) => m.toLowerCase() === lower);
}
