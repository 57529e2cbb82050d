// Test runner extension for the offline VS Code server (see
// scripts/run-editor-tests.mjs). The server process's environment reaches the
// extension host, so the driver tells the runner through variables:
//   GLT_TEST_INDEX    absolute path of the compiled suite index (exports run / runDetailed)
//   GLT_TEST_RESULTS  absolute path of the JSON file to write the results to
// The runner starts the suites once per results file and writes
//   { passes: [...], failures: [{ title, message, stack }], pending: [...], durationMs }
// or { error } when the suites could not be loaded.
'use strict';
const fs = require('fs');
const path = require('path');

function writeResults(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(data, null, 2));
  fs.renameSync(temporary, file);
}

async function activate() {
  const index = process.env.GLT_TEST_INDEX;
  const results = process.env.GLT_TEST_RESULTS;
  if (!index || !results) {
    return;
  }
  // A second window (or a reload) must not start the suites again.
  const claim = `${results}.started`;
  try {
    fs.writeFileSync(claim, String(process.pid), { flag: 'wx' });
  } catch {
    return;
  }
  try {
    const suite = require(path.resolve(index));
    let report;
    if (typeof suite.runDetailed === 'function') {
      // Progress goes to a side file, so that a run that hangs still shows what finished.
      report = await suite.runDetailed((partial) => {
        try {
          writeResults(`${results}.partial`, partial);
        } catch {
          // progress is best effort
        }
      });
    } else {
      const started = Date.now();
      try {
        await suite.run();
        report = { passes: [], failures: [], pending: [], durationMs: Date.now() - started, summaryOnly: true };
      } catch (error) {
        report = {
          passes: [],
          failures: [{ title: 'run()', message: String(error && error.message), stack: error && error.stack }],
          pending: [],
          durationMs: Date.now() - started,
        };
      }
    }
    writeResults(results, report);
  } catch (error) {
    writeResults(results, { error: String((error && error.stack) || error) });
  }
}

function deactivate() {}

module.exports = { activate, deactivate };
