/**
 * Log text as it is shown to a person. Log values come from clients (usernames, device names, user
 * agents, payload keys) and are untrusted: wherever they are displayed they must read literally, on
 * one line, bounded in length, and without characters that hide or reorder what is shown.
 */

const MAX_QUOTED = 200;

/**
 * Characters that change how text around them looks while being invisible themselves: C0 and C1
 * controls (tab and line breaks are flattened separately), bidirectional controls (which can make
 * `exe.gnp` read as `png.exe`), zero-width and other invisible format characters (which make
 * `al\u200Bice` look like `alice`), lone surrogates, and the invisible tag characters.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\uD800-\uDFFF\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}]/gu;
/** Line breaks and other white-space controls: one space for each run, so the text stays on one line. */
const BREAKS = /[\t\n\u000B\u000C\r\u2028\u2029]+/g;

function codePointEscape(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/**
 * Escapes an invisible character, except a zero-width joiner or non-joiner between two characters
 * beyond ASCII that are not invisible themselves: there it builds an emoji (`👩‍💻`) or spells a Persian
 * or Indic word, and writing it out would garble the name. Next to a Latin letter, a digit or another
 * invisible character it only hides a difference (`al\u200Dice`), and is written out.
 */
function invisibleEscape(ch: string, at: number, text: string): string {
  const code = ch.charCodeAt(0);
  if ((code === ZWNJ || code === ZWJ) && joins(text.charCodeAt(at - 1)) && joins(text.charCodeAt(at + 1))) {
    return ch;
  }
  return codePointEscape(ch);
}

/** Whether a neighbour of a joiner is a visible character beyond ASCII (a surrogate half: an emoji's). */
function joins(code: number): boolean {
  return code > 0x7f && !(code >= 0x200b && code <= 0x200f) && !(code >= 0x2060 && code <= 0x206f) && code !== 0xfeff && !Number.isNaN(code);
}

/** The first `max` UTF-16 units of `text`, one fewer rather than half a surrogate pair, and '…' when cut. */
export function truncate(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) {
    return text;
  }
  let cut = Math.max(0, max);
  const before = text.charCodeAt(cut - 1);
  if (cut > 0 && before >= 0xd800 && before <= 0xdbff) {
    cut--;
  }
  return text.slice(0, cut) + '…';
}

/**
 * Log text for display anywhere (markdown or plain): shortened to `max` units without splitting a
 * surrogate pair, on one line, with invisible and direction-changing characters written out as
 * escapes (`\u202E`), so that two values that differ never look the same.
 */
export function displayText(text: string, max = MAX_QUOTED): string {
  return truncate(text, max).replace(BREAKS, ' ').replace(INVISIBLE, invisibleEscape);
}

/**
 * Escapes log text for markdown: every ASCII punctuation character is backslash-escaped (so no
 * emphasis, link, table or heading can form, and no bare URL or e-mail address can be autolinked,
 * since `http\:\/\/` and `a\@b\.c` match no autolink pattern), and `&`, `<`, `>` become entities.
 */
export function escapeMarkdown(text: string, max = MAX_QUOTED): string {
  return displayText(text, max)
    .replace(/[!-%'-/:;=?@[-`{-~]/g, (ch) => '\\' + ch)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Renders text as an inline code span. Inside a code span markdown and HTML are not interpreted and
 * nothing is autolinked; the fence is made longer than any run of backticks in the text so the text
 * cannot close it.
 */
export function inlineCode(text: string, max = MAX_QUOTED): string {
  const flat = displayText(text, max);
  if (flat.length === 0) {
    return '*(empty)*';
  }
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return fence + pad + flat + pad + fence;
}

/** Plain text for places that are not markdown (symbol names, CodeLens titles, diagnostic messages). */
export function plainText(text: string, max = 120): string {
  return displayText(text, max);
}
