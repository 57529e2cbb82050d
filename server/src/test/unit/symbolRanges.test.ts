/**
 * Breadcrumbs, sticky scroll and Outline badges name the entry's own session (issue 17, item 1).
 * Every line of every sample is put through VS Code's own rules (outlineModel.ts): the symbol
 * VS Code picks for it must be that line's own entry, inside a group of that entry's own session,
 * and every problem must be counted on the symbol of the entry it is in, never on another's. The
 * outline is the server's: the sessions and groups, then the Findings group; the problems are the
 * checks' and the findings'.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { Analysis } from '../../service/analysis';
import { entryAtLine } from '../../service/lookup';
import { diagnostics } from '../../service/features/diagnostics';
import { findingDiagnostics } from '../../service/features/findingDiagnostics';
import { findingSymbols } from '../../service/features/findingSymbols';
import { documentSymbols } from '../../service/features/symbols';
import { defaultFindingsOptions, findingsOf } from '../../service/findings';
import { detectLogLanguage, formatOfLanguage } from '../../service/formats';
import { LogEntry, LogFormat } from '../../service/model';
import { sessionName } from '../../service/sessionLabels';
import { computeLineStarts, lineContentEnd } from '../../service/text';
import { analyzeText, bcLinked, bcReject, BcSession, bcStart, bcStop, ROOT } from './helpers';
import {
  allNodes, areIntersecting, breadcrumbs, buildOutline, isAncestor, itemEnclosingPosition, Marker, OutlineNode, placeMarkers,
} from './outlineModel';

const SAMPLES = join(ROOT, 'samples');
const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);
const sec = (n: number): number => T0 + n * 1000;
const session = (username: string, appGsid: number, extra: Partial<BcSession> = {}): BcSession => ({ username, appGsid, ...extra });
const stopped = (s: BcSession, seconds: number): BcSession => ({ ...s, durationSeconds: seconds, duration: `${seconds} seconds` });

/** Every sample log in text (samples/*.log, malformed/, rotated/; not the gzipped one or the README). */
function sampleFiles(): string[] {
  const inDir = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && !f.name.endsWith('.gz') && !f.name.endsWith('.md'))
    .map((f) => join(dir, f.name));
  return [...inDir(SAMPLES), ...inDir(join(SAMPLES, 'malformed')), ...inDir(join(SAMPLES, 'rotated'))];
}

function formatOf(text: string, file: string): LogFormat {
  const language = detectLogLanguage(text);
  assert.ok(language, `${file} is a log of neither format`);
  return formatOfLanguage(language)!;
}

interface Outline {
  nodes: OutlineNode[];
  /** The entry each event symbol stands for. */
  entryOf: Map<OutlineNode, LogEntry>;
}

function sameRange(a: DocumentSymbol['range'], b: DocumentSymbol['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** What the server answers: the outline, then the Findings group (symbols of events other groups show). */
function serverSymbols(analysis: Analysis): DocumentSymbol[] {
  const findings = findingSymbols(analysis, findingsOf(analysis, defaultFindingsOptions()), 5000);
  return [...documentSymbols(analysis, 5000), ...(findings ? [findings] : [])];
}

/** What the server publishes: the checks' problems and the findings. */
function serverDiagnostics(analysis: Analysis): ReturnType<typeof diagnostics> {
  return [...diagnostics(analysis, 1000), ...findingDiagnostics(analysis, findingsOf(analysis, defaultFindingsOptions()), 'file:///x.log')];
}

/** A group that only lists events shown elsewhere (Findings): an empty range, claiming no line. */
function isIndex(node: OutlineNode): boolean {
  const r = node.symbol.range;
  return node.parent === undefined && r.start.line === r.end.line && r.start.character === r.end.character;
}

function outlineOf(analysis: Analysis, symbols = serverSymbols(analysis)): Outline {
  const { log } = analysis;
  const nodes = buildOutline(symbols);
  const entryOf = new Map<OutlineNode, LogEntry>();
  for (const node of allNodes(nodes)) {
    if (node.parent === undefined) {
      continue;
    }
    const entry = entryAtLine(log, node.symbol.range.start.line);
    assert.ok(entry, `event symbol ${node.symbol.name} starts on no entry`);
    const own = { start: lineCol(log.lineStarts, entry.start), end: lineCol(log.lineStarts, entry.end) };
    assert.ok(sameRange(node.symbol.range, own), `event symbol ${node.symbol.name}: its range is not its entry's`);
    entryOf.set(node, entry);
  }
  return { nodes, entryOf };
}

function lineCol(lineStarts: number[], offset: number): { line: number; character: number } {
  let line = 0;
  let high = lineStarts.length - 1;
  while (line < high) {
    const mid = (line + high + 1) >> 1;
    if (lineStarts[mid] <= offset) {
      line = mid;
    } else {
      high = mid - 1;
    }
  }
  return { line, character: offset - lineStarts[line] };
}

/** The session id of an entry, -1 for none. */
function sessionOf(analysis: Analysis, entry: LogEntry): number {
  return analysis.sessions.sessionOf[entry.index];
}

/** Checks one analysed text; returns how many lines and problems landed on their own entry's symbol. */
function checkOutline(analysis: Analysis, label: string): { linesOnOwnEntry: number; problemsOnOwnEntry: number } {
  const { log } = analysis;
  const { nodes, entryOf } = outlineOf(analysis);
  const indexes = nodes.filter(isIndex);
  // Index groups and their children are listed, but hold no position (checked below): leave them
  // out of the structural checks.
  const every = allNodes(nodes.filter((n) => !isIndex(n)));

  // A group lists the events of one session (or of none, for the groups of loose events).
  for (const top of nodes.filter((n) => !isIndex(n))) {
    const owners = new Set(top.children.map((c) => sessionOf(analysis, entryOf.get(c)!)));
    assert.ok(owners.size <= 1, `${label}: ${top.symbol.name} lists events of several sessions`);
    const [owner] = owners;
    if (owner !== undefined && owner >= 0) {
      assert.ok(top.symbol.name.includes(sessionName(analysis, analysis.sessions.sessions[owner])), `${label}: ${top.symbol.name} is not named after its session`);
    }
  }

  // No two symbols overlap unless one holds the other.
  for (let i = 0; i < every.length; i++) {
    for (let j = i + 1; j < every.length; j++) {
      const [a, b] = [every[i], every[j]];
      if (isAncestor(a, b) || isAncestor(b, a)) {
        continue;
      }
      assert.ok(!areIntersecting(a.symbol.range, b.symbol.range),
        `${label}: "${a.symbol.name}" (${a.symbol.range.start.line + 1}-${a.symbol.range.end.line + 1}) overlaps "${b.symbol.name}" (${b.symbol.range.start.line + 1}-${b.symbol.range.end.line + 1})`);
    }
  }

  // Every line, at its start and at its end, as the breadcrumbs and sticky scroll see it.
  let linesOnOwnEntry = 0;
  const starts = computeLineStarts(log.text);
  for (let line = 0; line < starts.length; line++) {
    const entry = entryAtLine(log, line);
    const ends = [0, lineContentEnd(log.text, starts, line) - starts[line]];
    for (const character of ends) {
      const position = { line, character };
      const found = itemEnclosingPosition(nodes, position);
      const where = `${label} line ${line + 1}:${character}`;
      if (!found) {
        continue;
      }
      if (indexes.some((index) => found === index || isAncestor(index, found))) {
        // Its empty range sits at the very end of the text: only a trailing blank line can be there.
        assert.equal(entry, undefined, `${where}: the breadcrumbs name ${found.symbol.name} of an index group`);
        assert.equal(found.parent, undefined);
        continue;
      }
      if (entry) {
        assert.equal(entryOf.get(found), entry, `${where}: the breadcrumbs name "${breadcrumbs(nodes, position).map((n) => n.symbol.name).join(' › ')}", not this line's entry`);
        linesOnOwnEntry++;
      } else {
        // A blank line between two events of one group may be inside that group, and nowhere deeper.
        assert.equal(found.parent, undefined, `${where}: a line of no entry is inside ${found.symbol.name}`);
        const before = log.entries.filter((e) => e.endLine < line).pop();
        const after = log.entries.find((e) => e.startLine > line);
        for (const neighbour of [before, after]) {
          assert.ok(neighbour && found.children.some((c) => entryOf.get(c) === neighbour), `${where}: ${found.symbol.name} runs over a line outside its own events`);
        }
      }
    }
  }

  // Every problem on the symbol of its own entry, and on no other symbol.
  const markers: Marker[] = serverDiagnostics(analysis).map((d) => ({ range: d.range, severity: 5 - (d.severity ?? 1), tag: d }));
  placeMarkers(nodes, markers);
  let problemsOnOwnEntry = 0;
  const counted = new Set<Marker>();
  for (const node of allNodes(nodes)) {
    for (const marker of node.markers) {
      counted.add(marker);
      const entry = entryAtLine(log, marker.range.start.line);
      assert.ok(entry, `${label}: a problem of no entry (line ${marker.range.start.line + 1}) is counted on ${node.symbol.name}`);
      assert.equal(entryOf.get(node), entry, `${label}: the problem on line ${marker.range.start.line + 1} is counted on "${node.symbol.name}"`);
      problemsOnOwnEntry++;
    }
  }
  // A problem of an entry the breadcrumbs reach is counted there too.
  for (const marker of markers) {
    const entry = entryAtLine(log, marker.range.start.line);
    const found = itemEnclosingPosition(nodes, marker.range.start);
    if (entry && found && entryOf.get(found) === entry) {
      assert.ok(counted.has(marker), `${label}: the problem on line ${marker.range.start.line + 1} is counted nowhere`);
    }
  }
  return { linesOnOwnEntry, problemsOnOwnEntry };
}

for (const file of sampleFiles()) {
  const name = file.slice(SAMPLES.length + 1);
  test(`outline of ${name}: every line's symbol is its own entry, every problem counted on its own entry`, () => {
    const text = readFileSync(file, 'utf8');
    const analysis = analyzeText(text, formatOf(text, name));
    const { linesOnOwnEntry, problemsOnOwnEntry } = checkOutline(analysis, name);
    assert.ok(linesOnOwnEntry > 0, `${name}: no line reaches its own entry's symbol`);
    if (name.startsWith('malformed')) {
      assert.ok(problemsOnOwnEntry > 0, `${name}: no problem is counted on any symbol`);
    }
    // Each session's START (or first event) is where the breadcrumbs name it.
    const { nodes, entryOf } = outlineOf(analysis);
    for (const s of analysis.sessions.sessions) {
      const anchor = analysis.log.entries[s.start ?? s.stop ?? s.members[0]];
      const chain = breadcrumbs(nodes, { line: anchor.startLine, character: 0 });
      assert.equal(chain.length, 2, `${name}: no breadcrumbs on line ${anchor.startLine + 1}`);
      assert.ok(!isIndex(chain[0]));
      assert.equal(entryOf.get(chain[1]), anchor);
      assert.ok(chain[0].symbol.name.includes(sessionName(analysis, s)));
    }
  });
}

test('interleaved sessions: inside one START the breadcrumbs name its own session, not the one around it', () => {
  const a = session('jruser', 658120114);
  const b = session('skhan', 1023948811, { appName: 'Timesheets' });
  const text = bcStart(sec(0), a, { pretty: true })
    + bcLinked(sec(1), 1023948811, '107.77.205.19', 'IKE')
    + bcStart(sec(2), b, { pretty: true })
    + bcLinked(sec(3), 658120114, 'DHCP DISCOVER relayed for client 3c:28:6d:91:0b:e4 on vt1', 'DATAPATH')
    + bcReject(sec(4), 'mreyes', 'Device failed validation')
    + bcStop(sec(5), stopped(b, 3), { pretty: true })
    + bcStop(sec(6), stopped(a, 60), { pretty: true });
  const analysis = analyzeText(text, 'bluecedar');
  checkOutline(analysis, 'interleaved');
  const { nodes } = outlineOf(analysis);
  const skhanStart = analysis.log.entries[2];
  // A line in the middle of skhan's pretty-printed START, which lies between jruser's first and last events.
  const chain = breadcrumbs(nodes, { line: skhanStart.startLine + 3, character: 2 }).map((n) => n.symbol.name);
  assert.equal(chain.length, 2);
  assert.match(chain[0], /^skhan · Timesheets/);
  assert.match(chain[1], /^Session START · /);
  // The duration warning on jruser's STOP is counted on that STOP, not on skhan's session.
  const markers: Marker[] = diagnostics(analysis, 1000).map((d) => ({ range: d.range, severity: 2, tag: d.code }));
  assert.ok(markers.some((m) => m.tag === 'duration-mismatch'));
  placeMarkers(nodes, markers);
  const skhan = nodes.find((n) => n.symbol.name.startsWith('skhan'))!;
  assert.deepEqual(allNodes([skhan]).flatMap((n) => n.markers), []);
});

test('a capped outline still never overlaps, and says how many were left out with the setting it was given', () => {
  const a = session('jruser', 1);
  const b = session('skhan', 2);
  const text = bcStart(sec(0), a) + bcStart(sec(1), b) + bcStop(sec(2), stopped(a, 2)) + bcStop(sec(3), stopped(b, 2)) + bcReject(sec(4), 'mreyes');
  const analysis = analyzeText(text, 'bluecedar');
  const symbols = documentSymbols(analysis, 3, { limitSetting: 'gatewayLogs.maxSymbols' });
  const last = symbols[symbols.length - 1];
  assert.match(last.name, /^… 5 more not shown$/);
  assert.equal(last.detail, 'raise gatewayLogs.maxSymbols to see them');
  const nodes = buildOutline(symbols);
  for (const entry of analysis.log.entries) {
    const line = entry.startLine;
    const found = itemEnclosingPosition(nodes, { line, character: 0 });
    if (found) {
      assert.notEqual(found.symbol.name, last.name, `line ${line + 1} is inside the "more" entry`);
    }
  }
});
