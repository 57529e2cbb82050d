/**
 * One analysis per open document version. TextDocuments owns the sync; this wraps its update step
 * to remember a single edit so the next analysis re-parses only what the edit touched.
 */
import { TextDocumentContentChangeEvent, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, formatOfLanguage, LanguageService, TextEdit } from './service/languageService';

/** Below this size a pinned old version costs little; above it, copying strings out is worth it. */
const DETACH_MIN_CHARS = 1024 * 1024;
const DETACH_DELAY_MS = 3000;
/** Entries per idle step: a few milliseconds of work, so requests in between wait little. */
const DETACH_CHUNK = 5000;

interface Pending {
  fromRevision: number;
  toRevision: number;
  edit: TextEdit;
}

/**
 * Analyses are keyed by a revision of our own, counted up on every open and every change, not by the
 * version the client sends: a client that opens a URI again without closing it, or repeats a version
 * number, would otherwise get answers about the text it replaced.
 */
export class DocumentCache {
  private readonly analyses = new Map<string, { revision: number; analysis: Analysis }>();
  private readonly pending = new Map<string, Pending>();
  private readonly revisions = new Map<string, number>();
  private nextRevision = 1;
  private readonly detachJobs = new Map<string, symbol>();
  readonly documents: TextDocuments<TextDocument>;

  constructor(private readonly service: LanguageService) {
    const config: TextDocumentsConfiguration<TextDocument> = {
      create: (uri, languageId, version, content) => {
        this.revisions.set(uri, this.nextRevision++);
        this.pending.delete(uri);
        return TextDocument.create(uri, languageId, version, content);
      },
      update: (document, changes, version) => {
        this.rememberEdit(document, changes);
        return TextDocument.update(document, changes, version);
      },
    };
    this.documents = new TextDocuments(config);
  }

  private rememberEdit(document: TextDocument, changes: TextDocumentContentChangeEvent[]): void {
    const fromRevision = this.revisions.get(document.uri) ?? 0;
    const toRevision = this.nextRevision++;
    this.revisions.set(document.uri, toRevision);
    const change = changes.length === 1 ? changes[0] : undefined;
    if (change && TextDocumentContentChangeEvent.isIncremental(change)) {
      const edit = { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), text: change.text };
      this.pending.set(document.uri, { fromRevision, toRevision, edit });
    } else {
      this.pending.delete(document.uri);
    }
  }

  /** The analysis of the document's current version, or undefined for a language we do not handle. */
  get(document: TextDocument): Analysis | undefined {
    const format = formatOfLanguage(document.languageId);
    if (!format) {
      return undefined;
    }
    const revision = this.revisions.get(document.uri) ?? 0;
    const cached = this.analyses.get(document.uri);
    if (cached && cached.revision === revision && cached.analysis.log.format === format) {
      return cached.analysis;
    }
    const pending = this.pending.get(document.uri);
    this.pending.delete(document.uri);
    let analysis: Analysis;
    if (cached && pending && cached.revision === pending.fromRevision && pending.toRevision === revision && cached.analysis.log.format === format) {
      analysis = this.service.update(cached.analysis, document.getText(), pending.edit);
    } else {
      analysis = this.service.analyze(document.getText(), format);
      this.detachLater(document.uri, analysis);
    }
    this.analyses.set(document.uri, { revision, analysis });
    return analysis;
  }

  /**
   * The entries of a full parse quote the text they were read from, so after the first edit that
   * whole version would stay in memory. For large documents, copy their strings out in idle time,
   * a chunk of entries at a time, starting a little after the parse. A newer full parse or closing
   * the document ends the job.
   */
  private detachLater(uri: string, analysis: Analysis): void {
    if (analysis.log.text.length < DETACH_MIN_CHARS) {
      return;
    }
    const job = Symbol(uri);
    this.detachJobs.set(uri, job);
    // Entries an edit keeps stay the same objects, so working through this list reaches them all.
    const entries = analysis.log.entries;
    let next = 0;
    const step = (): void => {
      if (this.detachJobs.get(uri) !== job) {
        return;
      }
      this.service.detachEntryStrings(entries, next, next + DETACH_CHUNK);
      next += DETACH_CHUNK;
      if (next < entries.length) {
        setImmediate(step);
      } else {
        this.detachJobs.delete(uri);
      }
    };
    setTimeout(step, DETACH_DELAY_MS).unref();
  }

  getByUri(uri: string): Analysis | undefined {
    const document = this.documents.get(uri);
    return document ? this.get(document) : undefined;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.revisions.delete(uri);
    this.pending.delete(uri);
    this.detachJobs.delete(uri);
  }
}
