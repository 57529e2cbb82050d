/**
 * Log values, keys and names rendered in hovers must read as inert text. The hover markdown is parsed
 * with a CommonMark parser that autolinks bare URLs (as VS Code's renderer does) and the region that
 * shows the value is checked for links, images and HTML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupContent } from 'vscode-languageserver-types';
import { doHover } from '../../service/features/hover';
import { displayText, escapeMarkdown, inlineCode } from '../../service/markdown';
import { assertNoLiveMarkup, assertShownInert, inlineRegions, titleText } from '../markdownInert';
import { analyzeText, bcHeader, bcStart, bcStop, oagLine, positionOfText } from './helpers';

const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);

const URLS = ['http://134744072/phish', 'https://evil.com/login?x=1', 'www.evil.com', 'alice@evil.com', 'HTTP://EVIL.COM', 'ftp://evil.com/f', 'evil.com/x'];

function hoverMarkdown(text: string, format: 'bluecedar' | 'oag', needle: string, occurrence = 0, shift = 1): string {
  const analysis = analyzeText(text, format);
  const hover = doHover(analysis, positionOfText(text, needle, occurrence, shift));
  assert.ok(hover, `no hover on ${needle}`);
  return (hover.contents as MarkupContent).value;
}

test('escapeMarkdown and inlineCode: URLs and e-mail addresses in log text never become links', () => {
  for (const url of URLS) {
    // The parser does autolink each of them when written plainly: the checks below have teeth.
    assert.ok(inlineRegions(`**Session** ${url} · 2 events`).some((r) => r.live.includes('link_open')), `${url} is autolinked when not escaped`);
    assertShownInert(`**Session** ${escapeMarkdown(url)} · 2 events`, url, url);
    assertShownInert(`Value: ${inlineCode(url)}`, url, url);
  }
});

test('a username that is a URL: the session part of the event hover shows it as text', () => {
  for (const url of URLS) {
    const s = { username: url, appGsid: 5 };
    const text = bcStart(T0, s) + bcStop(T0 + 1000, { ...s, durationSeconds: 1 });
    const markdown = hoverMarkdown(text, 'bluecedar', 'Session START', 0, 2);
    assertShownInert(markdown, url, url);
    assertNoLiveMarkup(markdown, url);
    // And on the value itself.
    const onValue = hoverMarkdown(text, 'bluecedar', url, 0, 2);
    assertShownInert(onValue, url, `${url} (value)`);
  }
});

test('a JSON key that is a URL or markup: the hover title shows it literally', () => {
  for (const key of [...URLS, '[x](command:foo)', '<img src=x>', '**b** _i_ `c`']) {
    const text = `${bcHeader(T0)}\nSession START {"sessionId":{${JSON.stringify(key)}:1}}`;
    const markdown = hoverMarkdown(text, 'bluecedar', JSON.stringify(key), 0, 2);
    assert.ok(titleText(markdown).endsWith(key), markdown);
    assertShownInert(markdown.split('\n')[0], key, key);
    assertNoLiveMarkup(markdown, key);
  }
});

test('an OAG SUBJECT and a structured-data key that are URLs or markup read literally', () => {
  for (const value of [...URLS, '[x](command:foo)']) {
    const sd = `[SESSION_ID="s1" SUBJECT="${value}" RESULT="PASS"]`;
    const text = oagLine(T0, 'ACCESS_GATEWAY ACCESS AUTHN SAML INFO', 'USER_AUTHN', sd, 'm');
    assertShownInert(hoverMarkdown(text, 'oag', value, 0, 2), value, `SUBJECT ${value}`);
    const session = hoverMarkdown(text, 'oag', 'USER_AUTHN', 0, 2);
    assertShownInert(session, value, `session of ${value}`);
    assertNoLiveMarkup(session, value);
  }
  // Structured-data keys are words with dots and dashes: enough for a bare domain.
  for (const key of ['www.evil.com', 'evil.com', 'a.b-c_d.com']) {
    const text = oagLine(T0, 'ACCESS_GATEWAY ACCESS AUTHN SAML INFO', 'USER_AUTHN', `[SESSION_ID="s1" ${key}="v"]`, 'm');
    const markdown = hoverMarkdown(text, 'oag', key, 0, 1);
    assert.ok(titleText(markdown).endsWith(key), markdown);
    assertNoLiveMarkup(markdown, key);
  }
  // Markup where a key should be is no key: whatever hover there is stays inert.
  for (const key of ['<img src=x>', 'http://evil.example', '[x](command:foo)']) {
    const text = oagLine(T0, 'ACCESS_GATEWAY ACCESS AUTHN SAML INFO', 'USER_AUTHN', `[SESSION_ID="s1" ${key}="v"]`, 'm');
    const analysis = analyzeText(text, 'oag');
    for (let shift = 0; shift < key.length; shift++) {
      const hover = doHover(analysis, positionOfText(text, key, 0, shift));
      if (hover) {
        assertNoLiveMarkup((hover.contents as MarkupContent).value, `${key} +${shift}`);
      }
    }
  }
});

test('displayText: one line, invisible characters shown, surrogate pairs kept whole', () => {
  assert.equal(displayText('a\r\nb\tc'), 'a b c');
  assert.equal(displayText('x\u202Ey\u200Bz\u0000\u007f\u0085'), 'x\\u202Ey\\u200Bz\\u0000\\u007F\\u0085');
  assert.equal(displayText('\uD800x'), '\\uD800x', 'a lone surrogate is shown, not passed on');
  assert.equal(displayText('ab😀cd', 3), 'ab…');
  assert.equal(displayText('ab😀cd', 4), 'ab😀…');
  assert.equal(displayText('abc', 3), 'abc');
  assert.equal(displayText('é', 1), 'é');
});

test('displayText: the joiners that emoji and scripts need are kept inside them, and shown next to Latin letters', () => {
  // Zero-width joiner and non-joiner build emoji sequences and are part of Persian and Indic spelling.
  assert.equal(displayText('👩\u200D💻'), '👩\u200D💻');
  assert.equal(displayText('می\u200Cخواهم'), 'می\u200Cخواهم');
  assert.equal(displayText('क्\u200Dष'), 'क्\u200Dष');
  // Between or beside Latin letters, digits or punctuation they only hide a difference: written out.
  assert.equal(displayText('al\u200Dice'), 'al\\u200Dice');
  assert.equal(displayText('al\u200Cice'), 'al\\u200Cice');
  assert.equal(displayText('\u200Dalice'), '\\u200Dalice');
  assert.equal(displayText('alice\u200C'), 'alice\\u200C');
  assert.equal(displayText('😀\u200Da'), '😀\\u200Da');
  assert.equal(displayText('😀\u200D\u200D😀'), '😀\\u200D\\u200D😀', 'two joiners in a row join nothing');
});
