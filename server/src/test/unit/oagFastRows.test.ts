/**
 * The OAG indexer's fast path against the ordinary parser: for any bytes, the same rows (times,
 * levels, events, flags, keys, facts) and the same line count, on generated lines built to sit on
 * every edge of the fast path's shape and on the sample logs; and the fast path is really taken for
 * the common shape.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseChunkBytes } from '../../bundle/parseChunk';
import { indexOagBytes } from '../../bundle/oagFastRows';
import { newSink, toPart } from '../../service/index/transfer';
import { OAG_FRAGMENTS } from './fragments';
import { runs } from './helpers';
import { readablePart } from './indexDumps';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'samples');

/** Both paths over the same chunks (cut after the given lines), from `originByte` on. */
function bothWays(bytes: Buffer, cuts: number[] = [], originByte = 0): { fast: Record<string, unknown[]>; parsed: Record<string, unknown[]>; fastLines: number } {
  const pieces = chunksOf(bytes, cuts);
  const fastSink = newSink();
  const parsedSink = newSink();
  let fastLines = 0;
  let at = originByte;
  for (const piece of pieces) {
    fastLines += indexOagBytes(piece, at, fastSink);
    parseChunkBytes('oag', { bytes: piece, byte: at }, parsedSink);
    at += piece.length;
  }
  return { fast: readablePart(toPart(fastSink)), parsed: readablePart(toPart(parsedSink)), fastLines };
}

/** The bytes cut into chunks after the LFs numbered in `cuts` (as the reader cuts: after a line break). */
function chunksOf(bytes: Buffer, cuts: number[]): Buffer[] {
  const breaks: number[] = [];
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    breaks.push(i + 1);
  }
  const ends = [...new Set(cuts.filter((c) => c < breaks.length).map((c) => breaks[c]))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const end of ends) {
    if (end > from && end < bytes.length) {
      pieces.push(bytes.subarray(from, end));
      from = end;
    }
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

const keys = fc.constantFrom('SESSION_ID', 'SUBJECT', 'USER', 'USERNAME', 'APP', 'RESULT', 'REASON', 'REMOTE_IP', 'RESOURCE', 'APP_DOMAIN', 'TYPE', 'k.v-1', '_x', 'NEW NAME', '9BAD', 'é');
const valueText = fc.oneof(
  fc.constantFrom('PASS', 'FAIL', ' fail ', 'DENY', 'deny', 'ALLOW', '-', 'N/A', ' ', '', '_abc', '10.0.0.1', '/r/1', 'app.example.com', 'a=b', 'x=', 'x TYPE=', 'a]b', '[x]', 'a b'),
  fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\t', '=', ']', '[', '\\', '"', 'é', '“', '”', '\u00a0', '\r', '\u0001'), maxLength: 6 }),
);
const pair = fc.tuple(keys, fc.constantFrom('="', '= "', '="', '="', '“', '"', '=', '=\''), valueText, fc.constantFrom('"', '"', '"', '”', '', '\\"'))
  .map(([k, eq, v, close]) => `${k}${eq}${v}${close}`);
/** A pair in the common shape (keys repeat: the parser keeps the first value). */
const cleanPair = fc.tuple(fc.constantFrom('SESSION_ID', 'SUBJECT', 'RESULT', 'APP', 'REMOTE_IP', 'RESOURCE'), fc.constantFrom('_s1', '_s2', 'alice', 'DENY', 'FAIL', 'PASS', '10.0.0.1', '/r/2', '-'))
  .map(([k, v]) => `${k}="${v}"`);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '', '', '=');
const data = fc.tuple(
  fc.constantFrom('[', '[', '[ ', '['),
  fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: cleanPair }, { weight: 1, arbitrary: pair }), separator), { maxLength: 6 }),
  fc.constantFrom(']', ']', ' ]', '', ']x', '] '),
)
  .map(([open, pairs, close]) => open + pairs.map(([p, s]) => p + s).join('') + close);
const stamp = fc.constantFrom(
  '2021-09-14T08:05:03.127-05:00', '2021-09-14T08:05:03Z', '2021-09-14T08:05:03.123456789+0530', '2021-02-30T08:05:03.127-05:00',
  '2021-09-14T25:05:03.127-05:00', '0099-01-01T00:00:00Z', 'Oct  9 07:20:03', '2021-09-14 08:05:03', '\uFEFF2021-09-14T08:05:03Z', '2021-09-14T08:05:03.1234567890Z',
);
const header = fc.constantFrom(
  ' oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN ', ' oag01 ACCESS_GATEWAY ACCESS AUTHZ POLICY WARN USER_AUTHZ ',
  ' oag01 ACCESS_GATEWAY ACCESS AUTHZ SESSION INFO USER_SESSION ', ' oag01 ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN ',
  ' oag01 OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN ', ' OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN ', ' oag01 Access Gateway WEB_CONSOLE IDP LOCAL INFO SYSTEM_IDP_STATUS ',
  ' oag01 ACCESS_GATEWAY ACCESS AUTHN SESSION BOGUS_LEVEL USER_LOGOUT ', ' oag01 CHECK_HOST checkConnection.sh INFO HOST ', ' oag01 ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP ',
  ' oag01 OAG syslog-ng: ', ' oag01 sshd[812]: ', ' [DNS name] ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT ', ' oag01 ACCESS_GATEWAY ACCESS\tAUTHN SESSION INFO USER_LOGOUT ',
  ' oag01 ACCESS_GATEWAY ACCESS AUTHN SESSION INFO UNKNOWN_EVENT ', ' oag01 ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION INFO Copy HA configs ', ' oag01 ACME ACCESS AUTHN SESSION INFO USER_LOGOUT ',
  ' oag01 ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT', '\toag01 ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT ', ' oag01\u00a0ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT ',
  ' oag01 ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUTé ', ' oag01 ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT\u0001 ',
);
const message = fc.constantFrom('', ' User login success: alice', ' x "y" [z] \\ é', ' nginx: 10.0.0.1 - - [14/Sep/2021:08:05:03 -0500] "GET / HTTP/1.1" 200 5');
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(stamp, header, data, message).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...OAG_FRAGMENTS) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'continued text', '\tat com.example.Thing(Thing.java:1)', '{"json": 1}') },
);
const lineBreak = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const document = fc.array(fc.tuple(line, lineBreak), { minLength: 1, maxLength: 12 }).map((lines) => lines.map(([l, b]) => l + b).join(''));

/**
 * Lines near the common shape, so that most of them take the fast path and the rest leave it by one
 * step: a header of the gateway's words in any order and number (hosts in brackets, `Access Gateway`
 * in words, console sub-processes, several levels, labels of several words, tabs, no-break spaces),
 * structured data of the fact keys with values on every edge of how the parser reads them (empty,
 * `-`, `N/A`, padded RESULTs, '=', '[', ']' inside, a trailing '='), UTF-8 in the message.
 */
const nearWord = fc.constantFrom(
  'oag01', '[DNS name]', '[x', 'ACCESS_GATEWAY', 'OAG', 'OAG_MONITOR', 'CHECK_HOST', 'Access', 'Gateway', 'ACCESS', 'WEB_CONSOLE', 'ADMIN_CONSOLE',
  'MONITOR', 'SCRIPT', 'AUTHN', 'AUTHZ', 'POLICY', 'SESSION', 'LOCAL', 'INFO', 'WARN', 'ERROR', 'TRACE', 'USER_LOGIN', 'USER_AUTHN', 'USER_AUTHZ',
  'USER_SESSION', 'USER_LOGOUT', 'HOST', 'Copy', 'configs', '10.0.0.1', 'sshd[1]:', 'nginx:', 'syslog-ng:', '-', 'x=', '"q"', ']', 'é', '__proto__',
);
const nearBlank = fc.constantFrom(' ', ' ', ' ', ' ', '  ', '\t', '\u00a0');
const nearHeader = fc.tuple(
  fc.constantFrom('oag01', 'oag01', 'oag01', 'oag01', '[DNS name]', 'OAG', 'ACCESS_GATEWAY', 'Access Gateway', 'WEB_CONSOLE'),
  fc.constantFrom(' ACCESS_GATEWAY ACCESS AUTHZ POLICY', ' ACCESS_GATEWAY ACCESS AUTHZ POLICY', ' ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL', ' OAG ADMIN_CONSOLE', ' Access Gateway WEB_CONSOLE', ' ACCESS AUTHN', ' ACCESS_GATEWAY ACCESS', ''),
  fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(nearBlank, nearWord), { maxLength: 3 }) }),
  fc.constantFrom(' INFO', ' INFO', ' INFO', ' WARN', ' ERROR', ' DEBUG', ' TRACE', ''),
  fc.constantFrom(' USER_LOGIN', ' USER_AUTHN', ' USER_AUTHZ', ' USER_AUTHZ', ' USER_SESSION', ' USER_LOGOUT', ' SYSTEM_STARTUP', ' Copy HA configs', ' user_login', ''),
).map(([host, words, more, level, event]) => ` ${host}${words}${more.map(([b, w]) => b + w).join('')}${level}${event} `);
const nearValue = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('_s1', '_s2', 'alice', 'DENY', 'FAIL', 'PASS', '-', 'N/A', '/r/1', '10.0.0.1') },
  fc.constantFrom('_s1', '_s2', 'alice', 'DENY', 'FAIL', 'PASS', ' deny ', 'Deny\t', 'DE NY', 'FAILED', '-', ' - ', 'N/A', '', ' ', '/r/1', 'a]b', '[x]', 'a=b', 'x=', 'a b=', '__proto__', 'app.example.com'),
  fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\t', '=', ']', '[', '-', '/'), maxLength: 5 }),
);
const nearPair = fc.tuple(
  fc.constantFrom('SESSION_ID', 'SUBJECT', 'USER', 'USERNAME', 'APP', 'RESULT', 'REASON', 'REMOTE_IP', 'RESOURCE', 'APP_DOMAIN', 'TYPE', '__proto__', 'k.v-1'),
  nearValue,
).map(([k, v]) => `${k}="${v}"`);
const nearData = fc.tuple(fc.constantFrom('[', '[', '[ '), fc.array(fc.tuple(nearPair, fc.constantFrom(' ', ' ', ' ', ' ', ' ', '  ', '\t', '')), { maxLength: 5 }), fc.constantFrom(']', ']', ']', ' ]', ''))
  .map(([open, pairs, close]) => open + pairs.map(([p, s]) => p + s).join('').trimEnd() + close);
const nearLine = fc.tuple(
  fc.constantFrom('2021-09-14T08:05:03.127-05:00', '2021-09-14T08:05:03.127-05:00', '2021-09-14T08:05:03Z', '2020-02-29T23:59:60.5+0530', '2021-09-14T08:05:03-00:00', '2021-02-30T08:05:03Z'),
  nearHeader, nearData, fc.constantFrom('', ' ok', ' é ünï 😀', ' ] [ " =', '\u00a0x'),
).map((parts) => parts.join(''));
const nearDocument = fc.array(fc.tuple(nearLine, fc.constantFrom('\n', '\n', '\r\n')), { minLength: 1, maxLength: 12 })
  .map((lines) => lines.map(([l, b]) => l + b).join(''));

describe('the OAG fast path', () => {
  test('gives the rows of the ordinary parser for any lines, however the chunks are cut', () => {
    fc.assert(
      fc.property(document, fc.array(fc.nat(12), { maxLength: 3 }), fc.nat(1_000_000), fc.boolean(), (text, cuts, origin, dropLastBreak) => {
        const bytes = Buffer.from(dropLastBreak ? text.replace(/\r?\n$/, '') : text, 'utf8');
        const { fast, parsed } = bothWays(bytes, cuts, origin);
        assert.deepEqual(fast, parsed);
      }),
      { numRuns: runs(1500) },
    );
  });

  test('gives the rows of the ordinary parser for lines near the common shape', () => {
    let fast = 0;
    let entries = 0;
    fc.assert(
      fc.property(nearDocument, fc.array(fc.nat(12), { maxLength: 3 }), fc.nat(1_000_000), fc.boolean(), (text, cuts, origin, dropLastBreak) => {
        const bytes = Buffer.from(dropLastBreak ? text.replace(/\r?\n$/, '') : text, 'utf8');
        const { fast: rows, parsed, fastLines } = bothWays(bytes, cuts, origin);
        assert.deepEqual(rows, parsed);
        fast += fastLines;
        entries += parsed.offset.length;
      }),
      { numRuns: runs(1000) },
    );
    // The generator is worth its time only while the fast path really reads much of what it makes
    // (about a quarter of the entries; far fewer only when few runs are asked for).
    if (entries >= 1000) {
      assert.ok(fast >= entries / 10, `${fast} of ${entries} entries on the fast path`);
    }
  });

  for (const name of ['ics_all.log', 'audit.log', 'oag-older-format.log', path.join('malformed', 'broken-audit.log')]) {
    test(`gives the parser's rows on samples/${name}`, () => {
      const bytes = fs.readFileSync(path.join(SAMPLES, name));
      const { fast, parsed } = bothWays(bytes, [3, 10, 40]);
      assert.deepEqual(fast, parsed);
      assert.ok(parsed.offset.length > 10, 'the sample has entries');
    });
  }

  test('takes the common shape itself, and gives it up for each way a line leaves that shape', () => {
    const common = '2021-09-14T08:05:03.127-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHZ POLICY WARN USER_AUTHZ '
      + '[SESSION_ID="_s1" SUBJECT="alice" RESOURCE="/r/1" RESULT="DENY" REMOTE_IP="10.0.0.1"] denied';
    const lines = [
      common,
      common.replace('alice', 'al\\"ice'), // an escape
      common.replace('RESULT="DENY"', 'RESULT=DENY'), // unquoted
      common.replace('"alice"', '"alice TYPE="'), // the closing quote is missing
      common.replace('"] denied', '" denied'), // never closed
      common.replace('2021-09-14T08:05:03.127-05:00', 'Sep 14 08:05:03'), // syslog timestamp
      common.replace('alice', 'alicé'), // non-ASCII in the data
      // Another program's line (nginx behind its tag) whose user field looks like the data.
      '2021-09-14T08:05:03.127-05:00 oag01 proxy WARN 10.0.0.1 - [SESSION_ID="_s1"] "GET /r/1 HTTP/1.1" 403 5',
      // No level, and a first key too long for the parser to take the '[' for data.
      common.replace(' WARN ', ' ').replace('[', `[${'X'.repeat(90)}="1" `),
    ];
    const { fast, parsed, fastLines } = bothWays(Buffer.from(lines.join('\n') + '\n'));
    assert.deepEqual(fast, parsed);
    assert.equal(fastLines, 1);
    assert.equal(parsed.offset.length, lines.length);
  });

  test('gives the rows of the ordinary parser after more distinct headers than it remembers', () => {
    // One host name per line fills the memory of headers; the ordinary lines after them are read
    // with it started again.
    const lines: string[] = [];
    for (let i = 0; i < 4200; i++) {
      lines.push(`2021-09-14T08:05:03Z oag${i} ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT [SESSION_ID="_s${i % 7}"] bye`);
    }
    for (let i = 0; i < 20; i++) {
      lines.push(`2021-09-14T08:05:0${i % 10}Z oag01 ACCESS_GATEWAY ACCESS AUTHZ POLICY WARN USER_AUTHZ [SESSION_ID="_t${i}" RESOURCE="/r/${i}" RESULT="DENY"] denied`);
    }
    const { fast, parsed, fastLines } = bothWays(Buffer.from(lines.join('\n')));
    assert.deepEqual(fast, parsed);
    assert.equal(fastLines, lines.length);
  });

  test('reads most of a real log on the fast path', () => {
    const bytes = fs.readFileSync(path.join(SAMPLES, 'ics_all.log'));
    const { parsed, fastLines } = bothWays(bytes);
    const entries = parsed.offset.length;
    assert.ok(fastLines >= entries * 0.8, `${fastLines} of ${entries} entries on the fast path`);
  });
});
