/**
 * The hand-written scanners of the hot parsing paths agree with the regular expressions (and builtins)
 * they replace, on generated near-misses as well as well-formed input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { looksLikeHeader, readHeader, startsHeader, utcTime } from '../../service/bluecedar/header';
import { Problem } from '../../service/model';
import { newOagStamp, readOagTimestamp } from '../../service/oag/timestamp';
import { copyOf, equalsAt, isJsWhitespace, isWordChar, matchesOneOf, StringCache } from '../../service/text';
import { runs } from './helpers';

// The regular expressions the Blue Cedar header scanners were written from.
const TIMESTAMP = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/y;
const ORIGIN = /(?::|[ \t]+([^\s:]+)[ \t]+([A-Za-z][\w.-]*):)/y;
const HEADER_LIKE = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d/y;

/** Mostly one of `good`, sometimes one of `bad`: near-misses without making matches rare. */
const piece = (good: string[], bad: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const two = fc.stringMatching(/^\d{2}$/);
const digitsPiece = (good: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: fc.stringMatching(/^\d{0,3}$/), weight: 1 });

/** Header-like lines with every part sometimes wrong. */
const headerish: fc.Arbitrary<string> = fc
  .tuple(
    piece(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'], ['Jam', 'jan', 'Ju', 'No', 'D', '']),
    piece([' ', '  '], ['   ', '', '\t']),
    digitsPiece(fc.stringMatching(/^\d{1,2}$/)),
    piece(['', ' 2021', ' 0050'], [' 202', ' 20211', '2021', ' 2021 ']),
    piece([' '], ['  ', '', ':']),
    digitsPiece(two), piece([':'], ['', '.']), digitsPiece(two), piece([':'], ['']), digitsPiece(two),
    piece(['', '.6', '.664259', '.1234567891'], ['.', '.x']),
    piece([':', ' ', '\t '], ['  ', '', ' :', '\u00a0']),
    piece(['tilera3', 'a.b-c'], ['', 'host:x', 'h\u2028', 'h\u00a0']),
    piece([' ', '\t '], ['', ':', '\u00a0']),
    piece(['Mocana', 'M', 'a.b-c_d'], ['_x', '1abc', '', 'é']),
    piece([':', ':['], ['', ' :']),
  )
  .map((parts) => parts.join(''));

const anyPrefix = fc.oneof(headerish, fc.string({ unit: 'binary-ascii', maxLength: 40 }));

test('startsHeader agrees with the timestamp and origin expressions', () => {
  fc.assert(
    fc.property(anyPrefix, fc.nat(3), (line, lead) => {
      const text = ' '.repeat(lead) + line;
      let expected = false;
      TIMESTAMP.lastIndex = lead;
      if (TIMESTAMP.test(text)) {
        ORIGIN.lastIndex = TIMESTAMP.lastIndex;
        expected = ORIGIN.test(text);
      }
      assert.equal(startsHeader(text, lead), expected, JSON.stringify(text));
      HEADER_LIKE.lastIndex = lead;
      assert.equal(looksLikeHeader(text, lead), HEADER_LIKE.test(text), JSON.stringify(text));
    }),
    { numRuns: runs(3000) },
  );
});

test('readHeader takes the same time parts as the timestamp expression', () => {
  fc.assert(
    fc.property(headerish, (line) => {
      fc.pre(startsHeader(line, 0));
      TIMESTAMP.lastIndex = 0;
      const t = TIMESTAMP.exec(line)!;
      const header = readHeader(line, 0, line.length, []);
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      assert.deepEqual(
        [header.month, header.day, header.year, header.hour, header.minute, header.second, header.millis],
        [months.indexOf(t[1]), Number(t[2]), t[3] === undefined ? undefined : Number(t[3]), Number(t[4]), Number(t[5]), Number(t[6]),
          t[7] === undefined ? 0 : Number((t[7] + '00').slice(0, 3))],
        JSON.stringify(line),
      );
    }),
    { numRuns: runs(3000) },
  );
});

test('readHeader: key/value fields, wrapped and unusual values', () => {
  const text = 'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 00123,\r\n  Type: Other, Sev :Informational,';
  const problems: Problem[] = [];
  const header = readHeader(text, 0, text.length, problems);
  assert.equal(header.component, 'AAA');
  assert.equal(header.eid, 123);
  assert.equal(header.severity, 'Informational');
  assert.equal(header.end, text.length);
  assert.deepEqual(problems.map((p) => p.code), ['unknown-type']);

  const big = 'Nov 11 2021 22:24:37: [X], EID:12345678901234567890, Sev:, Type:General';
  const bigProblems: Problem[] = [];
  const bigHeader = readHeader(big, 0, big.length, bigProblems);
  assert.equal(bigHeader.eid, Number('12345678901234567890'));
  assert.deepEqual(bigProblems.map((p) => p.code), ['unknown-component', 'empty-field']);
});

/** Date.UTC, except that years 0 to 99 are those years (Date.UTC makes them 1900 to 1999). */
function dateUtc(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0, millis = 0): number {
  if (year < 0 || year > 99) {
    return Date.UTC(year, month, day, hour, minute, second, millis);
  }
  // The Gregorian calendar repeats every 400 years, which are 146 097 days.
  return Date.UTC(year + 400, month, day, hour, minute, second, millis) - 146_097 * 86_400_000;
}

test('utcTime equals Date.UTC for valid dates and leap seconds; years 0 to 99 are those years', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 999 }),
      (year, month, day, hour, minute, second, millis) => {
        assert.equal(utcTime(year, month, day, hour, minute, second, millis), dateUtc(year, month, day, hour, minute, second, millis));
      },
    ),
    { numRuns: runs(5000) },
  );
  for (const year of [1600, 1700, 1900, 2000, 2023, 2024, 2100]) {
    assert.equal(utcTime(year, 1, 29, 0, 0, 0, 0), Date.UTC(year, 1, 29));
    assert.equal(utcTime(year, 11, 31, 23, 59, 60, 999), Date.UTC(year, 11, 31, 23, 59, 60, 999));
  }
  assert.equal(new Date(utcTime(42, 10, 11, 22, 24, 37, 0)).toISOString(), '0042-11-11T22:24:37.000Z');
  assert.equal(new Date(utcTime(0, 0, 1, 0, 0, 0, 0)).toISOString(), '0000-01-01T00:00:00.000Z');
});

test('character classes match their regular expressions', () => {
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    assert.equal(isJsWhitespace(c), /\s/.test(ch), `\\s at ${c.toString(16)}`);
    assert.equal(isWordChar(c), /\w/.test(ch), `\\w at ${c.toString(16)}`);
  }
  assert.equal(isJsWhitespace(NaN), false);
  assert.equal(isWordChar(NaN), false);
});

test('equalsAt, matchesOneOf and StringCache compare without slicing', () => {
  assert.equal(equalsAt('xxAcctyy', 2, 6, 'Acct'), true);
  assert.equal(equalsAt('xxAcctyy', 2, 5, 'Acct'), false);
  assert.equal(equalsAt('xxAcct', 2, 7, 'Acct'), false);
  assert.equal(matchesOneOf(['General', 'Acct'], 'Type:General,', 5, 12), true);
  assert.equal(matchesOneOf(['General', 'Acct'], 'Type:Genera,', 5, 11), false);

  const cache = new StringCache(2, 8);
  const text = 'AAA,AAA,IKE,AAA';
  const first = cache.slice(text, 0, 3);
  assert.equal(first, 'AAA');
  assert.equal(cache.slice(text, 4, 7), 'AAA');
  assert.equal(cache.slice(text, 8, 11), 'IKE');
  assert.equal(cache.slice(text, 12, 15), 'AAA');
  assert.equal(cache.slice(text, 0, 0), '');
  assert.equal(cache.slice('a-much-longer-value', 0, 19), 'a-much-longer-value');
  assert.equal(copyOf('xx\u00e9\ud83d\ude00yy', 2, 5), '\u00e9\ud83d\ude00');
  assert.equal(copyOf('abc', 1, 1), '');
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 10 }), { maxLength: 30 }), (words) => {
      const joined = words.join('');
      const small = new StringCache(1, 6);
      let at = 0;
      for (const word of words) {
        assert.equal(small.slice(joined, at, at + word.length), word);
        at += word.length;
      }
    }),
    { numRuns: runs(300) },
  );
});

// The expression the OAG timestamp scanner was written from, and the time it gave.
const OAG_TIMESTAMP = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})(?=[ \t\r\n]|$)/y;

function isoTime(ts: RegExpExecArray): number | undefined {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => +ts[i]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60 || day > days) {
    return undefined;
  }
  const millis = ts[7] ? +(ts[7] + '00').slice(0, 3) : 0;
  let offsetMinutes = 0;
  const zone = ts[8];
  if (zone !== 'Z') {
    const sign = zone.charCodeAt(0) === 45 ? -1 : 1;
    const colon = zone.length === 6 ? 1 : 0;
    offsetMinutes = sign * (+zone.slice(1, 3) * 60 + +zone.slice(3 + colon, 5 + colon));
  }
  return dateUtc(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

const isoish: fc.Arbitrary<string> = fc
  .tuple(
    digitsPiece(fc.stringMatching(/^\d{4}$/)), piece(['-'], ['', '/']), digitsPiece(fc.constantFrom('01', '02', '09', '12', '13', '00')),
    piece(['-'], ['']), digitsPiece(fc.constantFrom('01', '28', '29', '30', '31', '32', '00')), piece(['T'], ['t', ' ']),
    digitsPiece(fc.constantFrom('00', '09', '23', '24')), piece([':'], ['']), digitsPiece(two), piece([':'], ['']),
    digitsPiece(fc.constantFrom('00', '59', '60', '61')),
    piece(['', '.1', '.127', '.123456789'], ['.', '.1234567890', '.x']),
    piece(['Z', '-05:00', '+0530', '+00:00', '-00:00'], ['', 'z', '+5:00', '+05:0', '+05:', '-0500x', '+05:000']),
    piece([' ', '', '\t', '\r\n', '\n'], ['x', ':', '\u00a0']),
  )
  .map((parts) => parts.join(''));

test('readOagTimestamp agrees with the timestamp expression and the time computed from its captures', () => {
  fc.assert(
    fc.property(fc.oneof(isoish, fc.string({ unit: 'binary-ascii', maxLength: 40 })), fc.nat(2), (line, lead) => {
      const text = ' '.repeat(lead) + line;
      OAG_TIMESTAMP.lastIndex = lead;
      const t = OAG_TIMESTAMP.exec(text);
      const out = { ...newOagStamp(), end: -1, time: -1 };
      const found = readOagTimestamp(text, lead, out);
      assert.equal(found, t !== null, JSON.stringify(text));
      if (t) {
        assert.equal(out.end, lead + t[0].length, JSON.stringify(text));
        assert.equal(out.time, isoTime(t), JSON.stringify(text));
      }
    }),
    { numRuns: runs(5000) },
  );
});
