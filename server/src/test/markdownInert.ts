/**
 * Checks that markdown built from log content shows it as inert text, by parsing the markdown with a
 * real CommonMark parser (markdown-it) with raw HTML and bare-URL autolinking on, so that anything a
 * renderer could turn into a link, an image or HTML shows up as a token.
 */
import assert from 'node:assert/strict';
import MarkdownIt = require('markdown-it');

const parser = new MarkdownIt({ html: true, linkify: true });

type Token = ReturnType<MarkdownIt['parse']>[number];

/** Token types that make something live: links (including autolinks), images and raw HTML. */
const LIVE = new Set(['link_open', 'image', 'html_inline', 'html_block']);

/** One paragraph, heading, list item or table cell: its inline tokens and the text a reader sees. */
export interface InlineRegion {
  tokens: Token[];
  /** The rendered text: text, code spans and line breaks (as spaces), without markup. */
  text: string;
  /** Token types in the region that would be live. */
  live: string[];
}

export function inlineRegions(markdown: string): InlineRegion[] {
  const regions: InlineRegion[] = [];
  for (const block of parser.parse(markdown, {})) {
    if (LIVE.has(block.type)) {
      regions.push({ tokens: [block], text: block.content, live: [block.type] });
    }
    if (block.type !== 'inline') {
      continue;
    }
    const tokens = block.children ?? [];
    const text = tokens.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : '')).join('');
    regions.push({ tokens, text, live: tokens.filter((t) => LIVE.has(t.type)).map((t) => t.type) });
  }
  return regions;
}

/**
 * Asserts that `shown` (a log value as the hover displays it) appears in the rendered text of the
 * markdown, and that the region holding it has no link, image or HTML: the value reads literally.
 * Returns the region.
 */
export function assertShownInert(markdown: string, shown: string, where = ''): InlineRegion {
  const regions = inlineRegions(markdown);
  const holding = regions.filter((r) => r.text.includes(shown));
  assert.ok(holding.length > 0, `${where}: ${JSON.stringify(shown)} is not shown literally in\n${markdown}\nrendered: ${JSON.stringify(regions.map((r) => r.text))}`);
  for (const region of holding) {
    assert.deepEqual(region.live, [], `${where}: live markup around ${JSON.stringify(shown)} in\n${markdown}`);
  }
  return holding[0];
}

/** Asserts that nothing in the markdown renders as a link, an image or HTML. */
export function assertNoLiveMarkup(markdown: string, where = ''): void {
  for (const region of inlineRegions(markdown)) {
    assert.deepEqual(region.live, [], `${where}: live markup in region ${JSON.stringify(region.text)} of\n${markdown}`);
  }
}

/** The rendered text of the first region (the hover title). */
export function titleText(markdown: string): string {
  return inlineRegions(markdown)[0]?.text ?? '';
}
