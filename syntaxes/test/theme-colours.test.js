'use strict';
// Checks that the grammars' scopes are coloured by VS Code's default themes
// (Dark Modern and Light Modern, today's defaults, and Dark+ and Light+, which
// they build on) and that the distinctions that matter stay visible: severities
// apart from each other and from plain strings, rejections apart from ordinary
// events, a jailbroken device apart from one that is not, outcomes and keys
// apart from plain strings.
//
// The theme files come from the VS Code that `npm run install:vscode` puts in
// .cache/vscode-server (or GLT_VSCODE_CACHE). Without it the test is skipped.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('jsonc-parser');
const { loadGrammarWithTheme, decodeStyle } = require('./tokenize.js');

const cacheDir = process.env.GLT_VSCODE_CACHE || path.resolve(__dirname, '../../.cache/vscode-server');
const themesDir = path.join(cacheDir, 'node_modules/code-server/lib/vscode/extensions/theme-defaults/themes');

/** Reads a theme file and the files it includes into one rule list. */
function readTheme(file) {
  const theme = parse(fs.readFileSync(path.join(themesDir, file), 'utf8'));
  const inherited = theme.include ? readTheme(path.basename(theme.include)).settings : [];
  return { name: theme.name, settings: [...inherited, ...(theme.tokenColors || [])] };
}

/** Each theme with the colour it gives text no rule colours (its editor.foreground). */
const THEMES = [
  { file: 'dark_modern.json', foreground: '#CCCCCC' },
  { file: 'light_modern.json', foreground: '#3B3B3B' },
  { file: 'dark_plus.json', foreground: '#D4D4D4' },
  { file: 'light_plus.json', foreground: '#000000' },
];

// [line, { kind: 'text in the line' }] — the style of the first character of that text is checked.
const SAMPLES = {
  'source.bluecedar-log': [
    ['Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 7, Type: Acct, Sev:Critical, ', {
      timestamp: 'Nov', host: 'tilera3', program: 'Mocana', component: 'AAA', field: 'SubCls', subclass: 'ACCT', eid: '7', type: 'Acct', error: 'Critical' }],
    ['Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Major, x', { error2: 'Major' }],
    ['Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Warning, x', { warning: 'Warning' }],
    ['Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Minor, x', { minor: 'Minor' }],
    ['Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, x', { info: 'Informational' }],
    ['Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Debug, x', { debug: 'Debug' }],
    ['Session STOP {"sessionId":{"username":"jruser","durationSeconds":49,"jailbroken":false,"x":null,', {
      event: 'Session', key: 'sessionId', string: 'jruser', number: '49', boolean: 'false', null: 'null' }],
    ['Policy REJECT {"reason":"Attempting login with jailbroken device",', { reject: 'Policy' }],
    ['"device":{"osType":"android","jailbroken":true},', { jailbroken: 'true' }],
    ['"app":{"assignedIp":"10.24.0.51","appUuid":"58C4EFBE-DA93-4FD7-9E74-F0A568DDAAAA"}}}', { ip: '10.24', guid: '58C4' }],
    ['Received unexpected accounting STOP signal for handle 0x295923e0b100', { hex: '0x29', plain: 'Received' }],
  ],
  'source.oag-log': [
    ['2020-06-24T10:06:23.000-05:00 example.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="abc" RESULT="PASS" REASON="VALID_CREDENTIALS" REMOTE_IP="10.0.0.1"] User login success', {
      timestamp: '2020', host: 'example.com', application: 'ACCESS_GATEWAY', subprocess: 'WEB_CONSOLE', component: 'AUTHN', subcomponent: 'LOCAL',
      info: 'INFO', event: 'USER_LOGIN', key: 'SESSION_ID', string: 'abc', success: 'PASS', ip: '10.0.0.1', plain: 'User login' }],
    ['2020-06-24T10:06:23.000-05:00 example.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL ERROR USER_LOGIN [RESULT="FAIL"] failed', { error: 'ERROR', failure: 'FAIL' }],
    ['2020-06-24T10:06:23.000-05:00 example.com ACCESS_GATEWAY ACCESS AUTHZ SESSION WARN USER_SESSION [RESULT="DENY"] x', { warning: 'WARN', failure2: 'DENY' }],
    ['2020-06-24T10:06:23.000-05:00 example.com ACCESS_GATEWAY ACCESS AUTHZ SESSION DEBUG USER_SESSION [] x', { debug: 'DEBUG' }],
    ['O2020-06-24T08:31:25.729-05:00 example.com OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [] x', { badTimestamp: 'O2020' }],
  ],
};

const haveThemes = fs.existsSync(path.join(themesDir, 'dark_plus.json'));

for (const { file, foreground: defaultForeground } of THEMES) {
  for (const [scopeName, samples] of Object.entries(SAMPLES)) {
    test(`${scopeName} in ${file}`, { skip: haveThemes ? false : `no VS Code themes at ${themesDir} (npm run install:vscode)` }, async () => {
      const raw = readTheme(file);
      raw.settings.unshift({ settings: { foreground: defaultForeground } });
      const { grammar, colorMap } = await loadGrammarWithTheme(scopeName, raw);
      const style = {};
      for (const [line, kinds] of samples) {
        const tokens = grammar.tokenizeLine2(line, null).tokens;
        for (const [kind, text] of Object.entries(kinds)) {
          const offset = line.indexOf(text);
          assert.ok(offset >= 0, `${text} is in the sample`);
          let metadata = tokens[1];
          for (let i = 0; i < tokens.length; i += 2) if (tokens[i] <= offset) metadata = tokens[i + 1];
          style[kind] = decodeStyle(metadata, colorMap);
        }
      }
      const show = (k) => `${style[k].foreground}${style[k].fontStyle ? ' style ' + style[k].fontStyle : ''}`;
      const same = (a, b) => style[a].foreground === style[b].foreground && style[a].fontStyle === style[b].fontStyle;

      assert.equal(style.plain.foreground, defaultForeground, 'message text keeps the default colour');
      for (const kind of Object.keys(style)) {
        if (kind === 'plain') continue;
        assert.notEqual(style[kind].foreground, defaultForeground, `${kind} is coloured (${show(kind)})`);
      }
      // Severity classes are told apart from each other.
      const classes = ['error', 'warning', 'info', 'debug'];
      for (let i = 0; i < classes.length; i++) {
        for (let j = i + 1; j < classes.length; j++) {
          assert.ok(!same(classes[i], classes[j]), `${classes[i]} (${show(classes[i])}) differs from ${classes[j]} (${show(classes[j])})`);
        }
      }
      if (style.error2) assert.ok(same('error', 'error2'), 'Critical and Major look alike');
      // Minor is an error (the reference's words): the error colour, without the bold of Critical and Major.
      if (style.minor) {
        assert.equal(style.minor.foreground, style.error.foreground, `Minor (${show('minor')}) has the colour of errors (${show('error')})`);
        assert.ok(!same('minor', 'error'), 'Minor is less prominent than Critical');
        assert.ok(!same('minor', 'warning'), 'Minor differs from Warning');
      }
      // Errors and warnings stand out from ordinary strings, keys from values.
      assert.ok(!same('error', 'string'), 'errors differ from strings');
      for (const kind of ['warning', 'minor']) {
        if (style[kind]) assert.notEqual(style[kind].foreground, style.string.foreground, `${kind} (${show(kind)}) differs in colour from strings (${show('string')})`);
      }
      assert.notEqual(style.warning.foreground, style.error.foreground, 'warnings differ in colour from errors');
      if (style.reject) {
        assert.notEqual(style.reject.foreground, style.event.foreground, `Policy REJECT (${show('reject')}) differs in colour from Session STOP (${show('event')})`);
        assert.equal(style.reject.foreground, style.error.foreground, 'a rejection has the colour of errors');
      }
      if (style.jailbroken) {
        assert.notEqual(style.jailbroken.foreground, style.boolean.foreground, `"jailbroken":true (${show('jailbroken')}) differs in colour from false (${show('boolean')})`);
        assert.ok(!same('jailbroken', 'string'), 'and from strings');
      }
      assert.ok(!same('key', 'string'), 'keys differ from string values');
      assert.ok(!same('event', 'component'), 'event differs from component');
      if (style.success) {
        assert.ok(!same('success', 'string'), `a passing outcome (${show('success')}) differs from plain values`);
        assert.ok(!same('failure', 'string'), `a failing outcome (${show('failure')}) differs from plain values`);
        assert.ok(!same('failure', 'success'), 'failure differs from success');
        assert.ok(same('failure', 'failure2'), 'FAIL and DENY look alike');
      }
      if (style.badTimestamp) assert.ok(!same('badTimestamp', 'timestamp'), 'a damaged timestamp does not look like a valid one');
    });
  }
}
