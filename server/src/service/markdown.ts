/**
 * Markdown built from log content must show that content literally: log values come from
 * clients (usernames, device names, user agents) and are untrusted.
 */

const MAX_QUOTED = 200;

function truncate(text: string, max = MAX_QUOTED): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/** Escapes every character with a meaning in CommonMark or HTML, and flattens line breaks. */
export function escapeMarkdown(text: string, max = MAX_QUOTED): string {
  return truncate(text, max)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (ch) => '\\' + ch)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Renders text as an inline code span. Inside a code span markdown and HTML are not interpreted;
 * the fence is made longer than any run of backticks in the text so the text cannot close it.
 */
export function inlineCode(text: string, max = MAX_QUOTED): string {
  const flat = truncate(text, max).replace(/[\r\n\u2028\u2029]+/g, ' ');
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

/** Plain text for places that are not markdown (symbol names, CodeLens titles): one line, bounded. */
export function plainText(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  return truncate(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' '), max);
}
