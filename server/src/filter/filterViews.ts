/**
 * Filtered views as the language server keeps them: a view URI names its spec; the first time a spec
 * is asked for, a plan is made (from an open document, the bundle index or a scan of files on disk)
 * and kept while its source is unchanged. Each part handed to the editor is remembered by its URI, so
 * that hints, "Reveal in Original" and F12 map the very text the editor shows, even after the source
 * changed and before the editor asked for the view again.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Analysis } from '../service/analysis';
import { parseLog } from '../service/parse';
import {
  describeClauses, FilterClause, parseViewUri, viewUri, ViewInfo, ViewSource, ViewSpec, withPage,
} from '../service/formats/filterSpec';
import { documentChoices, FilterChoices, indexChoices } from '../service/filters/choices';
import { documentContext, matchDocument } from '../service/filters/documentFilter';
import { planDocumentView } from '../service/filters/documentView';
import { matchRows, rowsCanAnswer } from '../service/filters/rowFilter';
import { planRowView } from '../service/filters/rowView';
import { originOfViewLine, PageLimits, DEFAULT_PAGE_LIMITS, viewLineOfOriginal, ViewPage } from '../service/filters/view';
import { needsWindow } from '../service/index/windows';
import { LogEntry, LogFormat } from '../service/model';
import { BundleService } from '../bundle/bundleService';
import { ScanFile } from './diskScan';
import { LineContext, lineContext } from './lineContext';
import { documentPlan, Plan, rowsPlan, scanPlan, ScanProgress, ViewFile } from './viewPlans';
import { exportPlan } from './viewExport';
import { eolOf, filesStamp, nameOfUri, sourceFiles } from './viewSources';

export interface FilterViewsHost {
  /** The analysis of an open document of ours, if the server has it. */
  analysisOf(uri: string): Analysis | undefined;
  bundle?: BundleService;
  /** Which entries of an open document have problems (the host knows what the bundle resolves). */
  problemTest?(uri: string, analysis: Analysis): (entry: LogEntry) => boolean;
  /**
   * Views whose text changed (`textChanged`: their source changed) or only their counts; `finished`:
   * a part shown while its log was still being read is now complete (to be read again whatever the
   * view's following).
   */
  changed(uris: string[], textChanged: boolean, finished?: boolean): void;
  log(message: string): void;
}

export interface Located {
  uri: string;
  line: number;
  /** The file's name and the line in it (0-based), for messages and hints. */
  name: string;
  fileLine: number;
}

interface PlanEntry {
  key: string;
  spec: ViewSpec;
  plan: Plan;
  /** What the plan was made from: the analysis, the index's rows, or the files' sizes and times. */
  stamp: unknown;
  sourceName: string;
}

interface Served {
  spec: ViewSpec;
  entry: PlanEntry;
  page: ViewPage;
}

const EDIT_DEBOUNCE_MS = 400;
const MAX_PLANS = 16;

/** A plan depends on the source and the clauses (the format is the source's). */
function planKey(spec: ViewSpec): string {
  return JSON.stringify([spec.source, spec.clauses]);
}

function servedKey(spec: ViewSpec): string {
  return JSON.stringify([spec.source, spec.clauses, spec.page]);
}

export class FilterViews {
  private readonly plans = new Map<string, PlanEntry>();
  /** Plans being made, by plan key, with the stamp of the source they are made from. */
  private readonly making = new Map<string, { stamp: unknown; made: Promise<PlanEntry | string> }>();
  private readonly served = new Map<string, Served>();
  private readonly editTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly host: FilterViewsHost, private readonly limits: PageLimits = DEFAULT_PAGE_LIMITS) {}

  // ---------------------------------------------------------------------------------------- plans

  private async plan(spec: ViewSpec): Promise<PlanEntry | string> {
    const key = planKey(spec);
    const stamp = await this.stampOf(spec.source);
    if ('error' in stamp) {
      return stamp.error;
    }
    const known = this.plans.get(key);
    if (known && known.stamp === stamp.stamp) {
      return known;
    }
    // A plan being made for the same view of the same source: wait for it rather than make a second
    // one, which nothing would dispose of (a scan of a file on disk would read it to its end).
    const making = this.making.get(key);
    if (making && making.stamp === stamp.stamp) {
      return making.made;
    }
    const made = this.makePlan(spec, stamp.stamp);
    this.making.set(key, { stamp: stamp.stamp, made });
    try {
      return this.keep(key, await made);
    } finally {
      if (this.making.get(key)?.made === made) {
        this.making.delete(key);
      }
    }
  }

  /** Keeps a plan just made in place of the view's previous one, and only the most recent plans. */
  private keep(key: string, made: PlanEntry | string): PlanEntry | string {
    if (typeof made === 'string') {
      return made;
    }
    this.plans.get(key)?.plan.dispose();
    this.plans.delete(key);
    this.plans.set(key, made);
    // Keep the most recently made plans only (each may hold a part of a few megabytes).
    while (this.plans.size > MAX_PLANS) {
      const oldest = this.plans.keys().next().value as string;
      this.plans.get(oldest)?.plan.dispose();
      this.plans.delete(oldest);
    }
    return made;
  }

  /** What tells whether a source changed: the analysis object, the index's rows, or files' sizes and times. */
  private async stampOf(source: ViewSource): Promise<{ stamp: unknown } | { error: string }> {
    if (source.kind === 'document') {
      const analysis = this.host.analysisOf(source.uri);
      if (analysis) {
        return { stamp: analysis };
      }
    }
    const files = await sourceFiles(this.host.bundle, source);
    if (typeof files === 'string') {
      return { error: files };
    }
    // The files' sizes and times, then the index's rows (replaced whenever a file of the bundle is indexed again).
    return { stamp: `${await filesStamp(files)}#${this.host.bundle ? this.host.bundle.index.entryCount : 0}#${this.rowsGeneration()}` };
  }

  private readonly generations = new WeakMap<object, number>();
  private generation = 0;

  private rowsGeneration(): number {
    const rows = this.host.bundle?.index.rows;
    if (!rows) {
      return 0;
    }
    let known = this.generations.get(rows);
    if (known === undefined) {
      known = ++this.generation;
      this.generations.set(rows, known);
    }
    return known;
  }

  private async makePlan(spec: ViewSpec, stamp: unknown, limits: PageLimits = this.limits): Promise<PlanEntry | string> {
    const key = planKey(spec);
    const { source, clauses } = spec;
    if (source.kind === 'document') {
      const analysis = this.host.analysisOf(source.uri);
      if (analysis) {
        const context = documentContext(analysis, this.host.problemTest?.(source.uri, analysis));
        const matches = matchDocument(analysis, clauses, context);
        if (typeof matches === 'string') {
          return matches;
        }
        const name = nameOfUri(source.uri);
        const plan = documentPlan(analysis, planDocumentView(analysis, matches, limits), { uri: source.uri, name, format: analysis.log.format, compressed: false }, limits);
        return { key, spec, plan, stamp, sourceName: name };
      }
    }
    const files = await sourceFiles(this.host.bundle, source);
    if (typeof files === 'string') {
      return files;
    }
    if (files.length === 0) {
      return 'The bundle has no file of that format.';
    }
    const index = this.host.bundle?.index;
    const viewFiles: ViewFile[] = files.map((f) => ({ uri: f.uri, path: f.path, name: path.basename(f.path), format: f.format, compressed: f.compressed }));
    const sourceName = source.kind === 'bundle' ? `${files.length === 1 ? viewFiles[0].name : `${files.length} ${files[0].format === 'oag' ? 'OAG' : 'Blue Cedar'} logs`}` : viewFiles[0].name;
    const eol = await eolOf(files[0]);
    // Files whose index is current (same size and time on disk as when indexed).
    const current = await Promise.all(files.map(async (f) => {
      if (f.indexed === undefined || !index) {
        return false;
      }
      const stat = await fs.stat(f.path).catch(() => undefined);
      const known = index.files[f.indexed];
      return !!stat && !!known && stat.size === known.size && stat.mtimeMs === known.mtimeMs;
    }));
    const allCurrent = current.every((c) => c);
    const format = files[0].format;
    if (index && allCurrent && rowsCanAnswer(clauses, format)) {
      const fileNumbers = files.map((f) => f.indexed!);
      const rows = matchRows(index, fileNumbers, clauses);
      if (typeof rows === 'string') {
        return rows;
      }
      const viewFile = new Map(fileNumbers.map((n, k) => [n, k]));
      return { key, spec, plan: rowsPlan(index, planRowView(index, fileNumbers, rows, limits), viewFiles, viewFile, eol, limits), stamp, sourceName };
    }
    const scan: ScanFile[] = files.map((f, k) => ({ path: f.path, format: f.format, compressed: f.compressed, indexFile: current[k] ? f.indexed : undefined }));
    let lastReport = 0;
    const entry: PlanEntry = {
      key, spec, stamp, sourceName,
      plan: scanPlan(viewFiles, scan, clauses, index, eol, {
        limits,
        onProgress: (progress: ScanProgress) => {
          // Counts move on while a large file is read: tell the editor now and then, and when done.
          if (progress.done || Date.now() - lastReport > 1000) {
            lastReport = Date.now();
            if (this.plans.get(key) === entry) {
              this.notify(key, false);
            }
            if (progress.error) {
              this.host.log(`Filtered view of ${sourceName}: ${progress.error}`);
            }
          }
        },
        onFirstPartFinished: () => {
          if (this.plans.get(key) === entry) {
            this.notify(key, true, true);
          }
        },
      }),
    };
    // Compile errors surface before any reading.
    const check = checkClauses(clauses, format);
    if (check) {
      entry.plan.dispose();
      return check;
    }
    return entry;
  }

  // ------------------------------------------------------------------------------------- requests

  /** The text of a view URI (and remembers the part, for mapping its lines). */
  async text(uri: string): Promise<{ text: string } | { error: string }> {
    const spec = parseViewUri(uri);
    if (!spec) {
      return { error: 'This is not a filtered view the server can read.' };
    }
    const entry = await this.plan(spec);
    if (typeof entry === 'string') {
      return { error: entry };
    }
    const page = await entry.plan.page(spec.page);
    if (!page) {
      return { error: `This view has ${entry.plan.parts()} part${entry.plan.parts() === 1 ? '' : 's'}; part ${spec.page + 1} does not exist (any more).` };
    }
    this.served.set(servedKey(spec), { spec, entry, page });
    return { text: page.text };
  }

  /** The part served for a view URI, if the editor has asked for it. */
  servedPage(uri: string): Served | undefined {
    const spec = parseViewUri(uri);
    return spec ? this.served.get(servedKey(spec)) : undefined;
  }

  info(uri: string): ViewInfo | undefined {
    const served = this.servedPage(uri);
    if (!served) {
      return undefined;
    }
    const { plan } = served.entry;
    const progress = plan.progress?.();
    return {
      description: describeClauses(served.spec.clauses),
      files: plan.files.map((f) => f.name),
      kind: plan.kind,
      sourceKind: served.spec.source.kind,
      matched: plan.matched(),
      complete: plan.complete(),
      entries: plan.total(),
      page: served.spec.page,
      parts: plan.parts(),
      shown: served.page.entries.count,
      firstMatch: plan.firstMatch(served.spec.page),
      reading: !!served.page.end?.reading,
      read: progress?.read,
      size: progress?.size,
      error: progress?.error,
    };
  }

  /** Where line `line` of a view comes from: the original file (or a window onto it) and the line there. */
  original(uri: string, line: number): Located | { error: string } {
    const served = this.servedPage(uri);
    if (!served) {
      return { error: 'This view has not been shown yet.' };
    }
    const origin = originOfViewLine(served.page, line);
    if (!origin) {
      return { error: 'That line is past the end of the view.' };
    }
    if (origin.kind === 'entry') {
      const { entries } = served.page;
      return this.locate(served.entry.plan, origin.file, entries.line[origin.entry], origin.line - entries.line[origin.entry]);
    }
    if (origin.line < 0) {
      return { error: origin.kind === 'end' && origin.more ? 'More entries match: open the next part of the view.' : 'No entry of the original is at this line.' };
    }
    return this.locate(served.entry.plan, origin.file, origin.line, 0);
  }

  /** Where an entry starting on `line` of view file `file` can be shown, `offset` lines into it. */
  locate(plan: Plan, file: number, line: number, offset: number): Located | { error: string } {
    const f = plan.files[file];
    if (!f) {
      return { error: 'The view names no such file.' };
    }
    if (plan.kind === 'document') {
      return { uri: f.uri, line: line + offset, name: f.name, fileLine: line + offset };
    }
    const bundle = this.host.bundle;
    const row = f.path && bundle ? bundle.index.rowAt(f.path, line) : undefined;
    if (bundle && row !== undefined) {
      const at = bundle.location(row);
      return { uri: at.uri, line: at.line + offset, name: f.name, fileLine: line + offset };
    }
    const size = bundle?.index.file(f.path ?? '')?.size;
    if (!f.compressed && (size === undefined || !needsWindow({ compressed: false, size }))) {
      return { uri: f.uri, line: line + offset, name: f.name, fileLine: line + offset };
    }
    return { error: `${f.name} is still being indexed; its entries can be shown once that is done.` };
  }

  /**
   * A view's URI: at the part holding `originLine` of the source when given (and the view line that
   * shows it), else at the spec's own part.
   */
  async open(spec: ViewSpec, originLine?: number): Promise<{ uri: string; line?: number } | { error: string }> {
    const entry = await this.plan(withPage(spec, 0));
    if (typeof entry === 'string') {
      return { error: entry };
    }
    const part = originLine === undefined ? spec.page : entry.plan.partOf?.(0, originLine) ?? 0;
    // The view's language is its source's format, whatever the editor guessed.
    const at = withPage({ ...spec, format: entry.plan.files[0]?.format ?? spec.format }, part);
    const uri = viewUri(at, entry.sourceName);
    if (originLine === undefined) {
      return { uri };
    }
    const page = await entry.plan.page(part);
    return { uri, line: page ? viewLineOfOriginal(page, 0, originLine).line : undefined };
  }

  /** What the entry at `line` of `uri` names, and the source a view of it should read. */
  async context(uri: string, line: number): Promise<LineContext | { error: string }> {
    return lineContext({
      analysisOf: (u) => this.host.analysisOf(u),
      bundle: this.host.bundle,
      servedPart: (u) => {
        const served = this.servedPage(u);
        return served && { page: served.page, sourceName: served.entry.sourceName };
      },
    }, uri, line);
  }

  /** Values for the filter builder. */
  async choices(source: ViewSource): Promise<FilterChoices | { error: string }> {
    if (source.kind === 'document') {
      const analysis = this.host.analysisOf(source.uri);
      if (analysis) {
        return documentChoices(analysis);
      }
    }
    const files = await sourceFiles(this.host.bundle, source);
    if (typeof files === 'string') {
      return { error: files };
    }
    const index = this.host.bundle?.index;
    const indexed = files.filter((f) => f.indexed !== undefined).map((f) => f.indexed!);
    if (index && indexed.length > 0) {
      return indexChoices(index, indexed, files[0].format);
    }
    const format: LogFormat = files[0]?.format ?? 'bluecedar';
    return { format, severities: [], kinds: [], components: [], events: [], who: { user: [], device: [], app: [], ip: [] }, whoCounts: 'entries' };
  }

  /** Writes every entry of a view (all parts) to `target`: original text, CSV or NDJSON. */
  async export(uri: string, target: string, as: 'log' | 'csv' | 'ndjson'): Promise<{ entries: number; path: string } | { error: string }> {
    const spec = parseViewUri(uri);
    if (!spec) {
      return { error: 'This is not a filtered view.' };
    }
    const stamp = await this.stampOf(spec.source);
    if ('error' in stamp) {
      return { error: stamp.error };
    }
    // A plan of its own, whose parts never cut an entry (a part shown in the editor cuts one longer
    // than maxEntryChars): an export holds every entry whole.
    const entry = await this.makePlan(withPage(spec, 0), stamp.stamp, { ...this.limits, maxEntryChars: Number.MAX_SAFE_INTEGER });
    if (typeof entry === 'string') {
      return { error: entry };
    }
    try {
      return await exportPlan(entry.plan, target, as);
    } finally {
      entry.plan.dispose();
    }
  }

  // ---------------------------------------------------------------------------------------- changes

  /** A document changed: its views are rebuilt a little after the last edit, and the editor told. */
  documentChanged(uri: string): void {
    const ofUri = (): PlanEntry[] => [...this.plans.values()].filter((p) => p.spec.source.kind === 'document' && p.spec.source.uri === uri);
    if (ofUri().length === 0) {
      return;
    }
    clearTimeout(this.editTimers.get(uri));
    this.editTimers.set(uri, setTimeout(() => {
      this.editTimers.delete(uri);
      // The views of the document when the edits have settled (one may have been made meanwhile).
      for (const view of ofUri()) {
        this.notify(view.key, true);
      }
    }, EDIT_DEBOUNCE_MS));
  }

  /**
   * The bundle index changed: views read from disk whose files changed (grew, were replaced) have new
   * text; views whose files are as they were read the same entries (perhaps now from the index).
   */
  bundleChanged(): void {
    for (const entry of [...this.plans.values()]) {
      if (entry.plan.kind === 'document' || typeof entry.stamp !== 'string') {
        continue;
      }
      void sourceFiles(this.host.bundle, entry.spec.source).then(async (files) => {
        if (typeof files === 'string' || !(entry.stamp as string).startsWith(`${await filesStamp(files)}#`)) {
          this.notify(entry.key, true);
        }
      });
    }
  }

  /** The editor says a view's source changed on disk: forget the plan, so the next request reads it again. */
  async refresh(uri: string): Promise<void> {
    const spec = parseViewUri(uri);
    if (!spec) {
      return;
    }
    const bundle = this.host.bundle;
    if (bundle) {
      bundle.filesChanged();
      await bundle.idle();
    }
    const key = planKey(spec);
    this.plans.get(key)?.plan.dispose();
    this.plans.delete(key);
  }

  /** The editor closed a view. */
  closed(uri: string): void {
    const spec = parseViewUri(uri);
    if (spec) {
      this.served.delete(servedKey(spec));
    }
  }

  private notify(key: string, textChanged: boolean, finished = false): void {
    const uris: string[] = [];
    for (const served of this.served.values()) {
      if (served.entry.key === key || planKey(served.spec) === key) {
        uris.push(viewUri(served.spec, served.entry.sourceName));
      }
    }
    if (uris.length > 0) {
      this.host.changed(uris, textChanged, finished);
    }
  }

  dispose(): void {
    for (const timer of this.editTimers.values()) {
      clearTimeout(timer);
    }
    for (const entry of this.plans.values()) {
      entry.plan.dispose();
    }
    this.plans.clear();
  }
}

/** A clause list that cannot be used (a bad time range or regular expression), checked before reading. */
function checkClauses(clauses: readonly FilterClause[], format: LogFormat): string | undefined {
  const probe = parseLog('', format);
  const result = matchDocument({ log: probe, sessions: { sessions: [], sessionOf: new Int32Array(0) }, sessionProblems: [], eidCounts: new Map() }, clauses);
  return typeof result === 'string' ? result : undefined;
}
