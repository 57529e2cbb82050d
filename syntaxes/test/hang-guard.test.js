'use strict';
// Hang guard: hostile or huge lines must never make the grammars hang the
// editor. Each adversarial line is tokenized in a worker thread, with a time
// limit the tokenizer must not reach (it would stop early and say so), while
// this thread keeps a watchdog: a regex that backtracks without end blocks the
// worker's event loop, so only another thread can notice it and end it.
// Elapsed times are printed for information only.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const { loadGrammar, tokenizeLines } = require('./tokenize.js');

const N = 100_000;
/** Far above what any line takes (well under a second on a loaded machine): reaching it means a hang. */
const TIME_LIMIT_MS = 10_000;
/** How long the watchdog waits for one line before it ends the worker and fails the test. */
const WATCHDOG_MS = 60_000;

const BC_HEADER = 'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, ';
const OAG_HEADER = '2020-06-24T10:06:23.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN ';

/** Adversarial lines shared by both grammars, plus a few aimed at each one. */
function adversarialLines(header) {
  const garbage = Array.from({ length: N }, (_, i) => '{["=:,. \\\'-xX0aZ'[(i * 7919) % 16]).join('');
  return {
    'unclosed double quote': '"' + 'a'.repeat(N),
    'unclosed quote after key': '{"key":"' + 'b'.repeat(N),
    'quote then escapes': '"' + '\\'.repeat(N),
    'many quotes': '"'.repeat(N),
    'open braces': '{'.repeat(N / 2),
    'open brackets': '['.repeat(N),
    'digits': '1'.repeat(N),
    'digits, then a letter': ' ' + '1'.repeat(N) + 'x',
    // Runs of a length a backtracking number pattern takes seconds over, each: a hang over the line.
    'numbers cut by a letter': (' ' + '1'.repeat(28) + 'x').repeat(Math.floor(N / 30)),
    'colons': ':'.repeat(N),
    'dots': '.'.repeat(N),
    'digits and colons': '12:'.repeat(N / 3),
    'digits and dots': '1.'.repeat(N / 2),
    'digits and dashes': '2020-'.repeat(N / 5),
    'almost an ip': '1.2.3.'.repeat(N / 6),
    'almost a guid': '0123abcd-'.repeat(N / 9),
    'almost a mac': '0a:'.repeat(N / 3),
    'hex': '0x' + 'f'.repeat(N),
    'key-value soup': 'K="'.repeat(N / 3),
    'equals soup': 'A=B '.repeat(N / 4),
    'spaces': ' '.repeat(N),
    'timestamp-ish token': '2020-06-24T' + '9'.repeat(N),
    'month then digits': 'Nov ' + '1 '.repeat(N / 2),
    'header then garbage': header + garbage,
    'header then unclosed bracket': header + '[' + 'K="v" '.repeat(N / 6),
    'header then long word': header + 'W'.repeat(N),
    'header repeated': header.repeat(Math.floor(N / header.length)),
    'mixed garbage': garbage,
    'syslog stamp then words': 'Oct  9 07:12:44 gw ' + 'Ab '.repeat(N / 3),
    'syslog stamp, level, then label words': 'Oct  9 07:12:44 gw WEB_CONSOLE INFO ' + 'Word '.repeat(N / 5) + '[',
    'header words then a level far away': '2021-06-13T11:16:07.198-05:00 gw OAG ' + 'CLUSTER MANAGER '.repeat(N / 16) + 'INFO X [',
    'program line with a pid then garbage': 'Oct  2 13:45:35 gw sshd[' + '1'.repeat(N),
    'spring boot prefix then an open thread': '2021-03-04 12:08:10.170  INFO 1 --- [' + 'x'.repeat(N),
    'nginx access prefix then garbage': '198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "' + 'GET '.repeat(N / 4),
    'typographic quotes': 'K=“'.repeat(N / 3),
  };
}

/** Worker side: tokenizes each line (binary tokens as the editor asks, then scope names) and reports. */
async function tokenizeInWorker({ scopeName, header, timeLimitMs }) {
  const grammar = await loadGrammar(scopeName);
  for (const [name, line] of Object.entries(adversarialLines(header))) {
    parentPort.postMessage({ name, started: true });
    const started = process.hrtime.bigint();
    const binary = grammar.tokenizeLine2(line, null, timeLimitMs);
    const named = grammar.tokenizeLine(line, null, timeLimitMs);
    // The next line must start cleanly: a following header is still recognised.
    const next = grammar.tokenizeLine(header, binary.ruleStack, timeLimitMs);
    parentPort.postMessage({
      name,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      binaryTokens: binary.tokens.length,
      binaryStoppedEarly: binary.stoppedEarly,
      namedTokens: named.tokens.length,
      namedStoppedEarly: named.stoppedEarly,
      hasRuleStack: Boolean(named.ruleStack),
      nextStoppedEarly: next.stoppedEarly,
      nextHasTimestamp: next.tokens.some((tok) => tok.scopes.some((s) => s.startsWith('constant.numeric.timestamp.'))),
    });
  }
  parentPort.postMessage({ done: true });
}

/**
 * Runs the worker for one grammar; resolves with the report of every line, or rejects naming the line
 * the worker was on when the watchdog ran out.
 */
function runGuarded(scopeName, header, timeLimitMs = TIME_LIMIT_MS, watchdogMs = WATCHDOG_MS) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { scopeName, header, timeLimitMs } });
    const reports = [];
    let current = '(loading the grammar)';
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`${scopeName}: no answer within ${watchdogMs} ms on "${current}": the grammar hangs`));
      }, watchdogMs);
    };
    arm();
    worker.on('message', (message) => {
      if (message.done) {
        clearTimeout(timer);
        void worker.terminate();
        resolve(reports);
      } else if (message.started) {
        current = message.name;
        arm();
      } else {
        reports.push(message);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

if (!isMainThread) {
  tokenizeInWorker(workerData).catch((error) => {
    throw error;
  });
} else {
  for (const [scopeName, header] of [['source.bluecedar-log', BC_HEADER], ['source.oag-log', OAG_HEADER]]) {
    test(`${scopeName}: adversarial ${N}-character lines return, with tokens, before the time limit`, { timeout: 10 * WATCHDOG_MS }, async (t) => {
      const reports = await runGuarded(scopeName, header);
      assert.deepEqual(reports.map((r) => r.name), Object.keys(adversarialLines(header)), 'every line reported');
      for (const r of reports) {
        assert.ok(r.binaryTokens >= 2, `${r.name}: binary tokens produced`);
        assert.equal(r.binaryStoppedEarly, false, `${r.name}: the tokenizer reached the ${TIME_LIMIT_MS} ms limit`);
        assert.ok(r.namedTokens >= 1, `${r.name}: tokens produced`);
        assert.equal(r.namedStoppedEarly, false, `${r.name}: the tokenizer reached the ${TIME_LIMIT_MS} ms limit`);
        assert.ok(r.hasRuleStack, `${r.name}: rule stack returned`);
        assert.equal(r.nextStoppedEarly, false);
        assert.ok(r.nextHasTimestamp, `${r.name}: a header after the hostile line still has its timestamp coloured`);
        t.diagnostic(`${r.name}: ${r.ms.toFixed(1)} ms`);
      }
    });
  }

  test('the guard itself: a tokenizer stopped by the time limit, or a worker that never answers, fails', { timeout: 60_000 }, async () => {
    // A limit no tokenizer can meet on a long line: the guard must see the early stop.
    const reports = await runGuarded('source.bluecedar-log', BC_HEADER, 1e-9);
    assert.ok(reports.some((r) => r.binaryStoppedEarly || r.namedStoppedEarly), 'an early stop is reported, not hidden');
    // A watchdog shorter than loading the grammar: the guard gives up on the worker and says so.
    await assert.rejects(runGuarded('source.bluecedar-log', BC_HEADER, TIME_LIMIT_MS, 1), /no answer within 1 ms/);
  });
}

/** A realistic Blue Cedar log of many entries, with multi-line JSON payloads. */
function realisticBlueCedar(entries) {
  const lines = [];
  for (let i = 0; i < entries; i++) {
    const ip = `10.24.${(i >> 8) & 255}.${i & 255}`;
    switch (i % 4) {
      case 0:
        lines.push(`Oct  2 13:45:${String(i % 60).padStart(2, '0')} tilera3 Mocana: [AAA], SubCls:ACCT, EID:          0, Type:    Acct, Sev:Informational, `);
        lines.push(`Session START   {"sessionId":{"username":"user${i}",`);
        lines.push(`                              "device":{"osType":"ios","hardware":"iPhone8,2","jailbroken":false},`);
        lines.push(`                              "app":{"assignedIp":"${ip}","appUuid":"58C4EFBE-DA93-4FD7-9E74-F0A568DDAAAA","appGsid":${i}}}}`);
        break;
      case 1:
        lines.push(`Nov 11 2021 22:24:37 tilera3 Mocana: [AAA] SubCls:ACCT, EID: ${i}, `);
        lines.push('Type: Acct, Sev:Informational, ');
        lines.push(`Session STOP {"sessionId":{"username":"user${i}","duration":"49 seconds","durationSeconds":49,`);
        lines.push(`"app":{"assignedIp":"${ip}","packetsRx":607,"bytesRx":648674}}}`);
        break;
      case 2:
        lines.push('Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, ');
        lines.push('Type: General, Sev:Warning, ');
        lines.push(`Received unexpected accounting STOP signal for handle 0x${(0x295923e0b100 + i).toString(16)}`);
        break;
      default:
        lines.push('Oct 22 2021 13:31:13.664259: [AAA] ');
        lines.push('Policy REJECT {"reason":"Attempting login with jailbroken device",');
        lines.push(`               "sessionId":{"username":"user${i}","device":{"uniqueId":"00:00:00:00:00:03","jailbroken":true}}}`);
    }
  }
  return lines;
}

function realisticOag(entries) {
  const lines = [];
  for (let i = 0; i < entries; i++) {
    const session = `_${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`;
    switch (i % 4) {
      case 0:
        lines.push(`2020-06-24T10:06:23.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="${session}" SUBJECT="user${i}" TYPE="LOCAL" RESULT="PASS" REASON="VALID_CREDENTIALS" REMOTE_IP="10.0.${i & 255}.1" USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)"] User login success: user${i}`);
        break;
      case 1:
        lines.push(`2020-06-04T13:53:53.483-05:00 example.myaccessgateway.com ACCESS_GATEWAY ACCESS AUTHZ SESSION WARN USER_SESSION [SESSION_ID="${session}" APP="Sample Header App" RESULT="DENY" REASON="INVALID_AUTHCOOKIE" REMOTE_IP=""] This should be investigated by your security group.`);
        break;
      case 2:
        lines.push(`2020-06-24T09:45:28.024-05:00 example.myaccessgateway.com CHECK_HOST checkConnection.sh INFO 10.0.0.1 7001 [USER="admin"] Ncat: Connection refused.`);
        break;
      default:
        lines.push('2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service Local log level set to \'info\'');
    }
  }
  return lines;
}

for (const [scopeName, make] of isMainThread ? [['source.bluecedar-log', realisticBlueCedar], ['source.oag-log', realisticOag]] : []) {
  test(`${scopeName}: a realistic multi-thousand-line log tokenizes line after line`, { timeout: 10 * WATCHDOG_MS }, async (t) => {
    const grammar = await loadGrammar(scopeName);
    const lines = make(5000);
    assert.ok(lines.length >= 5000);
    const started = process.hrtime.bigint();
    let timestamped = 0;
    const result = tokenizeLines(grammar, lines, {
      onLine: (i, r) => {
        if (r.tokens.some((tok) => tok.scopes.some((s) => s.startsWith('constant.numeric.timestamp.')))) timestamped++;
      },
    });
    const binary = tokenizeLines(grammar, lines, { binary: true });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    t.diagnostic(`${lines.length} lines, ${result.tokens} tokens, ${ms.toFixed(0)} ms (both passes)`);
    assert.equal(result.lines, lines.length);
    assert.equal(result.stoppedEarly, 0);
    assert.ok(result.tokens > lines.length, 'more tokens than lines');
    assert.equal(binary.stoppedEarly, 0);
    assert.ok(binary.tokens > 0, 'binary tokens produced');
    // Every entry's header line, and only those, gets a timestamp.
    const expected = lines.filter((l) => /^(?:\d{4}-\d\d-\d\dT|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) )/.test(l)).length;
    assert.equal(timestamped, expected);
    // The rule stack does not grow from entry to entry.
    assert.equal(result.ruleStack.depth, 1, 'back at the top level after the last line');
  });
}
